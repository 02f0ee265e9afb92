package io.tenantingress.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressStatus;
import io.tenantingress.desired.Fixtures;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.SecretRef;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.gatewayapi.ListenerSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every state a TenantIngress's status can report, from plan and observed objects alone. */
class TenantIngressStatusComputerTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final SecretRef SECRET = new SecretRef("gateway", "team-a.a.example.com");

  private TenantIngress tenant = Fixtures.tenantWithSpec("team-a", "web", 1, "hostnames: [a.example.com]");
  private ObservedFacts facts = ObservedFacts.NONE;
  private Gateway gateway = programmedGateway();
  private final List<HTTPRoute> routes = new ArrayList<>();
  private final List<HTTPRoute> routesElsewhere = new ArrayList<>();
  private final List<ListenerSet> listenerSets = new ArrayList<>();
  private final List<io.tenantingress.api.v1alpha1.RefusedObject> refused = new ArrayList<>();
  private Certificate certificate = certificate("True", "Ready", "up to date");

  {
    tenant.getMetadata().setGeneration(1L);
  }

  @Test
  void aTenantWithoutClassIsNotAccepted() {
    TenantIngressStatus status = TenantIngressStatusComputer.compute(tenant,
        planOf(List.of()).unresolved().get(0), Optional.empty(), observed(), NOW);
    assertThat(condition(status, "Accepted")).isEqualTo("False/NoDefaultClass");
    assertThat(condition(status, "Ready")).isEqualTo("False/NoDefaultClass");
  }

  @Test
  void aPendingCertificateIsTheFirstBlocker() {
    routes.add(route("True", "Accepted"));
    TenantIngressStatus status = compute();
    assertThat(condition(status, "Accepted")).isEqualTo("True/Accepted");
    assertThat(condition(status, "Programmed")).isEqualTo("True/Programmed");
    assertThat(condition(status, "CertificatesReady")).isEqualTo("False/CertificatePending");
    assertThat(condition(status, "Ready")).isEqualTo("False/CertificatePending");
    assertThat(status.hostnames()).singleElement().satisfies(h -> {
      assertThat(h.state()).isEqualTo(HostnameState.Pending);
      assertThat(h.certificate().secretName()).isEqualTo(SECRET.name());
    });
  }

  @Test
  void aTenantIsReadyWhenProgrammedCertificatedAndRouted() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    TenantIngressStatus status = compute();
    assertThat(condition(status, "Ready")).isEqualTo("True/Ready");
    assertThat(status.gateway().addresses()).containsExactly("192.0.2.1");
    assertThat(status.hostnames()).singleElement().satisfies(h -> {
      assertThat(h.state()).isEqualTo(HostnameState.Ready);
      assertThat(h.routes()).singleElement().satisfies(r -> assertThat(r.conditions()).isNotEmpty());
    });
    assertThat(status.conditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));
  }

  @Test
  void gatewayConditionsOfAnOlderGenerationDoNotMakeANewTenantReady() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    gateway.getMetadata().setGeneration(4L);
    gateway.getStatus().getConditions().forEach(c -> c.setObservedGeneration(1L));
    TenantIngressStatus status = compute();
    assertThat(condition(status, "Programmed")).isEqualTo("False/Pending");
    assertThat(find(status, "Programmed").getMessage()).contains("generation 4", "generation 1");
    assertThat(condition(status, "Ready")).isEqualTo("False/Pending");

    // Once Envoy Gateway has judged the generation, Ready; another tenant's next change to the shared Gateway
    // (generation 5, not judged yet) does not flip it.
    gateway.getStatus().getConditions().forEach(c -> c.setObservedGeneration(4L));
    tenant.setStatus(compute());
    assertThat(condition(tenant.getStatus(), "Ready")).isEqualTo("True/Ready");
    gateway.getMetadata().setGeneration(5L);
    assertThat(condition(compute(), "Ready")).isEqualTo("True/Ready");
  }

  @Test
  void aRouteVerdictOfAnOlderGenerationIsStillPending() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    HTTPRoute route = route("True", "Accepted");
    route.getMetadata().setGeneration(2L);
    route.getStatus().getParents().get(0).getConditions().forEach(c -> c.setObservedGeneration(1L));
    routes.add(route);
    TenantIngressStatus status = compute();
    assertThat(condition(status, "RoutesAttached")).isEqualTo("False/RoutePending");
    assertThat(find(status, "RoutesAttached").getMessage()).contains("judged generation 1");
  }

  @Test
  void aRouteOnlyOnTheHttpListenerDoesNotServeTheHostname() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(new HTTPRouteBuilder(route("True", "Accepted")).editSpec().editFirstParentRef()
        .withSectionName("http").endParentRef().endSpec().build());
    assertThat(condition(compute(), "RoutesAttached")).isEqualTo("False/NoRoute");
  }

  @Test
  void anIssuedCertificateNotYetOnTheListenerIsNotReady() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    gateway = new GatewayBuilder(gateway).editSpec().withListeners().endSpec().build();
    TenantIngressStatus status = compute();
    assertThat(condition(status, "CertificatesReady")).isEqualTo("False/ListenerPending");
    assertThat(condition(status, "Ready")).isEqualTo("False/ListenerPending");
  }

  @Test
  void aRouteFromAnUnlabelledNamespaceSaysWhichLabelIsMissing() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("False", "NotAllowedByListeners"));
    TenantIngressStatus status = compute();
    Condition attached = find(status, "RoutesAttached");
    assertThat(attached.getReason()).isEqualTo("NotAllowedByListeners");
    assertThat(attached.getMessage()).contains("shared-gateway-access=true");
    assertThat(condition(status, "Ready")).isEqualTo("False/NotAllowedByListeners");
  }

  @Test
  void aHostnameWithoutRouteIsNotServed() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    TenantIngressStatus status = compute();
    assertThat(condition(status, "RoutesAttached")).isEqualTo("False/NoRoute");
    assertThat(find(status, "RoutesAttached").getMessage()).contains("namespace gateway");
  }

  @Test
  void aRouteForAHostnameNobodyClaimsIsReported() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    routes.add(new HTTPRouteBuilder(route("True", "Accepted")).editMetadata().withName("stray").endMetadata()
        .editSpec().withHostnames("other.example.com").endSpec().build());
    assertThat(condition(compute(), "RoutesAttached")).isEqualTo("False/HostnameNotClaimed");
  }

  @Test
  void theOperatorsRouteForAHostnameJustRemovedFromTheSpecFlipsNothing() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    // Rendered for a hostname the spec no longer claims: the operator deletes it on its next pass.
    routes.add(new HTTPRouteBuilder(route("True", "Accepted")).editMetadata().withName("gone.example.com")
        .withLabels(io.tenantingress.desired.OwnershipLabels.forTenant("public",
            new io.tenantingress.desired.TenantRef("team-a", "web"))).endMetadata()
        .editSpec().withHostnames("gone.example.com").endSpec().build());
    assertThat(condition(compute(), "Ready")).isEqualTo("True/Ready");
  }

  @Test
  void anotherNamespacesRouteForThisTenantsHostnameIsReported() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    routesElsewhere.add(new HTTPRouteBuilder(route("True", "Accepted")).editMetadata().withNamespace("team-b")
        .withName("hijack").endMetadata().build());
    TenantIngressStatus status = compute();
    assertThat(condition(status, "RoutesAttached")).isEqualTo("False/HostnameServedElsewhere");
    assertThat(find(status, "RoutesAttached").getMessage()).contains("team-b/hijack").contains("ListenerSet");
  }

  @Test
  void theHttpsListenerRejectingACertificateIsReported() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    gateway = new GatewayBuilder(gateway).editStatus().addNewListener().withName("https")
        .withConditions(condition("ResolvedRefs", "False", "InvalidCertificateRef", "secret has no tls.crt"))
        .endListener().endStatus().build();
    TenantIngressStatus status = compute();
    assertThat(condition(status, "CertificatesReady")).isEqualTo("False/InvalidCertificateRef");
    assertThat(find(status, "CertificatesReady").getMessage()).contains("secret has no tls.crt");
  }

  @Test
  void anotherNamespacesRouteTheGatewayRefusedTakesNothing() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    routesElsewhere.add(new HTTPRouteBuilder(route("False", "NotAllowedByListeners")).editMetadata()
        .withNamespace("stray").withName("take-a").endMetadata().build());
    assertThat(condition(compute(), "Ready")).isEqualTo("True/Ready");
  }

  @Test
  void certManagersChallengeRouteInTheGatewayNamespaceIsNoHijack() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    routesElsewhere.add(solverRoute("gateway", "True", "Accepted"));
    assertThat(condition(compute(), "Ready")).isEqualTo("True/Ready");
  }

  @Test
  void aRouteThatOnlyCopiesTheSolverLabelIsJudgedLikeAnyOther() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    routesElsewhere.add(new HTTPRouteBuilder(solverRoute("team-b", "True", "Accepted")).editMetadata()
        .withOwnerReferences(List.of()).endMetadata().build());
    assertThat(condition(compute(), "RoutesAttached")).isEqualTo("False/HostnameServedElsewhere");
  }

  @Test
  void whileTheCertificateIsPendingTheChallengeRouteShowsOnTheHostname() {
    routes.add(route("True", "Accepted"));
    routesElsewhere.add(solverRoute("gateway", "True", "Accepted"));
    TenantIngressStatus status = compute();
    assertThat(condition(status, "CertificatesReady")).isEqualTo("False/CertificatePending");
    assertThat(status.hostnames()).singleElement().satisfies(h -> assertThat(h.message())
        .contains("HTTP-01 challenge").contains("gateway/cm-acme-http-solver-x").contains("is accepted by Gateway"));
    assertThat(condition(status, "RoutesAttached")).isEqualTo("True/RoutesAccepted");
  }

  @Test
  void aChallengeRouteTheGatewayRefusesIsAProblemWithItsFix() {
    routes.add(route("True", "Accepted"));
    routesElsewhere.add(solverRoute("gateway", "False", "NotAllowedByListeners"));
    TenantIngressStatus status = compute();
    assertThat(condition(status, "Ready")).isEqualTo("False/ChallengeNotAccepted");
    assertThat(find(status, "CertificatesReady").getMessage()).contains("NotAllowedByListeners")
        .contains("needs the label shared-gateway-access=true");
  }

  @Test
  void aChallengeRouteWithoutAVerdictIsProgress() {
    routes.add(route("True", "Accepted"));
    HTTPRoute pending = solverRoute("gateway", "True", "Accepted");
    pending.setStatus(null);
    routesElsewhere.add(pending);
    TenantIngressStatus status = compute();
    assertThat(condition(status, "Ready")).isEqualTo("False/CertificatePending");
    assertThat(status.hostnames().get(0).message()).contains("no verdict from Envoy Gateway yet");
  }

  @Test
  void aPartiallyInvalidListenerBlamesOnlyTheSecretsItNames() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    gateway = new GatewayBuilder(gateway).editStatus().addNewListener().withName("https")
        .withConditions(condition("ResolvedRefs", "False", "PartiallyInvalidCertificateRef",
            "Some secrets are invalid: team-b/team-a.a.example.com must contain a matching tls.crt and tls.key"))
        .endListener().endStatus().build();
    assertThat(condition(compute(), "Ready")).as("another namespace's Secret of the same name").isEqualTo("True/Ready");

    gateway = new GatewayBuilder(gateway).editStatus().editFirstListener()
        .withConditions(condition("ResolvedRefs", "False", "PartiallyInvalidCertificateRef",
            "Some secrets are invalid: gateway/team-a.a.example.com must contain a matching tls.crt and tls.key"))
        .endListener().endStatus().build();
    TenantIngressStatus status = compute();
    assertThat(condition(status, "CertificatesReady")).isEqualTo("False/PartiallyInvalidCertificateRef");
    assertThat(find(status, "CertificatesReady").getMessage()).contains("gateway/team-a.a.example.com");
  }

  @Test
  void anObjectTheApiServerRefusedIsTheTenantsProblemWithTheServersWords() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    refused.add(new io.tenantingress.api.v1alpha1.RefusedObject("HTTPRoute", "team-a", "a.example.com",
        "team-a/web", "admission policy denied the request"));
    TenantIngressStatus status = compute();
    assertThat(condition(status, "Ready")).isEqualTo("False/ApplyRefused");
    assertThat(find(status, "Ready").getMessage()).contains("HTTPRoute team-a/a.example.com")
        .contains("admission policy denied the request");
  }

  @Test
  void onListenerSetsTheHostnamesOwnListenerIsTheOneThatCounts() {
    Plan plan = onListenerSets();
    ListenerSet listenerSet = listenerSetServingA(1L);
    listenerSet.setStatus(new ListenerSetStatus(List.of(), List.of(new ListenerStatusBuilder().withName("a.example.com")
        .withConditions(condition("ResolvedRefs", "False", "InvalidCertificateRef", "tls.crt is not PEM"),
            condition("Programmed", "False", "Invalid", "Listener is invalid, see other Conditions for details."))
        .build())));
    listenerSets.add(listenerSet);

    TenantIngressStatus status = TenantIngressStatusComputer.compute(tenant, plan.classes().get(0).tenants().get(0),
        GatewayInstance.of(plan.classes().get(0)).stream().findFirst(), observed(), NOW);
    assertThat(condition(status, "CertificatesReady")).isEqualTo("False/InvalidCertificateRef");
    assertThat(find(status, "CertificatesReady").getMessage()).contains("tls.crt is not PEM");
    // The listener is not programmed because of its certificate: that is what the tenant is told, not "invalid".
    assertThat(condition(status, "Ready")).isEqualTo("False/InvalidCertificateRef");
    assertThat(status.hostnames()).singleElement().satisfies(h -> assertThat(h.message())
        .contains("rejects its certificate"));
  }

  @Test
  void onListenerSetsReadyWaitsForEnvoyGatewaysVerdictOnTheListenerSetsCurrentGeneration() {
    Plan plan = onListenerSets();
    TenantPlan tenantPlan = plan.classes().get(0).tenants().get(0);
    Optional<GatewayInstance> instance = GatewayInstance.of(plan.classes().get(0)).stream().findFirst();
    ListenerSet listenerSet = listenerSetServingA(3L);
    Condition programmed = condition("Programmed", "True", "Programmed", "");
    programmed.setObservedGeneration(2L);
    listenerSet.setStatus(new ListenerSetStatus(List.of(condition("Accepted", "True", "Accepted", "")),
        List.of(new ListenerStatusBuilder().withName("a.example.com").withConditions(programmed).build())));
    listenerSets.add(listenerSet);
    routes.add(new HTTPRouteBuilder(route("True", "Accepted")).editSpec().editFirstParentRef().withKind("ListenerSet")
        .withName("tenantingress-shared").withNamespace(null).withSectionName("a.example.com").endParentRef()
        .endSpec().editStatus().editFirstParent().editParentRef().withKind("ListenerSet")
        .withName("tenantingress-shared").withNamespace(null).withSectionName("a.example.com").endParentRef()
        .endParent().endStatus().build());

    TenantIngressStatus status = TenantIngressStatusComputer.compute(tenant, tenantPlan, instance, observed(), NOW);
    assertThat(condition(status, "Programmed")).isEqualTo("False/Pending");
    assertThat(find(status, "Programmed").getMessage()).contains("listener a.example.com of ListenerSet "
        + "team-a/tenantingress-shared", "generation 3", "generation 2");
    assertThat(condition(status, "Ready")).isEqualTo("False/Pending");

    programmed.setObservedGeneration(3L);
    programmed.setStatus("False");
    programmed.setReason("Invalid");
    programmed.setMessage("listener has a hostname conflict");
    status = TenantIngressStatusComputer.compute(tenant, tenantPlan, instance, observed(), NOW);
    assertThat(condition(status, "Ready")).isEqualTo("False/Invalid");
    assertThat(status.hostnames()).singleElement().satisfies(h -> assertThat(h.message())
        .contains("hostname conflict"));

    programmed.setStatus("True");
    programmed.setReason("Programmed");
    tenant.setStatus(TenantIngressStatusComputer.compute(tenant, tenantPlan, instance, observed(), NOW));
    assertThat(condition(tenant.getStatus(), "Ready")).isEqualTo("True/Ready");
    // Another hostname of the namespace changes the ListenerSet: a Ready tenant stays Ready while Envoy Gateway
    // catches up, as on the shared Gateway.
    listenerSet.getMetadata().setGeneration(4L);
    assertThat(condition(TenantIngressStatusComputer.compute(tenant, tenantPlan, instance, observed(), NOW),
        "Ready")).isEqualTo("True/Ready");
  }

  @Test
  void aCertificateCertManagerHasNotJudgedSinceTheOperatorChangedItIsPending() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    certificate.getMetadata().setGeneration(2L);
    certificate.getStatus().getConditions().get(0).setObservedGeneration(1L);
    TenantIngressStatus status = compute();
    assertThat(condition(status, "CertificatesReady")).isEqualTo("False/CertificatePending");
    assertThat(find(status, "CertificatesReady").getMessage()).contains("generation 2", "generation 1");

    certificate.getStatus().getConditions().get(0).setObservedGeneration(2L);
    assertThat(condition(compute(), "Ready")).isEqualTo("True/Ready");
  }

  @Test
  void aCertificateCertManagerCannotIssueSaysWhy() {
    facts = Fixtures.issued("gateway/team-a.a.example.com");
    routes.add(route("True", "Accepted"));
    certificate = certificate("False", "Failed", "ACME challenge failed: DNS points elsewhere");
    assertThat(find(compute(), "CertificatesReady").getMessage()).contains("DNS points elsewhere");
  }

  @Test
  void aFailedIssuanceReachesTheTenantInCertManagersWordsWithAFixAnAppTeamCanActOn() {
    routes.add(route("True", "Accepted"));
    certificate = new CertificateBuilder(certificate("False", "DoesNotExist", "Issuing certificate as Secret does "
        + "not exist")).editStatus().withLastFailureTime("2026-06-01T11:58:00Z").withFailedIssuanceAttempts(2)
        .addNewCondition().withType("Issuing").withStatus("False").withReason("Failed")
        .withMessage("The certificate request has failed to complete and will be retried: Failed to wait for order "
            + "resource to become ready: order is in errored state: 403 urn:ietf:params:acme:error:unauthorized")
        .endCondition().endStatus().build();
    TenantIngressStatus status = compute();
    assertThat(condition(status, "CertificatesReady")).isEqualTo("False/IssuanceFailed");
    assertThat(find(status, "CertificatesReady").getMessage()).contains("acme:error:unauthorized",
        "2 failed attempts", "2026-06-01T11:58:00Z", "DNS for a.example.com").doesNotContain("kubectl describe");
    assertThat(status.hostnames()).singleElement().satisfies(h -> assertThat(h.reason()).isEqualTo("IssuanceFailed"));
  }

  @Test
  void aGatewayNotProgrammedBlocksReady() {
    gateway = new GatewayBuilder(gateway).editStatus().withConditions(
        condition("Accepted", "True", "Accepted", ""),
        condition("Programmed", "False", "AddressNotAssigned", "no load balancer address")).endStatus().build();
    TenantIngressStatus status = compute();
    assertThat(condition(status, "Programmed")).isEqualTo("False/AddressNotAssigned");
    assertThat(condition(status, "Ready")).isEqualTo("False/AddressNotAssigned");
  }

  @Test
  void aConflictingHostnameBlocksReadyWithItsReason() {
    TenantIngress older = Fixtures.tenantWithSpec("team-b", "web", 0, "hostnames: [a.example.com]");
    TenantPlan plan = planOf(List.of(older, tenant)).classes().get(0).tenants().stream()
        .filter(t -> t.namespace().equals("team-a")).findFirst().orElseThrow();
    TenantIngressStatus status = TenantIngressStatusComputer.compute(tenant, plan, Optional.empty(), observed(), NOW);
    assertThat(condition(status, "Ready")).isEqualTo("False/HostnameClaimed");
    assertThat(status.hostnames()).singleElement().satisfies(h -> assertThat(h.state())
        .isEqualTo(HostnameState.Conflict));
  }

  @Test
  void anUnchangedConditionKeepsItsTransitionTime() {
    TenantIngressStatus first = compute();
    tenant.setStatus(first);
    TenantIngressStatus later = TenantIngressStatusComputer.compute(tenant, tenantPlan(), gatewayInstance(),
        observed(), NOW.plusSeconds(3600));
    assertThat(later).isEqualTo(first);

    facts = Fixtures.issued("gateway/team-a.a.example.com");
    TenantIngressStatus changed = TenantIngressStatusComputer.compute(tenant, tenantPlan(), gatewayInstance(),
        observed(), NOW.plusSeconds(7200));
    assertThat(find(changed, "CertificatesReady").getLastTransitionTime()).isEqualTo("2026-06-01T14:00:00Z");
    assertThat(find(changed, "Accepted").getLastTransitionTime()).isEqualTo("2026-06-01T12:00:00Z");
  }

  private TenantIngressStatus compute() {
    return TenantIngressStatusComputer.compute(tenant, tenantPlan(), gatewayInstance(), observed(), NOW);
  }

  private Plan planOf(List<TenantIngress> tenants) {
    List<io.tenantingress.api.v1alpha1.TenantIngressClass> classes = new ArrayList<>();
    if (!tenants.isEmpty()) {
      classes.add(Fixtures.defaultClass("public", Fixtures.DIRECT_HTTP01));
    }
    return TenantIngressPlanner.plan(classes, tenants.isEmpty() ? List.of(tenant) : tenants, facts);
  }

  private TenantPlan tenantPlan() {
    Plan plan = planOf(List.of(tenant));
    return plan.classes().isEmpty() ? plan.unresolved().get(0) : plan.classes().get(0).tenants().get(0);
  }

  private Optional<GatewayInstance> gatewayInstance() {
    return GatewayInstance.of(planOf(List.of(tenant)).classes().get(0)).stream().findFirst();
  }

  private ObservedTenantObjects observed() {
    return new ObservedTenantObjects(gateway, listenerSets, routes, routesElsewhere, Map.of(SECRET, certificate),
        Set.of("a.example.com"), refused);
  }

  /** The tenant's plan on a ListenerSet class, its certificate issued. */
  private Plan onListenerSets() {
    facts = Fixtures.issued("team-a/a.example.com");
    return TenantIngressPlanner.plan(List.of(Fixtures.defaultClass("public", Fixtures.DIRECT_HTTP01
        + "tenantListeners: ListenerSet\n")), List.of(tenant), facts);
  }

  /** team-a's ListenerSet with the https listener of a.example.com and its certificate, at a generation. */
  private static ListenerSet listenerSetServingA(long generation) {
    ListenerSet listenerSet = new ListenerSet();
    listenerSet.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("tenantingress-shared")
        .withNamespace("team-a").withGeneration(generation).build());
    listenerSet.setSpec(new io.tenantingress.gatewayapi.ListenerSetSpec(null, List.of(
        new io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder().withName("a.example.com")
            .withHostname("a.example.com").withNewTls().addNewCertificateRef().withName("a.example.com")
            .endCertificateRef().endTls().build())));
    return listenerSet;
  }

  private static Gateway programmedGateway() {
    return new GatewayBuilder().withNewMetadata().withName("shared").withNamespace("gateway").endMetadata()
        .withNewSpec().addNewListener().withName("https").withNewTls().addNewCertificateRef().withKind("Secret")
        .withName(SECRET.name()).endCertificateRef().endTls().endListener().endSpec()
        .withNewStatus().addNewAddress().withValue("192.0.2.1").endAddress()
        .withConditions(condition("Accepted", "True", "Accepted", ""), condition("Programmed", "True", "Programmed", ""))
        .endStatus().build();
  }

  private static HTTPRoute route(String accepted, String reason) {
    return new HTTPRouteBuilder().withNewMetadata().withName("web").withNamespace("team-a").endMetadata()
        .withNewSpec().addNewParentRef().withName("shared").withNamespace("gateway").endParentRef()
        .withHostnames("a.example.com").endSpec()
        .withNewStatus().addNewParent().withNewParentRef().withName("shared").withNamespace("gateway").endParentRef()
        .withControllerName("gateway.envoyproxy.io/gatewayclass-controller")
        .withConditions(condition("Accepted", accepted, reason, "from Envoy Gateway"),
            condition("ResolvedRefs", "True", "ResolvedRefs", ""))
        .endParent().endStatus().build();
  }

  /** cert-manager's HTTP-01 challenge route for a.example.com, with Envoy Gateway's verdict on the Gateway. */
  private static HTTPRoute solverRoute(String namespace, String accepted, String reason) {
    HTTPRoute route = new HTTPRouteBuilder(route(accepted, reason)).editMetadata().withNamespace(namespace)
        .withName("cm-acme-http-solver-x").withGeneration(1L)
        .withLabels(Map.of("acme.cert-manager.io/http01-solver", "true"))
        .addNewOwnerReference().withApiVersion("acme.cert-manager.io/v1").withKind("Challenge").withName("x-1")
        .withUid("uid").withController(true).endOwnerReference().endMetadata().build();
    route.getStatus().getParents().get(0).getConditions().forEach(c -> c.setObservedGeneration(1L));
    return route;
  }

  private static Certificate certificate(String ready, String reason, String message) {
    return new CertificateBuilder().withNewMetadata().withName(SECRET.name()).withNamespace("gateway").endMetadata()
        .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).withReason(reason)
        .withMessage(message).endCondition().endStatus().build();
  }

  private static Condition condition(String type, String status, String reason, String message) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message).build();
  }

  private static Condition find(TenantIngressStatus status, String type) {
    return status.conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  private static String condition(TenantIngressStatus status, String type) {
    Condition condition = find(status, type);
    return condition.getStatus() + "/" + condition.getReason();
  }

  @Test
  void onlyReadyAProblemOrTheGenerationMakeAStatusChangeSignificant() {
    TenantIngressStatus pending = status(1L, "Ready", "False", "CertificatePending", "CertificatesReady", "False");
    TenantIngressStatus progressed = status(1L, "Ready", "False", "CertificatePending", "CertificatesReady", "True");

    assertThat(TenantIngressStatusComputer.significantChange(null, pending)).as("first status").isTrue();
    assertThat(TenantIngressStatusComputer.significantChange(pending, progressed)).as("progress").isFalse();
    assertThat(TenantIngressStatusComputer.significantChange(pending,
        status(1L, "Ready", "False", "RoutePending", "CertificatesReady", "True"))).as("next step").isFalse();
    assertThat(TenantIngressStatusComputer.significantChange(pending,
        status(1L, "Ready", "False", "HostnameClaimed", "CertificatesReady", "True"))).as("a problem").isTrue();
    assertThat(TenantIngressStatusComputer.significantChange(pending,
        status(1L, "Ready", "True", "Ready", "CertificatesReady", "True"))).as("Ready").isTrue();
    assertThat(TenantIngressStatusComputer.significantChange(pending,
        status(2L, "Ready", "False", "CertificatePending", "CertificatesReady", "False"))).as("generation").isTrue();
  }

  private static TenantIngressStatus status(Long generation, String ready, String readyStatus, String readyReason,
      String other, String otherStatus) {
    return new TenantIngressStatus(generation, "shared", List.of(
        new ConditionBuilder().withType(ready).withStatus(readyStatus).withReason(readyReason).build(),
        new ConditionBuilder().withType(other).withStatus(otherStatus).withReason("Any").build()), null, List.of());
  }
}
