package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.OwnershipLabels;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which classes a change of a watched object concerns: the class reconciler's mappers. Policies concern every
 * class; a namespace, every class when it does not carry what the operator sets on it; an object the operator
 * rendered, the class it is labelled with; a new plan, the classes it plans differently.
 */
final class ConcernedClasses {

  private final Supplier<Stream<TenantIngressClass>> classes;
  private final Supplier<Optional<PlanIndex>> published;

  /** @param published the latest plan, none before the first (never computing one) */
  ConcernedClasses(Supplier<Stream<TenantIngressClass>> classes, Supplier<Optional<PlanIndex>> published) {
    this.classes = classes;
    this.published = published;
  }

  Set<ResourceID> all(HasMetadata changed) {
    return classes.get().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  Set<ResourceID> labelled(HasMetadata rendered) {
    Map<String, String> labels = rendered.getMetadata().getLabels();
    String className = labels == null ? null : labels.get(OwnershipLabels.CLASS);
    return className == null ? Set.of() : Set.of(new ResourceID(className));
  }

  /** The classes a new plan plans differently (or made from another generation), or no longer plans. */
  static Set<ResourceID> ofNewPlan(PlanIndex previous, PlanIndex next) {
    Set<String> names = new HashSet<>(previous.classGenerations().keySet());
    names.addAll(next.classGenerations().keySet());
    return names.stream().filter(name -> !Objects.equals(previous.classGenerations().get(name),
            next.classGenerations().get(name))
            || !previous.plan().forClass(name).equals(next.plan().forClass(name)))
        .map(ResourceID::new).collect(Collectors.toSet());
  }

  /**
   * A namespace is read by a class's pass only for the labels and annotations the operator sets on it (what the
   * plan reads of it reaches the classes through the plan): it concerns the classes when it does not carry them as
   * the latest plan has them (someone took a label away; a new tenant's labels are brought by its plan), not when
   * it does (the echo of the operator's own write, a namespace created for a tenant still to come). A gateway
   * namespace, one being deleted, and any namespace before the first plan concern every class.
   */
  Set<ResourceID> ofNamespace(Namespace namespace) {
    String name = namespace.getMetadata().getName();
    Optional<PlanIndex> index = published.get();
    boolean asPlanned = index.isPresent() && namespace.getMetadata().getDeletionTimestamp() == null
        && index.get().plan().classes().stream().noneMatch(c -> name.equals(c.tenantClass().gatewayNamespace()))
        && NamespaceMetadataApplier.carries(namespace, index.get().namespaceMetadata(name).orElse(null));
    return asPlanned ? Set.of() : all(namespace);
  }

  /** The operator's Certificate concerns its class; one written by hand, every class (a Gateway may serve it). */
  Set<ResourceID> ofCertificate(Certificate certificate) {
    return OwnershipLabels.isOperators(certificate) ? labelled(certificate) : all(certificate);
  }
}
