package io.tenantingress.desired;

import static io.tenantingress.desired.WriteStep.EVERY_NAMESPACE;
import static io.tenantingress.desired.Fixtures.DIRECT_HTTP01;
import static io.tenantingress.desired.Fixtures.defaultClass;
import static io.tenantingress.desired.Fixtures.issued;
import static io.tenantingress.desired.Fixtures.tenant;
import static io.tenantingress.desired.Fixtures.tenantClass;
import static io.tenantingress.desired.Fixtures.tenantWithSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ownership, policy, capacity and class resolution: the decisions made across all tenants at once. */
class TenantIngressPlannerTest {

  private static final String DNS01_SHARED = "clientIP: {proxyProtocol: {}}\n" + Fixtures.DNS01_CERTIFICATES;

  @Test
  void aHostnameClaimedTwiceGoesToTheOlderTenant() {
    Plan plan = plan(List.of(defaultClass("public", DIRECT_HTTP01)), List.of(
        tenant("team-b", "web", 2, "shop.example.com"),
        tenant("team-a", "web", 1, "shop.example.com", "a.example.com")), ObservedFacts.NONE);

    assertThat(hostname(plan, "team-a", "shop.example.com").state()).isEqualTo(HostnameState.Pending);
    HostnamePlan loser = hostname(plan, "team-b", "shop.example.com");
    assertThat(loser.state()).isEqualTo(HostnameState.Conflict);
    assertThat(loser.reason()).isEqualTo(HostnameReasons.CLAIMED_BY_OLDER_TENANT);
    assertThat(loser.message()).contains("team-a/web");
    assertThat(loser.secret()).isNull();
  }

  @Test
  void equalCreationTimesAreDecidedByNamespaceThenName() {
    Plan plan = plan(List.of(defaultClass("public", DIRECT_HTTP01)), List.of(
        tenant("team-b", "a", 1, "shop.example.com"),
        tenant("team-a", "z", 1, "shop.example.com"),
        tenant("team-a", "b", 1, "shop.example.com")), ObservedFacts.NONE);

    assertThat(hostname(plan, "team-a", "b", "shop.example.com").admitted()).isTrue();
    assertThat(hostname(plan, "team-a", "z", "shop.example.com").state()).isEqualTo(HostnameState.Conflict);
    assertThat(hostname(plan, "team-b", "a", "shop.example.com").state()).isEqualTo(HostnameState.Conflict);
  }

  @Test
  void aHostnameOutsideThePolicyIsDeniedAndBlocksNobody() {
    TenantIngressClass policed = defaultClass("public", DIRECT_HTTP01
        + "hostnamePolicy: {allowed: [\"{namespace}.example.com\"]}\n");
    Plan plan = plan(List.of(policed), List.of(
        tenant("squatter", "web", 1, "team-a.example.com"),
        tenant("team-a", "web", 2, "team-a.example.com")), ObservedFacts.NONE);

    HostnamePlan squatted = hostname(plan, "squatter", "team-a.example.com");
    assertThat(squatted.state()).isEqualTo(HostnameState.Denied);
    assertThat(squatted.reason()).isEqualTo(HostnameReasons.NOT_ALLOWED_BY_POLICY);
    assertThat(squatted.message()).contains("{namespace}.example.com").contains("squatter");
    assertThat(hostname(plan, "team-a", "team-a.example.com").admitted()).isTrue();
  }

  @Test
  void aWildcardNeedsDns01OrItsOwnCertificate() {
    Plan http01 = plan(List.of(defaultClass("public", DIRECT_HTTP01)), List.of(
        tenant("team-a", "web", 1, "*.apps.example.com"),
        tenantWithSpec("team-b", "web", 2, "hostnames: [\"*.b.example.com\"]\ntls: {mode: External, secretName: b-tls}")),
        ObservedFacts.NONE);
    assertThat(hostname(http01, "team-a", "*.apps.example.com").reason())
        .isEqualTo(HostnameReasons.WILDCARD_NEEDS_DNS01);
    assertThat(hostname(http01, "team-b", "*.b.example.com").admitted()).isTrue();

    Plan dns01 = plan(List.of(defaultClass("public", DNS01_SHARED)),
        List.of(tenant("team-a", "web", 1, "*.apps.example.com")), ObservedFacts.NONE);
    assertThat(hostname(dns01, "team-a", "*.apps.example.com").admitted()).isTrue();
  }

