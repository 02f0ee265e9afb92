package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.api.v1alpha1.RefusedObject;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.desired.TenantRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which TenantIngresses a change of a watched object concerns: the status reconciler's mappers, each re-triggering
 * exactly the tenants whose status may read the object.
 */
final class ConcernedTenants {

  /** The TenantIngresses as the mappers look them up. */
  interface Tenants {
    Stream<TenantIngress> all();

    Stream<TenantIngress> inNamespace(String namespace);

    Stream<TenantIngress> claiming(String hostname);
  }

  private final Tenants tenants;

  ConcernedTenants(Tenants tenants) {
    this.tenants = tenants;
  }

  /** Over java-operator-sdk's cache of TenantIngresses, which needs {@link ClusterView#BY_HOSTNAME} as an index. */
  static ConcernedTenants over(IndexedResourceCache<TenantIngress> cache) {
    return new ConcernedTenants(new Tenants() {
      @Override
      public Stream<TenantIngress> all() {
        return cache.list();
      }

      @Override
      public Stream<TenantIngress> inNamespace(String namespace) {
        return ClusterView.inNamespace(cache, namespace);
      }

      @Override
      public Stream<TenantIngress> claiming(String hostname) {
        return cache.byIndex(ClusterView.BY_HOSTNAME, hostname).stream();
      }
    });
  }

  /** The class's tenants, and every tenant without className: any class may become or stop being the default. */
  Set<ResourceID> ofClass(TenantIngressClass tenantClass) {
    return ids(tenants.all().filter(t -> className(t) == null
        || tenantClass.getMetadata().getName().equals(className(t))));
  }

  /**
   * Whether a class's update can change its tenants' statuses: its spec, labels or deletion, or the objects it
   * lists as refused (which the tenants concerned report). Its counts and conditions, rewritten on every pass while
   * tenants arrive, would otherwise wake every tenant of the class each time.
   */
  static boolean classUpdateConcernsTenants(TenantIngressClass updated, TenantIngressClass previous) {
    return ClusterView.beyondStatus(updated, previous) || !Objects.equals(refused(updated), refused(previous));
  }

  /**
   * Whether a TenantIngress's update in the shared cache can change its plan: its spec or metadata, or, when it
   * names no class, the class its status says served it (kept while the default class is unclear). Its own status
   * writes cannot.
   */
  static boolean tenantUpdateConcernsItsPlan(TenantIngress updated, TenantIngress previous) {
    return ClusterView.beyondStatus(updated, previous) || updated.getSpec() != null
        && updated.getSpec().className() == null && !Objects.equals(servedBy(updated), servedBy(previous));
  }

  private static String servedBy(TenantIngress tenant) {
    return tenant.getStatus() == null ? null : tenant.getStatus().className();
  }

  private static List<RefusedObject> refused(TenantIngressClass tenantClass) {
    return tenantClass.getStatus() == null ? null : tenantClass.getStatus().refused();
  }

  /**
   * The TenantIngresses a new plan decides differently for (or newly, or no longer), and the others of their
   * namespaces, whose statuses read the namespace's claims. One whose only change is what the plan does not read
   * (its status) is not among them.
   */
  static Set<ResourceID> ofNewPlan(PlanIndex previous, PlanIndex next) {
    Set<String> namespaces = new HashSet<>();
    Set<TenantRef> refs = new HashSet<>(previous.byRef().keySet());
    refs.addAll(next.byRef().keySet());
    for (TenantRef ref : refs) {
      if (!sameDecisions(previous.byRef().get(ref), next.byRef().get(ref))) {
        namespaces.add(ref.namespace());
      }
    }
    return Stream.concat(previous.byRef().keySet().stream(), next.byRef().keySet().stream())
        .filter(ref -> namespaces.contains(ref.namespace()))
        .map(ref -> new ResourceID(ref.name(), ref.namespace())).collect(Collectors.toSet());
  }

