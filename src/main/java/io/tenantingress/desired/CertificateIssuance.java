package io.tenantingress.desired;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether cert-manager has issued a Certificate into its Secret, from the Certificate's status alone (the
 * operator has no access to Secrets). {@code Ready=True} says so. A Certificate once issued ({@code
 * status.revision}) that turns not Ready because its spec changed (another issuer, say) still has a valid
 * certificate in its Secret while the next one is issued, so it stays listed; only the reasons that say the
 * Secret itself is missing or broken take it off.
 */
public final class CertificateIssuance {

  /** cert-manager's Ready reasons for a Secret that holds no usable key pair. */
  private static final Set<String> SECRET_UNUSABLE = Set.of("DoesNotExist", "MissingData", "InvalidKeyPair",
      "InvalidCertificate", "Expired");

  private CertificateIssuance() {
  }

  public static boolean issued(Certificate certificate) {
    if (certificate.getSpec() == null || certificate.getSpec().getSecretName() == null
        || certificate.getStatus() == null) {
      return false;
    }
    Optional<CertificateCondition> ready = ready(certificate);
    if (ready.isPresent() && "True".equals(ready.get().getStatus())) {
      return true;
    }
    return certificate.getStatus().getRevision() != null
        && ready.map(c -> !SECRET_UNUSABLE.contains(c.getReason())).orElse(false);
  }

  /** A loop, not a stream: every plan asks this of every Certificate in the cluster. */
  static Optional<CertificateCondition> ready(Certificate certificate) {
    List<CertificateCondition> conditions = certificate.getStatus().getConditions();
    if (conditions != null) {
      for (CertificateCondition condition : conditions) {
        if ("Ready".equals(condition.getType())) {
          return Optional.of(condition);
        }
      }
    }
    return Optional.empty();
  }
}