  @Test
  void aWildcardAndItsLiteralTwinInOneNamespaceCannotBothHaveObjects() {
    Plan plan = plan(List.of(defaultClass("public", DNS01_SHARED)), List.of(
        tenant("team-a", "one", 1, "*.x.example.com"),
        tenant("team-a", "two", 2, "wildcard.x.example.com")), ObservedFacts.NONE);

    assertThat(hostname(plan, "team-a", "*.x.example.com").admitted()).isTrue();
    assertThat(hostname(plan, "team-a", "wildcard.x.example.com").state()).isEqualTo(HostnameState.Conflict);
  }

  @Test
  void anOlderWildcardOfAnotherNamespaceTakesEveryNameBelowIt() {
    Plan plan = plan(List.of(defaultClass("public", DNS01_SHARED), tenantClass("other", 1, "gateway: {namespace: gw-other}\n" + DNS01_SHARED)), List.of(
        tenant("team-a", "web", 1, "*.example.com"),
        tenant("team-b", "web", 2, "b.example.com", "deep.b.example.com", "*.b.example.com", "example.com"),
        tenantWithSpec("team-c", "web", 3, "className: other\nhostnames: [c.example.com]\n"
            + "tls: {mode: External, secretName: c-tls}"),
        tenant("team-a", "more", 4, "a.example.com")), ObservedFacts.NONE);

    assertThat(hostname(plan, "team-a", "web", "*.example.com").admitted()).isTrue();
    for (String covered : List.of("b.example.com", "deep.b.example.com", "*.b.example.com")) {
      HostnamePlan loser = hostname(plan, "team-b", covered);
      assertThat(loser.state()).as(covered).isEqualTo(HostnameState.Conflict);
      assertThat(loser.message()).contains("team-a/web").contains("*.example.com first, which covers " + covered);
    }
    assertThat(hostname(plan, "team-b", "example.com").admitted()).as("the apex is not below its wildcard").isTrue();
    assertThat(hostname(plan, "team-c", "c.example.com").state()).as("whatever the class or TLS mode")
        .isEqualTo(HostnameState.Conflict);
    assertThat(hostname(plan, "team-a", "more", "a.example.com").admitted()).as("its own namespace").isTrue();
  }

  @Test
  void aYoungerWildcardCannotTakeNamesAnotherNamespaceAlreadyOwns() {
    Plan plan = plan(List.of(defaultClass("public", DNS01_SHARED)), List.of(
        tenant("team-b", "web", 1, "shop.b.example.com"),
        tenant("team-c", "web", 2, "*.c.example.com"),
        tenant("team-a", "web", 3, "*.example.com", "*.b.example.com", "*.x.example.com")), ObservedFacts.NONE);

    assertThat(hostname(plan, "team-b", "shop.b.example.com").admitted()).isTrue();
    assertThat(hostname(plan, "team-c", "*.c.example.com").admitted()).isTrue();
    HostnamePlan loser = hostname(plan, "team-a", "*.example.com");
    assertThat(loser.state()).isEqualTo(HostnameState.Conflict);
    assertThat(loser.message()).contains("first, which *.example.com would cover");
    assertThat(hostname(plan, "team-a", "*.b.example.com").state()).isEqualTo(HostnameState.Conflict);
    assertThat(hostname(plan, "team-a", "*.x.example.com").admitted()).isTrue();
  }

