package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.Fixtures;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.TenantIngressPlanner;
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
  void aNewPlanConcernsTheClassesItPlansDifferentlyOrFromAnotherGeneration() {
    TenantIngressClass publicClass = Fixtures.defaultClass("public", Fixtures.DIRECT_HTTP01);
    TenantIngressClass privateClass = Fixtures.tenantClass("private", 1, Fixtures.DIRECT_HTTP01
        + "gateway: {namespace: gw2}");
    List<TenantIngressClass> classes = List.of(publicClass, privateClass);
    TenantIngress web = Fixtures.tenant("team-a", "web", 2, "a.example.com");
    PlanIndex before = planned(classes);
    assertThat(ConcernedClasses.ofNewPlan(before, planned(classes))).isEmpty();
    assertThat(ConcernedClasses.ofNewPlan(before, planned(classes, web))).containsExactly(new ResourceID("public"));

    TenantIngressClass edited = Fixtures.tenantClass("private", 1, Fixtures.DIRECT_HTTP01
        + "gateway: {namespace: gw2}");
    edited.getMetadata().setGeneration(2L);
    assertThat(ConcernedClasses.ofNewPlan(before, planned(List.of(publicClass, edited))))
        .containsExactly(new ResourceID("private"));
    assertThat(ConcernedClasses.ofNewPlan(before, planned(List.of(publicClass))))
        .containsExactly(new ResourceID("private"));
  }

  private static PlanIndex planned(List<TenantIngressClass> classes, TenantIngress... tenants) {
    return PlanIndex.of(TenantIngressPlanner.plan(classes, List.of(tenants), ObservedFacts.NONE), classes);
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
