package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.OwnershipLabels;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which classes a change of a watched object concerns: the class reconciler's mappers. Namespaces (whose labels the
 * operator writes) and policies concern every class; an object the operator rendered, the class it is labelled
 * with; a new plan, the classes it plans differently.
 */
final class ConcernedClasses {

  private final Supplier<Stream<TenantIngressClass>> classes;

  ConcernedClasses(Supplier<Stream<TenantIngressClass>> classes) {
    this.classes = classes;
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

  /** The operator's Certificate concerns its class; one written by hand, every class (a Gateway may serve it). */
  Set<ResourceID> ofCertificate(Certificate certificate) {
    return OwnershipLabels.isOperators(certificate) ? labelled(certificate) : all(certificate);
  }
}
