package io.tenantingress.testing;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.DesiredObjects;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.SecretRef;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.desired.TenantRef;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.reconciler.AppliedState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares the cluster with the exact state the operator must leave it in, computed by the operator's own pure
 * planner from what the API server holds now: every object it should have written exists once and holds what it
 * should; nothing else carries its labels; every admitted hostname is on exactly one https listener; every
 * TenantIngress's status is current, and Ready where the plan admits all its hostnames; the namespaces carry the access label and owned-hostnames
 * annotation exactly where a TenantIngress needs them.
 *
 * @param expected objects the plan calls for (namespaces not counted)
 * @param found objects carrying the operator's labels
 * @param problems every difference, one line each; none when the state is exact
 */
public record ExactState(int tenants, int expected, int found, List<String> problems) {

  private static final List<Class<? extends HasMetadata>> WRITTEN = List.of(Gateway.class, ListenerSet.class,
      ClientTrafficPolicy.class, Issuer.class, Certificate.class, HTTPRoute.class, ReferenceGrant.class);

  public boolean exact() {
    return problems.isEmpty();
  }

  public static ExactState of(KubernetesClient client) {
    List<TenantIngressClass> classes = client.resources(TenantIngressClass.class).list().getItems();
    List<TenantIngress> tenants = client.resources(TenantIngress.class).inAnyNamespace().list().getItems();
    List<Namespace> namespaces = client.namespaces().list().getItems();
    Plan plan = TenantIngressPlanner.plan(classes, tenants.stream()
            .filter(t -> t.getMetadata().getDeletionTimestamp() == null).toList(),
        ObservedFacts.fromCertificates(client.resources(Certificate.class).inAnyNamespace().list().getItems())
            .withNamespaces(namespaces));
    List<String> problems = new ArrayList<>();

    Map<String, HasMetadata> found = new HashMap<>();
    for (Class<? extends HasMetadata> kind : WRITTEN) {
      client.resources(kind).inAnyNamespace().withLabel(OwnershipLabels.MANAGED_BY, OwnershipLabels.OPERATOR).list()
          .getItems().forEach(o -> found.put(key(o), o));
    }
    List<HasMetadata> expected = plan.classes().stream().flatMap(c -> DesiredObjects.forClass(c).stream()).toList();
    for (HasMetadata want : expected) {
      HasMetadata have = found.get(key(want));
      if (have == null) {
        problems.add("missing " + key(want));
      } else if (!AppliedState.upToDate(want, have)) {
        problems.add("not as desired " + key(want));
      }
    }
    Set<String> expectedKeys = expected.stream().map(ExactState::key).collect(Collectors.toSet());
    found.keySet().stream().filter(k -> !expectedKeys.contains(k)).sorted().forEach(k -> problems.add("orphan " + k));

    hostnamesOnListeners(found.values(), plan, problems);
    statuses(tenants, plan, problems);
    namespaces(namespaces, NamespaceMetadataDesiredState.render(plan), plan, problems);
    return new ExactState(tenants.size(), expected.size(), found.size(), List.copyOf(problems));
  }

  /**
   * Each admitted hostname's certificate is on exactly one https listener: the shared Gateway's (which holds many,
   * told apart by SNI) or its tenant's ListenerSet's.
   */
  private static void hostnamesOnListeners(Iterable<HasMetadata> objects, Plan plan, List<String> problems) {
    Map<SecretRef, Integer> onListeners = new HashMap<>();
    for (HasMetadata object : objects) {
      List<Listener> list = object instanceof Gateway g ? g.getSpec().getListeners()
          : object instanceof ListenerSet l ? l.getSpec().listeners() : List.of();
      list.stream().filter(l -> "HTTPS".equals(l.getProtocol()) && l.getTls() != null)
          .flatMap(l -> l.getTls().getCertificateRefs().stream())
          .forEach(ref -> onListeners.merge(new SecretRef(Objects.requireNonNullElse(ref.getNamespace(),
              object.getMetadata().getNamespace()), ref.getName()), 1, Integer::sum));
    }
    plan.classes().stream().flatMap(c -> c.tenants().stream()).flatMap(t -> t.admitted().stream())
        .filter(h -> onListeners.getOrDefault(h.secret(), 0) != 1)
        .map(h -> "hostname " + h.hostname() + " on " + onListeners.getOrDefault(h.secret(), 0) + " https listeners")
        .distinct().sorted().forEach(problems::add);
  }

