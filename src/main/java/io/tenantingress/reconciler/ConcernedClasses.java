package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.OwnershipLabels;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which classes a change of a watched object concerns: the class reconciler's mappers. Objects every plan reads
 * (TenantIngresses, namespaces, policies) concern every class; an object the operator rendered, the class it is
 * labelled with.
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

  /** The operator's Certificate concerns its class; one written by hand, every class (a Gateway may serve it). */
  Set<ResourceID> ofCertificate(Certificate certificate) {
    return OwnershipLabels.isOperators(certificate) ? labelled(certificate) : all(certificate);
  }
}
