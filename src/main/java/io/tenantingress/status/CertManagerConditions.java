package io.tenantingress.status;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateCondition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reading what cert-manager reports on a Certificate. Reading only; judging is the verdicts'. */
final class CertManagerConditions {

  private CertManagerConditions() {
  }

  static List<CertificateCondition> conditions(Certificate certificate) {
    return certificate == null || certificate.getStatus() == null ? List.of()
        : Objects.requireNonNullElse(certificate.getStatus().getConditions(), List.of());
  }

  static Optional<CertificateCondition> find(Certificate certificate, String type) {
    return conditions(certificate).stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean has(Certificate certificate, String type, String status) {
    return find(certificate, type).filter(c -> status.equals(c.getStatus())).isPresent();
  }

  /** Whether cert-manager's Ready verdict is about the Certificate as it is now (the operator may just have changed it). */
  static boolean readyIsCurrent(Certificate certificate) {
    Long generation = certificate.getMetadata().getGeneration();
    return find(certificate, "Ready").map(CertificateCondition::getObservedGeneration)
        .map(observed -> generation == null || observed >= generation).orElse(true);
  }
}
