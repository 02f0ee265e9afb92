package io.tenantingress.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateIssuanceTest {

  @Test
  void readyMeansIssued() {
    assertThat(CertificateIssuance.issued(certificate("True", "Ready", null))).isTrue();
  }

  @Test
  void neverIssuedIsNotIssued() {
    assertThat(CertificateIssuance.issued(certificate("False", "DoesNotExist", null))).isFalse();
    assertThat(CertificateIssuance.issued(new CertificateBuilder().withNewMetadata().withName("a").withNamespace("n")
        .endMetadata().withNewSpec().withSecretName("a").endSpec().build())).isFalse();
  }

  @Test
  void anIssuedCertificateBeingReissuedStaysIssued() {
    assertThat(CertificateIssuance.issued(certificate("False", "IncorrectIssuer", 1))).isTrue();
  }

  @Test
  void anIssuedCertificateWhoseSecretIsGoneOrBrokenIsNotIssued() {
    for (String reason : List.of("DoesNotExist", "MissingData", "InvalidKeyPair", "InvalidCertificate", "Expired")) {
      assertThat(CertificateIssuance.issued(certificate("False", reason, 3))).as(reason).isFalse();
    }
  }

  @Test
  void factsNameTheSecretsOfIssuedCertificates() {
    assertThat(ObservedFacts.fromCertificates(List.of(certificate("True", "Ready", 1),
        certificate("False", "DoesNotExist", null))).issuedSecrets())
        .containsExactly(new SecretRef("gateway", "secret-True-Ready"));
  }

  private static Certificate certificate(String ready, String reason, Integer revision) {
    return new CertificateBuilder().withNewMetadata().withName("c").withNamespace("gateway")
        .withLabels(OwnershipLabels.forClass("public")).endMetadata()
        .withNewSpec().withSecretName("secret-" + ready + "-" + reason).endSpec()
        .withNewStatus().withRevision(revision).addNewCondition().withType("Ready").withStatus(ready)
        .withReason(reason).endCondition().endStatus().build();
  }
}