  private static boolean sameDecisions(TenantPlan before, TenantPlan after) {
    if (before == null || after == null) {
      return before == after;
    }
    return Objects.equals(before.tenant().getMetadata().getGeneration(), after.tenant().getMetadata().getGeneration())
        && Objects.equals(before.tenantClass(), after.tenantClass())
        && Objects.equals(before.classProblemReason(), after.classProblemReason())
        && Objects.equals(before.classProblemMessage(), after.classProblemMessage())
        && before.hostnames().equals(after.hostnames());
  }

  /** An object the operator rendered: the tenants of its class (and of its namespace, when it is labelled with one). */
  Set<ResourceID> ofRendered(HasMetadata rendered) {
    return OwnershipLabels.isOperators(rendered) ? ids(ofLabelledClass(rendered)) : Set.of();
  }

  /** A route: the tenants of its namespace it concerns, and whoever claims one of its hostnames elsewhere. */
  Set<ResourceID> ofRoute(HTTPRoute route) {
    if (route.getSpec() == null) {
      return Set.of();
    }
    return ids(Stream.concat(inItsNamespace(route, tenants.inNamespace(route.getMetadata().getNamespace()).toList()),
        route.getSpec().getHostnames().stream().flatMap(tenants::claiming)));
  }

  /**
   * A Certificate: the operator's concerns the tenant it was rendered for (all of its class's when it is shared);
   * one written by hand concerns the tenants that claim one of its names, which it serves meanwhile.
   */
  Set<ResourceID> ofCertificate(Certificate certificate) {
    if (OwnershipLabels.isOperators(certificate)) {
      String tenant = certificate.getMetadata().getLabels().get(OwnershipLabels.TENANT_NAME);
      return ids(ofLabelledClass(certificate).filter(t -> tenant == null || t.getMetadata().getName().equals(tenant)));
    }
    if (certificate.getSpec() == null || certificate.getSpec().getDnsNames() == null) {
      return Set.of();
    }
    return ids(certificate.getSpec().getDnsNames().stream().flatMap(tenants::claiming));
  }

  /** A namespace: its tenants (their access label and hostnames annotation live there). */
  Set<ResourceID> ofNamespace(Namespace namespace) {
    return ids(tenants.inNamespace(namespace.getMetadata().getName()));
  }

  private Stream<TenantIngress> ofLabelledClass(HasMetadata rendered) {
    Map<String, String> labels = rendered.getMetadata().getLabels();
    String className = labels.get(OwnershipLabels.CLASS);
    String namespace = labels.get(OwnershipLabels.TENANT_NAMESPACE);
    return (namespace == null ? tenants.all() : tenants.inNamespace(namespace))
        .filter(t -> className(t) == null || className.equals(className(t)));
  }

  /**
   * The TenantIngresses of a route's namespace that name one of its hostnames; all of them when the route is one
   * the status diagnoses for the whole namespace (no hostnames, a hostname nobody there claims, a parentRef without
   * a namespace).
   */
  private static Stream<TenantIngress> inItsNamespace(HTTPRoute route, List<TenantIngress> inNamespace) {
    List<String> hostnames = route.getSpec().getHostnames();
    Set<String> claimed = inNamespace.stream().flatMap(t -> ClusterView.hostnames(t).stream())
        .collect(Collectors.toSet());
    boolean wholeNamespace = hostnames.isEmpty() || !claimed.containsAll(hostnames)
        || route.getSpec().getParentRefs().stream().anyMatch(p -> p.getNamespace() == null);
    return inNamespace.stream()
        .filter(t -> wholeNamespace || hostnames.stream().anyMatch(ClusterView.hostnames(t)::contains));
  }

  private static String className(TenantIngress tenant) {
    return tenant.getSpec() == null ? null : tenant.getSpec().className();
  }

  private static Set<ResourceID> ids(Stream<TenantIngress> tenants) {
    return tenants.map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
