package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.Fixtures;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.TenantIngressPlanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConcernedClassesTest {

  private PlanIndex published;
  private final ConcernedClasses concerned = new ConcernedClasses(() -> List.of(
      Fixtures.tenantClass("public", 0, "gateway: {namespace: gw}"),
      Fixtures.tenantClass("private", 1, "gateway: {namespace: gw2}")).stream(), () -> Optional.ofNullable(published));

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
    return PlanIndex.of(TenantIngressPlanner.plan(classes, List.of(tenants), ObservedFacts.NONE), classes,
        Optional.empty());
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

  @Test
  void aNamespaceConcernsTheClassesOnlyWhenItDoesNotCarryWhatTheOperatorSetsOnIt() {
    Namespace teamA = new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build();
    assertThat(concerned.ofNamespace(teamA)).as("before the first plan").hasSize(2);

    List<TenantIngressClass> classes = List.of(Fixtures.defaultClass("public", Fixtures.DIRECT_HTTP01));
    published = planned(classes, Fixtures.tenant("team-a", "web", 2, "a.example.com"));
    Namespace desired = published.namespaceMetadata("team-a").orElseThrow();
    assertThat(desired.getMetadata().getLabels()).isNotEmpty();
    assertThat(concerned.ofNamespace(teamA)).as("its labels still to be set").hasSize(2);
    assertThat(concerned.ofNamespace(carrying("team-a", desired.getMetadata().getLabels(),
        desired.getMetadata().getAnnotations()))).as("the echo of the operator's write").isEmpty();
    assertThat(concerned.ofNamespace(carrying("team-a", desired.getMetadata().getLabels(), Map.of())))
        .as("its hostnames annotation taken away").hasSize(2);
    assertThat(concerned.ofNamespace(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata()
        .build())).as("a namespace with no tenant yet").isEmpty();
    assertThat(concerned.ofNamespace(carrying("team-b", desired.getMetadata().getLabels(), Map.of())))
        .as("a namespace whose tenant left, still labelled").hasSize(2);

    Namespace deleting = carrying("team-a", desired.getMetadata().getLabels(), desired.getMetadata().getAnnotations());
    deleting.getMetadata().setDeletionTimestamp("2026-12-03T08:00:00Z");
    assertThat(concerned.ofNamespace(deleting)).hasSize(2);
    String gatewayNamespace = published.plan().classes().get(0).tenantClass().gatewayNamespace();
    assertThat(concerned.ofNamespace(new NamespaceBuilder().withNewMetadata().withName(gatewayNamespace)
        .endMetadata().build())).as("a gateway namespace").hasSize(2);
  }

  /** A namespace with these labels and annotations, set by the operator's server-side apply. */
  private static Namespace carrying(String name, Map<String, String> labels, Map<String, String> annotations) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("f:labels", owned(labels));
    fields.put("f:annotations", owned(annotations));
    return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations)
        .addNewManagedField().withManager(ManagedObjectApplier.FIELD_MANAGER).withOperation("Apply")
        .withFieldsType("FieldsV1").withNewFieldsV1().addToAdditionalProperties("f:metadata", fields).endFieldsV1()
        .endManagedField().endMetadata().build();
  }

  private static Map<String, Object> owned(Map<String, String> keys) {
    Map<String, Object> owned = new HashMap<>();
    keys.keySet().forEach(k -> owned.put("f:" + k, Map.of()));
    return owned;
  }
}