  @Test
  void aClassServesOnlyTheNamespacesItsSelectorPicksSoClassNameIsNoWayAroundAPolicy() {
    TenantIngressClass internal = tenantClass("internal", 0, DIRECT_HTTP01
        + "gateway: {namespace: gw-internal}\nnamespaceSelector: {matchLabels: {platform.example.com/zone: internal}}\n");
    TenantIngressClass policed = defaultClass("public", DIRECT_HTTP01
        + "hostnamePolicy: {allowed: [\"{namespace}.example.com\"]}\n");
    TenantIngress escaping = tenantWithSpec("team-b", "web", 1, "className: internal\nhostnames: [team-a.example.com]");
    TenantIngress selected = tenantWithSpec("ops", "web", 2, "className: internal\nhostnames: [ops.internal.example.com]");
    ObservedFacts facts = ObservedFacts.NONE.withNamespaces(List.of(
        new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("ops")
            .withLabels(java.util.Map.of("platform.example.com/zone", "internal")).endMetadata().build(),
        new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata()
            .build()));

    Plan plan = plan(List.of(internal, policed), List.of(escaping, selected), facts);

    HostnamePlan refused = hostname(plan, "team-b", "team-a.example.com");
    assertThat(refused.state()).isEqualTo(HostnameState.Denied);
    assertThat(refused.reason()).isEqualTo(HostnameReasons.NAMESPACE_NOT_SELECTED);
    assertThat(refused.message()).contains("platform.example.com/zone=internal").contains("namespace team-b");
    assertThat(hostname(plan, "ops", "ops.internal.example.com").admitted()).isTrue();
  }

  @Test
  void aHostnameIsReadyOnceItsSecretIsUsable() {
    Plan plan = plan(List.of(defaultClass("public", DIRECT_HTTP01)), List.of(
        tenant("team-a", "web", 1, "a.example.com"),
        tenant("team-b", "web", 2, "b.example.com")), issued("gateway/team-a.a.example.com"));

    assertThat(hostname(plan, "team-a", "a.example.com").state()).isEqualTo(HostnameState.Ready);
    HostnamePlan pending = hostname(plan, "team-b", "b.example.com");
    assertThat(pending.state()).isEqualTo(HostnameState.Pending);
    assertThat(pending.reason()).isEqualTo(HostnameReasons.CERTIFICATE_PENDING);
    assertThat(pending.secret()).isEqualTo(new SecretRef("gateway", "team-b.b.example.com"));
  }

  @Test
  void anExternalSecretIsListedAtOnceForEnvoyGatewayToJudge() {
    Plan plan = plan(List.of(defaultClass("public", DIRECT_HTTP01)), List.of(
        tenantWithSpec("team-a", "web", 1, "hostnames: [a.example.com]\ntls: {mode: External, secretName: mine}")),
        ObservedFacts.NONE);

    HostnamePlan hostname = hostname(plan, "team-a", "a.example.com");
    assertThat(hostname.state()).isEqualTo(HostnameState.Ready);
    assertThat(hostname.secret()).isEqualTo(new SecretRef("team-a", "mine"));
  }

  @Test
  void aFullListenerLeavesOutTheYoungestTenantsAndNeverEvictsAServedOne() {
    List<TenantIngress> tenants = new ArrayList<>();
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < 66; i++) {
      tenants.add(tenant("ns-" + i, "web", i, "h" + i + ".example.com"));
      issued.add("gateway/ns-" + i + ".h" + i + ".example.com");
    }
    Plan plan = plan(List.of(defaultClass("public", DIRECT_HTTP01)), tenants, issued(issued.toArray(String[]::new)));