  /**
   * Ready is what the plan allows: True where every hostname is admitted (the controllers, played, accept
   * everything), False where the plan denies one (a full listener, a conflict).
   */
  private static void statuses(List<TenantIngress> tenants, Plan plan, List<String> problems) {
    Map<TenantRef, Boolean> allAdmitted = new HashMap<>();
    plan.classes().forEach(c -> c.tenants().forEach(t -> allAdmitted.put(t.ref(),
        t.admitted().size() == t.hostnames().size())));
    for (TenantIngress tenant : tenants) {
      String name = tenant.getMetadata().getNamespace() + "/" + tenant.getMetadata().getName();
      if (tenant.getMetadata().getDeletionTimestamp() != null) {
        problems.add("still deleting " + name);
        continue;
      }
      var status = tenant.getStatus();
      if (status == null || !Objects.equals(status.observedGeneration(), tenant.getMetadata().getGeneration())) {
        problems.add("status not current " + name);
        continue;
      }
      Optional<Condition> ready = status.conditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
      String expected = allAdmitted.getOrDefault(TenantRef.of(tenant), false) ? "True" : "False";
      if (!expected.equals(ready.map(Condition::getStatus).orElse("missing"))) {
        // Why, in the status's words: a difference that outlasts convergence is a bug to find from this line.
        problems.add("Ready " + ready.map(c -> c.getStatus() + " (" + c.getReason() + ": " + c.getMessage() + ")")
            .orElse("missing") + ", expected " + expected + ", " + name);
      }
    }
  }

  private static void namespaces(List<Namespace> all, List<Namespace> expected, Plan plan, List<String> problems) {
    Map<String, Namespace> want = expected.stream()
        .collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity()));
    Set<String> accessKeys = plan.classes().stream().map(c -> c.tenantClass().accessLabelKey())
        .collect(Collectors.toCollection(TreeSet::new));
    for (Namespace namespace : all) {
      String name = namespace.getMetadata().getName();
      Map<String, String> labels = Objects.requireNonNullElse(namespace.getMetadata().getLabels(), Map.of());
      Map<String, String> annotations = Objects.requireNonNullElse(namespace.getMetadata().getAnnotations(),
          Map.of());
      Namespace desired = want.get(name);
      Map<String, String> wantLabels = desired == null ? Map.of() : desired.getMetadata().getLabels();
      Map<String, String> haveLabels = labels.entrySet().stream().filter(e -> accessKeys.contains(e.getKey()))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      if (!haveLabels.equals(wantLabels)) {
        problems.add("namespace " + name + " labelled " + haveLabels + ", expected " + wantLabels);
      }
      String wantOwned = desired == null ? null
          : desired.getMetadata().getAnnotations().get(NamespaceMetadataDesiredState.OWNED_HOSTNAMES);
      if (!Objects.equals(annotations.get(NamespaceMetadataDesiredState.OWNED_HOSTNAMES), wantOwned)) {
        problems.add("namespace " + name + " owns " + annotations.get(NamespaceMetadataDesiredState.OWNED_HOSTNAMES)
            + ", expected " + wantOwned);
      }
    }
  }

  private static String key(HasMetadata object) {
    return object.getKind() + " " + Stream.of(object.getMetadata().getNamespace(), object.getMetadata().getName())
        .filter(Objects::nonNull).collect(Collectors.joining("/"));
  }
}
