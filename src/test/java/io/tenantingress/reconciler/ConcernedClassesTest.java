package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.desired.Fixtures;
import io.tenantingress.desired.OwnershipLabels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcernedClassesTest {

  private final ConcernedClasses concerned = new ConcernedClasses(() -> List.of(
      Fixtures.tenantClass("public", 0, "gateway: {namespace: gw}"),
      Fixtures.tenantClass("private", 1, "gateway: {namespace: gw2}")).stream());

  @Test
  void whatEveryPlanReadsConcernsEveryClass() {
    assertThat(concerned.all(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build()))
        .containsExactlyInAnyOrder(new ResourceID("public"), new ResourceID("private"));
  }

  @Test
  void aRenderedObjectConcernsItsLabelledClassAndAHandWrittenCertificateEveryClass() {
    Certificate rendered = new CertificateBuilder().withNewMetadata().withNamespace("gw").withName("c")
        .withLabels(Map.of(OwnershipLabels.MANAGED_BY, OwnershipLabels.OPERATOR, OwnershipLabels.CLASS, "private"))
        .endMetadata().build();
    assertThat(concerned.ofCertificate(rendered)).containsExactly(new ResourceID("private"));
    Certificate byHand = new CertificateBuilder().withNewMetadata().withNamespace("gw").withName("team-a-tls")
        .endMetadata().build();
    assertThat(concerned.ofCertificate(byHand)).hasSize(2);
    assertThat(concerned.labelled(byHand)).isEmpty();
  }
}
