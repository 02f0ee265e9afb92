package io.tenantingress.reconciler;

import static io.tenantingress.desired.Fixtures.DIRECT_HTTP01;
import static io.tenantingress.desired.Fixtures.defaultClass;
import static io.tenantingress.desired.Fixtures.issued;
import static io.tenantingress.desired.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.TenantIngressPlanner;
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

  private final CurrentNamespaces current = new CurrentNamespaces();
  private final Set<String> changedSince = new HashSet<>();

  @Test
  void aFirstPassRendersEveryNamespace() {
    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1), this::stillCurrent);

    assertThat(unchanged.namespaces()).isEmpty();
    assertThat(unchanged.renders("team-a")).isTrue();
  }

  @Test
  void aPassAfterOneThatFoundEverythingCurrentLeavesOutEveryTenantNamespaceButKeepsTheirObjectsWanted() {
    pass(plan(LISTENER_SETS, 1));

    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1), this::stillCurrent);

    assertThat(unchanged.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(unchanged.keysWhereLeftoversMayBe()).as("none is looked in").isEmpty();
    // Its objects follow from every tenant.
    assertThat(unchanged.renders("gateway")).isTrue();
  }

  @Test
  void aNamespaceWhoseObjectSomeoneChangedOrWhoseTenantChangedIsRenderedAgain() {
    pass(plan(LISTENER_SETS, 1));

    changedSince.add("Certificate/team-a/a");
    assertThat(current.unchanged(plan(LISTENER_SETS, 1), this::stillCurrent).namespaces())
        .containsExactly("team-b");

    changedSince.clear();
    assertThat(current.unchanged(plan(LISTENER_SETS, 2), this::stillCurrent).namespaces())
        .as("team-b's spec at generation 2").containsExactly("team-a");
  }

  @Test
  void aNamespaceWithAnObjectNotCurrentAfterThePassIsNotRemembered() {
    changedSince.add("ListenerSet/team-b/ls");
    pass(plan(LISTENER_SETS, 1));
    changedSince.clear();

    assertThat(current.unchanged(plan(LISTENER_SETS, 1), this::stillCurrent).namespaces())
        .containsExactly("team-a");
  }

  @Test
  void aChangedClassRendersEverything() {
    pass(plan(LISTENER_SETS, 1));

    assertThat(current.unchanged(plan(LISTENER_SETS.replace("platform@", "ops@"), 1), this::stillCurrent)
        .namespaces()).isEmpty();
  }

  @Test
  void aTenantTheApiServerNeverNumberedIsNeverLeftOut() {
    ClassPlan plan = TenantIngressPlanner.plan(List.of(defaultClass("public", LISTENER_SETS)),
        List.of(tenant("team-a", "web", 1, "a.example.com")), issued()).classes().get(0);
    pass(plan);

    assertThat(current.unchanged(plan, this::stillCurrent).namespaces()).isEmpty();
  }

  @Test
  void aForgottenClassRendersEverything() {
    pass(plan(LISTENER_SETS, 1));
    current.forget("public");

    assertThat(current.unchanged(plan(LISTENER_SETS, 1), this::stillCurrent).namespaces()).isEmpty();
  }

  @Test
  void aPassLooksForLeftoversEverywhereUntilOneBeforeItLookedThenOnlyWhereSomethingNewIsRendered() {
    assertThat(current.unchanged(plan(LISTENER_SETS, 1), this::stillCurrent).leftoversIn()).isEmpty();
    pass(plan(LISTENER_SETS, 1));

    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 2), this::stillCurrent);

    assertThat(unchanged.leftoversIn()).hasValue(Set.of("team-b", "gateway"));
    assertThat(unchanged.keysWhereLeftoversMayBe()).isEmpty();
  }

  @Test
  void aNamespaceWhoseLastTenantLeftIsLookedIn() {
    pass(plan(LISTENER_SETS, 1));

    ClassPlan withoutTeamB = TenantIngressPlanner.plan(List.of(defaultClass("public", LISTENER_SETS)),
        List.of(numbered(tenant("team-a", "web", 1, "a.example.com"), "uid-a", 1)),
        issued("team-a/a.example.com")).classes().get(0);

    assertThat(current.unchanged(withoutTeamB, this::stillCurrent).leftoversIn()).hasValue(Set.of("team-b", "gateway"));
  }

  @Test
  void aNamespaceWhereSomeoneElseWroteTheClassesLabelsIsLookedInOnceAndItsObjectsStayWanted() {
    pass(plan(LISTENER_SETS, 1));
    current.heard("public", "team-a");
    current.heard("public", "elsewhere");

    CurrentNamespaces.Unchanged unchanged = current.unchanged(plan(LISTENER_SETS, 1), this::stillCurrent);
    assertThat(unchanged.leftoversIn()).hasValue(Set.of("team-a", "elsewhere", "gateway"));
    assertThat(unchanged.keysWhereLeftoversMayBe())
        .containsExactlyInAnyOrder("ListenerSet/team-a/ls", "Certificate/team-a/a");
    current.passed(plan(LISTENER_SETS, 1), unchanged, Map.of(), this::stillCurrent, true);

    assertThat(current.unchanged(plan(LISTENER_SETS, 1), this::stillCurrent).leftoversIn()).hasValue(Set.of("gateway"));
  }

  @Test
  void afterAPassThatDidNotDeleteOrNeverEndedOrAChangedClassTheNextLooksEverywhere() {
    ClassPlan plan = plan(LISTENER_SETS, 1);
    current.passed(plan, current.unchanged(plan, this::stillCurrent), RENDERED, this::stillCurrent, false);
    assertThat(current.unchanged(plan, this::stillCurrent).leftoversIn()).as("a pass that did not delete").isEmpty();

    pass(plan);
    current.unchanged(plan, this::stillCurrent);
    CurrentNamespaces.Unchanged afterAFailure = current.unchanged(plan, this::stillCurrent);
    assertThat(afterAFailure.leftoversIn()).as("a pass that never ended").isEmpty();
    assertThat(afterAFailure.keysWhereLeftoversMayBe()).hasSize(3);

    pass(plan);
    assertThat(current.unchanged(plan(LISTENER_SETS.replace("platform@", "ops@"), 1), this::stillCurrent)
        .leftoversIn()).as("a changed class").isEmpty();
  }

  private void pass(ClassPlan plan) {
    current.passed(plan, current.unchanged(plan, this::stillCurrent), RENDERED, this::stillCurrent, true);
  }

  private boolean stillCurrent(String namespace, String key) {
    return !changedSince.contains(key);
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