    ClassPlan classPlan = plan.forClass("public").orElseThrow();
    assertThat(classPlan.hostnamesOverCapacity()).containsExactly("h64.example.com", "h65.example.com");
    assertThat(hostname(plan, "ns-63", "h63.example.com").state()).isEqualTo(HostnameState.Ready);
    HostnamePlan left = hostname(plan, "ns-64", "h64.example.com");
    assertThat(left.state()).isEqualTo(HostnameState.Denied);
    assertThat(left.reason()).isEqualTo(HostnameReasons.LISTENER_FULL);
    assertThat(GatewayDesiredState.render(classPlan, EVERY_NAMESPACE).get(0).getSpec().getListeners().get(1).getTls()
        .getCertificateRefs()).hasSize(TenantIngressPlanner.MAX_CERTIFICATE_REFS);
  }

  @Test
  void aTenantUsesItsClassNameOrTheOneDefaultClass() {
    List<TenantIngressClass> classes = List.of(defaultClass("public", DIRECT_HTTP01),
        tenantClass("internal", 0, DIRECT_HTTP01.replace("proxyProtocol: {}", "proxyProtocol: {}")
            + "gateway: {namespace: gateway-internal}\n"));
    Plan plan = plan(classes, List.of(
        tenant("team-a", "web", 1, "a.example.com"),
        tenantWithSpec("team-b", "web", 1, "className: internal\nhostnames: [b.example.com]"),
        tenantWithSpec("team-c", "web", 1, "className: missing\nhostnames: [c.example.com]")), ObservedFacts.NONE);

    assertThat(plan.forClass("public").orElseThrow().tenants()).extracting(TenantPlan::namespace)
        .containsExactly("team-a");
    assertThat(plan.forClass("internal").orElseThrow().tenants()).extracting(TenantPlan::namespace)
        .containsExactly("team-b");
    assertThat(plan.unresolved()).singleElement().satisfies(t -> {
      assertThat(t.classProblemReason()).isEqualTo("ClassNotFound");
      assertThat(t.classProblemMessage()).contains("missing");
    });
  }

  @Test
  void withoutExactlyOneDefaultClassATenantWithoutClassNameIsUnresolved() {
    TenantIngress tenant = tenant("team-a", "web", 1, "a.example.com");
    assertThat(plan(List.of(tenantClass("public", 0, DIRECT_HTTP01)), List.of(tenant), ObservedFacts.NONE)
        .unresolved()).singleElement().extracting(TenantPlan::classProblemReason).isEqualTo("NoDefaultClass");
    assertThat(plan(List.of(defaultClass("a", DIRECT_HTTP01),
            defaultClass("b", DIRECT_HTTP01 + "gateway: {namespace: other}\n")), List.of(tenant), ObservedFacts.NONE)
        .unresolved()).singleElement().satisfies(t -> {
          assertThat(t.classProblemReason()).isEqualTo("AmbiguousDefaultClass");
          assertThat(t.classProblemMessage()).contains("a, b");
        });
  }

  @Test
  void aTenantServedByTheDefaultClassKeepsItWhileTheDefaultIsUnclear() {
    TenantIngress served = tenant("team-a", "web", 1, "a.example.com");
    served.setStatus(new io.tenantingress.api.v1alpha1.TenantIngressStatus(1L, "a", null, null, null));
    Plan ambiguous = plan(List.of(defaultClass("a", DIRECT_HTTP01),
        defaultClass("b", DIRECT_HTTP01 + "gateway: {namespace: other}\n")), List.of(served), ObservedFacts.NONE);
    assertThat(ambiguous.unresolved()).isEmpty();
    TenantPlan kept = ambiguous.forClass("a").orElseThrow().tenants().get(0);
    assertThat(kept.classProblemReason()).isEqualTo("AmbiguousDefaultClass");
    assertThat(kept.classProblemMessage()).contains("stays on TenantIngressClass a");
    assertThat(kept.admitted()).singleElement().extracting(HostnamePlan::hostname).isEqualTo("a.example.com");

    Plan noDefault = plan(List.of(tenantClass("a", 0, DIRECT_HTTP01)), List.of(served), ObservedFacts.NONE);
    assertThat(noDefault.forClass("a").orElseThrow().tenants()).singleElement()
        .extracting(TenantPlan::classProblemReason).isEqualTo("NoDefaultClass");

    served.setStatus(new io.tenantingress.api.v1alpha1.TenantIngressStatus(1L, "gone", null, null, null));
    assertThat(plan(List.of(tenantClass("a", 0, DIRECT_HTTP01)), List.of(served), ObservedFacts.NONE).unresolved())
        .as("a class that no longer exists keeps nothing").singleElement();
  }

  @Test
  void aSharedClassThatReusesAnOlderClasssGatewayNamespaceRendersNothing() {
    Plan plan = plan(List.of(defaultClass("public", DIRECT_HTTP01), tenantClass("copy", 5, DIRECT_HTTP01)),
        List.of(tenantWithSpec("team-a", "web", 1, "className: copy\nhostnames: [a.example.com]")), ObservedFacts.NONE);

    ClassPlan copy = plan.forClass("copy").orElseThrow();
    assertThat(copy.available()).isFalse();
    assertThat(copy.unavailableMessage()).contains("public");
    assertThat(DesiredObjects.forClass(copy)).isEmpty();
    assertThat(hostname(plan, "team-a", "a.example.com").reason()).isEqualTo(HostnameReasons.CLASS_UNAVAILABLE);
    assertThat(DesiredObjects.forClass(plan.forClass("public").orElseThrow())).isNotEmpty();
  }

  @Test
  void aNamespaceHoldsTheDedicatedGatewayOfOneClass() {
    String dedicated = DIRECT_HTTP01 + "layout: Dedicated\n";
    Plan plan = plan(List.of(tenantClass("one", 0, dedicated), tenantClass("two", 0, dedicated)), List.of(
        tenantWithSpec("team-a", "first", 1, "className: one\nhostnames: [a.example.com]"),
        tenantWithSpec("team-a", "second", 2, "className: two\nhostnames: [b.example.com]")), ObservedFacts.NONE);

    HostnamePlan second = hostname(plan, "team-a", "second", "b.example.com");
    assertThat(second.reason()).isEqualTo(HostnameReasons.NAMESPACE_HAS_DEDICATED_GATEWAY);
    assertThat(GatewayDesiredState.render(plan.forClass("two").orElseThrow(), EVERY_NAMESPACE)).isEmpty();
    assertThat(GatewayDesiredState.render(plan.forClass("one").orElseThrow(), EVERY_NAMESPACE)).hasSize(1);
  }

  @Test
  void whatDidNotChangeIsThePreviousPlansObjects() {
    List<TenantIngressClass> classes = List.of(defaultClass("public", DIRECT_HTTP01));
    TenantIngress a = tenant("team-a", "web", 1, "a.example.com");
    TenantIngress b = tenant("team-b", "web", 2, "b.example.com");
    TenantIngress lost = tenantWithSpec("team-c", "web", 3, "className: missing\nhostnames: [c.example.com]");
    Plan first = plan(classes, List.of(a, b, lost), ObservedFacts.NONE);

    Plan same = TenantIngressPlanner.plan(classes, List.of(a, b, lost), ObservedFacts.NONE, Optional.of(first));
    assertThat(same).isEqualTo(first);
    assertThat(same.classes().get(0)).isSameAs(first.classes().get(0));
    assertThat(same.unresolved()).isSameAs(first.unresolved());

    TenantIngress moreOfB = tenant("team-b", "web", 2, "b.example.com", "shop.example.com");
    Plan changed = TenantIngressPlanner.plan(classes, List.of(a, moreOfB, lost), ObservedFacts.NONE,
        Optional.of(first));
    assertThat(changed).as("sharing decides nothing").isEqualTo(plan(classes, List.of(a, moreOfB, lost),
        ObservedFacts.NONE));
    ClassPlan before = first.classes().get(0);
    ClassPlan after = changed.classes().get(0);
    assertThat(after).isNotSameAs(before);
    assertThat(after.tenantClass()).isSameAs(before.tenantClass());
    assertThat(after.tenants().get(0)).as("team-a's plan").isSameAs(before.tenants().get(0));
    assertThat(after.tenants().get(1).hostnames()).hasSize(2);
  }

  @Test
  void issuanceDecidedAgainFromThePreviousPlanIsWhatAWholePlanDecides() {
    List<TenantIngressClass> classes = List.of(defaultClass("public", DIRECT_HTTP01),
        tenantClass("sets", 1, DIRECT_HTTP01 + "gateway: {namespace: gw-sets}\ntenantListeners: ListenerSet\n"),
        tenantClass("clash", 2, DIRECT_HTTP01));
    List<TenantIngress> tenants = List.of(
        tenant("team-a", "web", 1, "a.example.com", "shop.example.com"),
        tenant("team-b", "web", 2, "a.example.com", "b.example.com"),
        tenantWithSpec("team-c", "web", 3, "className: sets\nhostnames: [c.example.com, '*.c.example.com']"),
        tenantWithSpec("team-d", "web", 4, "className: clash\nhostnames: [d.example.com]"),
        tenantWithSpec("team-e", "web", 5, "className: missing\nhostnames: [e.example.com]"),
        tenantWithSpec("team-x", "web", 6, "hostnames: [x.example.com]\ntls: {mode: External, secretName: x-tls}"),
        tenantWithSpec("team-m", "web", 7, "className: sets\nhostnames: [m.example.com]"),
        tenant("team-h", "web", 8, "h.example.com"));
    HandWrittenCertificate handWritten = new HandWrittenCertificate(new SecretRef("gateway", "h-tls"),
        List.of("h.example.com", "old.example.com"));
    List<ObservedFacts> facts = List.of(
        ObservedFacts.NONE,
        new ObservedFacts(Set.of(new SecretRef("gateway", "team-a.a.example.com")), List.of(handWritten), Map.of()),
        // team-m's certificate of the class's former (Gateway) layout bridges it; team-h's own replaces the
        // hand-written one, which still serves old.example.com.
        new ObservedFacts(Set.of(new SecretRef("gateway", "team-a.a.example.com"),
            new SecretRef("gateway", "team-a.shop.example.com"), new SecretRef("gw-sets", "team-m.m.example.com"),
            new SecretRef("gateway", "team-h.h.example.com"), new SecretRef("team-c", "c.example.com")),
            List.of(handWritten), Map.of()),
        new ObservedFacts(Set.of(new SecretRef("gateway", "team-a.shop.example.com"),
            new SecretRef("team-m", "m.example.com"), new SecretRef("gateway", "team-h.h.example.com")),
            List.of(), Map.of()),
        ObservedFacts.NONE);

    Plan previous = plan(classes, tenants, facts.get(0));
    for (ObservedFacts next : facts.subList(1, facts.size())) {
      Plan whole = plan(classes, tenants, next);
      Plan again = TenantIngressPlanner.withIssuance(previous, next);
      assertThat(again).isEqualTo(whole);
      assertThat(again.unresolved()).isSameAs(previous.unresolved());
      for (int i = 0; i < again.classes().size(); i++) {
        List<TenantPlan> before = previous.classes().get(i).tenants();
        List<TenantPlan> after = again.classes().get(i).tenants();
        for (int j = 0; j < after.size(); j++) {
          if (after.get(j).equals(before.get(j))) {
            assertThat(after.get(j)).as("unchanged, so shared").isSameAs(before.get(j));
          }
        }
      }
      if (next == facts.get(2)) {
        // What the facts decide besides readiness is covered: a bridge, a note, a hand-written certificate served.
        assertThat(hostname(again, "team-m", "m.example.com").bridge()).isNotNull();
        assertThat(hostname(again, "team-h", "h.example.com").note()).contains("also covers it");
        assertThat(again.forClass("public").orElseThrow().handWrittenServed()).containsExactly(handWritten);
      }
      previous = again;
    }
    assertThat(hostname(previous, "team-h", "h.example.com").note()).as("no hand-written certificate left").isNull();
    assertThat(hostname(previous, "team-m", "m.example.com").bridge()).isNull();
  }

  static Plan plan(List<TenantIngressClass> classes, List<TenantIngress> tenants, ObservedFacts facts) {
    return TenantIngressPlanner.plan(classes, tenants, facts);
  }

  static HostnamePlan hostname(Plan plan, String namespace, String hostname) {
    return allTenants(plan).stream().filter(t -> t.namespace().equals(namespace))
        .flatMap(t -> t.hostnames().stream()).filter(h -> h.hostname().equals(hostname)).findFirst().orElseThrow();
  }

  static HostnamePlan hostname(Plan plan, String namespace, String name, String hostname) {
    return allTenants(plan).stream().filter(t -> t.ref().equals(new TenantRef(namespace, name)))
        .flatMap(t -> t.hostnames().stream()).filter(h -> h.hostname().equals(hostname)).findFirst().orElseThrow();
  }

  private static List<TenantPlan> allTenants(Plan plan) {
    return plan.classes().stream().flatMap(c -> c.tenants().stream()).toList();
  }
}
