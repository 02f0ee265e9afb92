package io.tenantingress.reconciler;

import static io.tenantingress.desired.Fixtures.tenant;
import static io.tenantingress.desired.Fixtures.tenantWithSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.api.v1alpha1.RefusedObject;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.TenantIngressClassStatus;
import io.tenantingress.api.v1alpha1.TenantIngressStatus;
import io.tenantingress.desired.Fixtures;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.SecretRef;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.desired.TenantRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConcernedTenantsTest {

  private final TenantIngress webA = tenant("team-a", "web", 0, "a.example.com");
  private final TenantIngress apiA = tenant("team-a", "api", 1, "api.a.example.com");
  private final TenantIngress webB = tenantWithSpec("team-b", "web", 2, "className: private\nhostnames: [b.example.com]");
  private final TenantIngress squatter = tenant("team-c", "web", 3, "a.example.com");
  private final ConcernedTenants concerned = new ConcernedTenants(new InMemory(List.of(webA, apiA, webB, squatter)));

  @Test
  void aClassConcernsItsTenantsAndEveryTenantWithoutClassName() {
    assertThat(concerned.ofClass(Fixtures.tenantClass("private", 0, "gateway: {namespace: gw}")))
        .containsExactlyInAnyOrder(id(webA), id(apiA), id(webB), id(squatter));
    assertThat(concerned.ofClass(Fixtures.tenantClass("other", 0, "gateway: {namespace: gw}")))
        .doesNotContain(id(webB));
  }

  @Test
  void aClassUpdateConcernsTenantsOnlyWhenItsSpecOrItsRefusedObjectsChange() {
    TenantIngressClass before = Fixtures.tenantClass("private", 0, "gateway: {namespace: gw}");
    before.setStatus(new TenantIngressClassStatus(1L, List.of(), "gw/shared", 10, 20, List.of()));
    TenantIngressClass counted = Fixtures.tenantClass("private", 0, "gateway: {namespace: gw}");
    counted.setStatus(new TenantIngressClassStatus(1L, List.of(), "gw/shared", 11, 22, List.of()));
    assertThat(ConcernedTenants.classUpdateConcernsTenants(counted, before)).isFalse();

    TenantIngressClass refusing = Fixtures.tenantClass("private", 0, "gateway: {namespace: gw}");
    refusing.setStatus(new TenantIngressClassStatus(1L, List.of(), "gw/shared", 11, 22, List.of(
        new RefusedObject("HTTPRoute", "team-a", "web", "team-a/web", "denied"))));
    assertThat(ConcernedTenants.classUpdateConcernsTenants(refusing, counted)).isTrue();

    TenantIngressClass edited = Fixtures.tenantClass("private", 0, "gateway: {namespace: gw2}");
    edited.getMetadata().setGeneration(2L);
    edited.setStatus(counted.getStatus());
    assertThat(ConcernedTenants.classUpdateConcernsTenants(edited, counted)).isTrue();
  }

  @Test
  void aTenantsOwnStatusWriteConcernsItsPlanOnlyWhenItNamesNoClassAndTheClassThatServedItChanges() {
    TenantIngress before = tenant("team-a", "web", 0, "a.example.com");
    TenantIngress statusWritten = tenant("team-a", "web", 0, "a.example.com");
    statusWritten.setStatus(new TenantIngressStatus(1L, null, null, null, null));
    assertThat(ConcernedTenants.tenantUpdateConcernsItsPlan(statusWritten, before)).isFalse();
    TenantIngress served = tenant("team-a", "web", 0, "a.example.com");
    served.setStatus(new TenantIngressStatus(1L, "private", null, null, null));
    assertThat(ConcernedTenants.tenantUpdateConcernsItsPlan(served, statusWritten)).isTrue();
    TenantIngress edited = tenant("team-a", "web", 0, "b.example.com");
    edited.getMetadata().setGeneration(2L);
    assertThat(ConcernedTenants.tenantUpdateConcernsItsPlan(edited, before)).isTrue();

    TenantIngress naming = tenantWithSpec("team-b", "web", 2, "className: private\nhostnames: [b.example.com]");
    TenantIngress namingServed = tenantWithSpec("team-b", "web", 2, "className: private\nhostnames: [b.example.com]");
    namingServed.setStatus(new TenantIngressStatus(1L, "private", null, null, null));
    assertThat(ConcernedTenants.tenantUpdateConcernsItsPlan(namingServed, naming))
        .as("the class it names is what it is planned with").isFalse();
  }

  @Test
  void aNewPlanConcernsTheTenantsItDecidesDifferentlyForWithTheirNamespaceButNotOneWhoseStatusWasWritten() {
    List<TenantIngressClass> classes = List.of(Fixtures.defaultClass("public", Fixtures.DIRECT_HTTP01));
    PlanIndex pending = planned(classes, ObservedFacts.NONE, webA, apiA, squatter);
    SecretRef secret = pending.tenant(TenantRef.of(webA)).orElseThrow().hostnames().get(0).secret();
    ObservedFacts issuedFacts = new ObservedFacts(Set.of(secret));
    PlanIndex issued = planned(classes, issuedFacts, webA, apiA, squatter);
    assertThat(ConcernedTenants.ofNewPlan(pending, issued)).containsExactlyInAnyOrder(id(webA), id(apiA));

    // The cache holds a new object after each status write; the plan does not read what changed.
    TenantIngress statusWritten = tenant("team-a", "web", 0, "a.example.com");
    statusWritten.getMetadata().setResourceVersion("2");
    statusWritten.setStatus(new TenantIngressStatus(1L, null, null, null, null));
    PlanIndex rewritten = planned(classes, issuedFacts, statusWritten, apiA, squatter);
    assertThat(ConcernedTenants.ofNewPlan(issued, rewritten)).isEmpty();

    assertThat(ConcernedTenants.ofNewPlan(rewritten, planned(classes, issuedFacts, statusWritten, apiA)))
        .containsExactly(id(squatter));
  }

  private static PlanIndex planned(List<TenantIngressClass> classes, ObservedFacts facts, TenantIngress... tenants) {
    return PlanIndex.of(TenantIngressPlanner.plan(classes, List.of(tenants), facts), classes,
        Optional.empty());
  }

  @Test
  void aRenderedObjectConcernsTheTenantsOfItsClassInItsNamespace() {
    Gateway shared = new GatewayBuilder().withNewMetadata().withNamespace("gw").withName("shared")
        .withLabels(OwnershipLabels.forClass("private")).endMetadata().build();
    assertThat(concerned.ofRendered(shared)).containsExactlyInAnyOrder(id(webA), id(apiA), id(webB), id(squatter));
    Gateway dedicated = new GatewayBuilder(shared).editMetadata().addToLabels(OwnershipLabels.TENANT_NAMESPACE,
        "team-b").endMetadata().build();
    assertThat(concerned.ofRendered(dedicated)).containsExactly(id(webB));
  }

  @Test
  void anObjectSomeoneElseWroteConcernsNobodyEvenWithTheOperatorsClassLabel() {
    Gateway handWritten = new GatewayBuilder().withNewMetadata().withNamespace("gw").withName("shared")
        .withLabels(Map.of(OwnershipLabels.CLASS, "private")).endMetadata().build();
    assertThat(concerned.ofRendered(handWritten)).isEmpty();
  }

  @Test
  void aRouteConcernsTheTenantsOfItsNamespaceThatNameItsHostnamesAndTheirClaimersElsewhere() {
    assertThat(concerned.ofRoute(route("team-a", "gw", "a.example.com")))
        .containsExactlyInAnyOrder(id(webA), id(squatter));
  }

  @Test
  void aRouteTheStatusDiagnosesForTheWholeNamespaceConcernsAllItsTenants() {
    assertThat(concerned.ofRoute(route("team-a", "gw", "nobody.example.com")))
        .containsExactlyInAnyOrder(id(webA), id(apiA));
    assertThat(concerned.ofRoute(route("team-a", "gw"))).containsExactlyInAnyOrder(id(webA), id(apiA));
    assertThat(concerned.ofRoute(route("team-a", null, "api.a.example.com")))
        .containsExactlyInAnyOrder(id(webA), id(apiA));
  }

  @Test
  void theOperatorsCertificateConcernsItsTenantAndAHandWrittenOneWhoeverClaimsItsNames() {
    Certificate rendered = new CertificateBuilder().withNewMetadata().withNamespace("gw").withName("team-a.a")
        .withLabels(Map.of(OwnershipLabels.MANAGED_BY, OwnershipLabels.OPERATOR, OwnershipLabels.CLASS, "public",
            OwnershipLabels.TENANT_NAMESPACE, "team-a", OwnershipLabels.TENANT_NAME, "web"))
        .endMetadata().build();
    assertThat(concerned.ofCertificate(rendered)).containsExactly(id(webA));
    Certificate byHand = new CertificateBuilder().withNewMetadata().withNamespace("gw").withName("team-a-tls")
        .endMetadata().withNewSpec().withDnsNames("a.example.com", "b.example.com").endSpec().build();
    assertThat(concerned.ofCertificate(byHand)).containsExactlyInAnyOrder(id(webA), id(squatter), id(webB));
  }

  @Test
  void aNamespaceConcernsItsTenants() {
    assertThat(concerned.ofNamespace(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata()
        .build())).containsExactlyInAnyOrder(id(webA), id(apiA));
  }

  private static HTTPRoute route(String namespace, String parentNamespace, String... hostnames) {
    return new HTTPRouteBuilder().withNewMetadata().withNamespace(namespace).withName("r").endMetadata()
        .withNewSpec().addNewParentRef().withName("shared").withNamespace(parentNamespace).endParentRef()
        .withHostnames(hostnames).endSpec().build();
  }

  private static ResourceID id(TenantIngress tenant) {
    return ResourceID.fromResource(tenant);
  }

  private record InMemory(List<TenantIngress> tenants) implements ConcernedTenants.Tenants {
    @Override
    public Stream<TenantIngress> all() {
      return tenants.stream();
    }

    @Override
    public Stream<TenantIngress> inNamespace(String namespace) {
      return tenants.stream().filter(t -> t.getMetadata().getNamespace().equals(namespace));
    }

    @Override
    public Stream<TenantIngress> claiming(String hostname) {
      Set<TenantIngress> claimers = tenants.stream().filter(t -> ClusterView.hostnames(t).contains(hostname))
          .collect(Collectors.toSet());
      return claimers.stream();
    }
  }
}
