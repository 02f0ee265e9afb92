package io.tenantingress.reconciler;

import static io.tenantingress.desired.Fixtures.DIRECT_HTTP01;
import static io.tenantingress.desired.Fixtures.defaultClass;
import static io.tenantingress.desired.Fixtures.issued;
import static io.tenantingress.desired.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CurrentNamespacesTest {

  private static final String LISTENER_SETS = DIRECT_HTTP01 + "tenantListeners: ListenerSet\n";
  private static final Map<String, List<String>> RENDERED = Map.of(
      "team-a", List.of("ListenerSet/team-a/ls", "Certificate/team-a/a"),
      "team-b", List.of("ListenerSet/team-b/ls"),
      "gateway", List.of("Gateway/gateway/shared"));

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final CurrentNamespaces current = new CurrentNamespaces(clock);
  /** The keys the applier no longer vouches for at the end of a pass. */
  private final Set<String> notCurrent = new HashSet<>();

  @Test
  void aFirstPassRendersEveryNamespace() {
    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1));

    assertThat(unchanged.namespaces()).isEmpty();
    assertThat(unchanged.renders("team-a")).isTrue();
  }

  @Test
  void aPassAfterOneThatFoundEverythingCurrentLeavesOutEveryTenantNamespaceButKeepsTheirObjectsWanted() {
    pass(plan(LISTENER_SETS, 1));

    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1));

    assertThat(unchanged.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(unchanged.keysWhereLeftoversMayBe()).as("none is looked in").isEmpty();
    // Its objects follow from every tenant.
    assertThat(unchanged.renders("gateway")).isTrue();
  }

  @Test
  void aNamespaceWhereAnObjectChangedOrWhoseTenantChangedIsRenderedAgain() {
    pass(plan(LISTENER_SETS, 1));

    current.changed("team-a");
    current.changed("elsewhere");
    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1));
    assertThat(unchanged.namespaces()).containsExactly("team-b");
    current.passed(plan(LISTENER_SETS, 1), unchanged, RENDERED, this::stillCurrent, true);

    assertThat(current.unchanged(plan(LISTENER_SETS, 2)).namespaces())
        .as("team-b's spec at generation 2").containsExactly("team-a");
  }

  @Test
  void aChangeHeardWhileAPassIsUnderWayIsRenderedByTheNextPass() {
    pass(plan(LISTENER_SETS, 1));

    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1));
    current.changed("team-b");
    current.passed(plan(LISTENER_SETS, 1), unchanged, RENDERED, this::stillCurrent, true);

    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).namespaces()).containsExactly("team-a");
  }

  @Test
  void aChangedNamespaceIsRenderedByEveryPassUntilOneGoesThrough() {
    pass(plan(LISTENER_SETS, 1));

    current.changed("team-a");
    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).namespaces()).as("a pass that fails")
        .containsExactly("team-b");

    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).namespaces()).containsExactly("team-b");
  }

  @Test
  void everyClassHearsOfAChange() {
    ClassPlan other = TenantIngressPlanner.plan(List.of(defaultClass("internal", LISTENER_SETS)),
        List.of(numbered(tenant("team-a", "api", 1, "api.example.com"), "uid-c", 1)), issued()).classes().get(0);
    pass(plan(LISTENER_SETS, 1));
    pass(other);

    current.changed("team-a");

    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).namespaces()).containsExactly("team-b");
    assertThat(current.unchanged(other).namespaces()).isEmpty();
  }

  @Test
  void aNamespaceFoundCurrentIsTrustedForTenMinutesThenRenderedAgain() {
    pass(plan(LISTENER_SETS, 1));
    clock.advance(Duration.ofMinutes(ManagedObjectApplier.TRUSTED_MINUTES).minusSeconds(1));
    pass(plan(LISTENER_SETS, 1));

    clock.advance(Duration.ofSeconds(1));
    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1));
    assertThat(unchanged.namespaces()).as("found current ten minutes ago, not since").isEmpty();
    current.passed(plan(LISTENER_SETS, 1), unchanged, RENDERED, this::stillCurrent, true);

    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
  }

  @Test
  void aNamespaceWithAnObjectNotCurrentAfterThePassIsNotRemembered() {
    notCurrent.add("ListenerSet/team-b/ls");
    pass(plan(LISTENER_SETS, 1));
    notCurrent.clear();

    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).namespaces())
        .containsExactly("team-a");
  }

  @Test
  void aChangedClassRendersEverything() {
    pass(plan(LISTENER_SETS, 1));

    assertThat(current.unchanged(plan(LISTENER_SETS.replace("platform@", "ops@"), 1))
        .namespaces()).isEmpty();
  }

  @Test
  void aTenantTheApiServerNeverNumberedIsNeverLeftOut() {
    ClassPlan plan = TenantIngressPlanner.plan(List.of(defaultClass("public", LISTENER_SETS)),
        List.of(tenant("team-a", "web", 1, "a.example.com")), issued()).classes().get(0);
    pass(plan);

    assertThat(current.unchanged(plan).namespaces()).isEmpty();
  }

  @Test
  void aForgottenClassRendersEverything() {
    pass(plan(LISTENER_SETS, 1));
    current.forget("public");

    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).namespaces()).isEmpty();
  }

  @Test
  void aPassLooksForLeftoversEverywhereUntilOneBeforeItLookedThenOnlyWhereSomethingNewIsRendered() {
    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).leftoversIn()).isEmpty();
    pass(plan(LISTENER_SETS, 1));

    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 2));

    assertThat(unchanged.leftoversIn()).hasValue(Set.of("team-b", "gateway"));
    assertThat(unchanged.keysWhereLeftoversMayBe()).isEmpty();
  }

  @Test
  void aNamespaceWhoseLastTenantLeftIsLookedIn() {
    pass(plan(LISTENER_SETS, 1));

    ClassPlan withoutTeamB = TenantIngressPlanner.plan(List.of(defaultClass("public", LISTENER_SETS)),
        List.of(numbered(tenant("team-a", "web", 1, "a.example.com"), "uid-a", 1)),
        issued("team-a/a.example.com")).classes().get(0);

    assertThat(current.unchanged(withoutTeamB).leftoversIn()).hasValue(Set.of("team-b", "gateway"));
  }

  @Test
  void aNamespaceWhereSomeoneElseWroteTheClassesLabelsIsLookedInOnceAndItsObjectsStayWanted() {
    pass(plan(LISTENER_SETS, 1));
    current.heard("public", "team-a");
    current.heard("public", "elsewhere");

    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1));
    assertThat(unchanged.leftoversIn()).hasValue(Set.of("team-a", "elsewhere", "gateway"));
    assertThat(unchanged.keysWhereLeftoversMayBe())
        .containsExactlyInAnyOrder("ListenerSet/team-a/ls", "Certificate/team-a/a");
    current.passed(plan(LISTENER_SETS, 1), unchanged, Map.of(), this::stillCurrent, true);

    assertThat(current.unchanged(plan(LISTENER_SETS, 1)).leftoversIn()).hasValue(Set.of("gateway"));
  }

  @Test
  void afterAPassThatDidNotDeleteOrNeverEndedOrAChangedClassTheNextLooksEverywhere() {
    ClassPlan plan = plan(LISTENER_SETS, 1);
    current.passed(plan, current.unchanged(plan), RENDERED, this::stillCurrent, false);
    assertThat(current.unchanged(plan).leftoversIn()).as("a pass that did not delete").isEmpty();

    pass(plan);
    current.unchanged(plan);
    CurrentNamespaces.Unchanged afterAFailure = current.unchanged(plan);
    assertThat(afterAFailure.leftoversIn()).as("a pass that never ended").isEmpty();
    assertThat(afterAFailure.keysWhereLeftoversMayBe()).hasSize(3);

    pass(plan);
    assertThat(current.unchanged(plan(LISTENER_SETS.replace("platform@", "ops@"), 1))
        .leftoversIn()).as("a changed class").isEmpty();
  }

  private void pass(ClassPlan plan) {
    current.passed(plan, current.unchanged(plan), RENDERED, this::stillCurrent, true);
  }

  private boolean stillCurrent(String namespace, String key) {
    return !notCurrent.contains(key);
  }

  private static ClassPlan plan(String classSpec, long teamBGeneration) {
    return TenantIngressPlanner.plan(List.of(defaultClass("public", classSpec)),
        List.of(numbered(tenant("team-a", "web", 1, "a.example.com"), "uid-a", 1),
            numbered(tenant("team-b", "web", 2, "b.example.com"), "uid-b", teamBGeneration)),
        issued("team-a/a.example.com")).classes().get(0);
  }

  private static TenantIngress numbered(TenantIngress tenant, String uid, long generation) {
    tenant.getMetadata().setUid(uid);
    tenant.getMetadata().setGeneration(generation);
    return tenant;
  }
}
