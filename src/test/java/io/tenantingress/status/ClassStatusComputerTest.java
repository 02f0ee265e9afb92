package io.tenantingress.status;

import static io.tenantingress.desired.Fixtures.DIRECT_HTTP01;
import static io.tenantingress.desired.Fixtures.defaultClass;
import static io.tenantingress.desired.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantingress.api.v1alpha1.RefusedObject;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.TenantIngressClassStatus;
import io.tenantingress.desired.ClassPlan;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.envoy.ClientTrafficPolicySpec;
import io.tenantingress.desired.TenantIngressPlanner;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassStatusComputerTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final TenantIngressClass tenantClass = defaultClass("public", DIRECT_HTTP01);
  private final ClassPlan plan = TenantIngressPlanner.plan(List.of(tenantClass),
      List.of(tenant("team-a", "web", 1, "a.example.com")), ObservedFacts.NONE).classes().get(0);

  @Test
  void aClassThatRendersEverythingIsReady() {
    TenantIngressClassStatus status = compute(List.of(), List.of(), List.of());
    assertThat(ready(status)).isEqualTo("True/Ready");
    assertThat(status.tenants()).isEqualTo(1);
    assertThat(status.hostnames()).isEqualTo(1);
    assertThat(status.refused()).isNull();
  }

  @Test
  void refusedObjectsAreListedAndMakeTheClassNotReadyWithTheServersWords() {
    RefusedObject refused = new RefusedObject("HTTPRoute", "team-a", "a.example.com", "team-a/web",
        "denied by policy no-such-host");
    TenantIngressClassStatus status = compute(List.of(), List.of(refused), List.of());
    assertThat(ready(status)).isEqualTo("False/ApplyRefused");
    assertThat(status.conditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement()
        .satisfies(c -> assertThat(c.getMessage()).contains("HTTPRoute team-a/a.example.com: denied by policy"));
    assertThat(status.refused()).containsExactly(refused);
  }

  @Test
  void aClassInUseBeingDeletedSaysWhoUsesItBeforeAnythingElse() {
    TenantIngressClassStatus status = compute(List.of("Gateway gateway/shared"), List.of(), List.of("team-a/web"));
    assertThat(ready(status)).isEqualTo("False/InUse");
  }

  @Test
  void aNameTakenBySomeoneElseIsReported() {
    assertThat(ready(compute(List.of("Gateway gateway/shared"), List.of(), List.of())))
        .isEqualTo("False/ObjectNameTaken");
  }

  @Test
  void whatWasAdoptedIsSaidAndKeptOnRecordAfterwards() {
    TenantIngressClassStatus adopted = ClassStatusComputer.compute(tenantClass, plan, List.of(), List.of(),
        List.of(), List.of("Gateway gateway/shared (written by kubectl-client-side-apply) is now the operator's; "
            + "changed: spec.listeners[https].tls.certificateRefs"), List.of(), NOW);
    assertThat(adopted.conditions()).filteredOn(c -> c.getType().equals("Adopted")).singleElement().satisfies(c -> {
      assertThat(c.getStatus() + "/" + c.getReason()).isEqualTo("True/AdoptedHandWrittenObjects");
      assertThat(c.getMessage()).contains("kubectl-client-side-apply", "certificateRefs");
    });
    assertThat(ready(adopted)).isEqualTo("True/Ready");

    tenantClass.setStatus(adopted);
    TenantIngressClassStatus later = ClassStatusComputer.compute(tenantClass, plan, List.of(), List.of(), List.of(),
        List.of(), List.of(), NOW.plusSeconds(60));
    assertThat(later.conditions()).filteredOn(c -> c.getType().equals("Adopted"))
        .containsExactlyElementsOf(adopted.conditions().stream().filter(c -> c.getType().equals("Adopted")).toList());
  }

  @Test
  void handWrittenPoliciesOnTheClassesGatewayAreEachReportedWithTheirFix() {
    List<ClientTrafficPolicy> policies = List.of(
        policy("gateway", "by-hand", null, null),
        policy("team-a", "elsewhere", null, null),
        policy("gateway", "lenient", true, null),
        policy("gateway", "both", null, new ClientTrafficPolicySpec.ClientIPDetectionSettings(
            new ClientTrafficPolicySpec.XForwardedForSettings(1, null),
            new ClientTrafficPolicySpec.CustomHeaderSettings("X-Real-IP", true))),
        policy("gateway", "other-gateway", null, null, "not-shared"));
    TenantIngressClassStatus status = ClassStatusComputer.compute(tenantClass, plan, policies, List.of(), List.of(),
        List.of(), List.of(), NOW);

    assertThat(status.conditions()).filteredOn(c -> c.getType().equals(ConditionTypes.POLICIES_CONSISTENT)).singleElement()
        .satisfies(c -> {
          assertThat(c.getStatus() + "/" + c.getReason()).isEqualTo("False/HandWrittenPolicy");
          assertThat(c.getMessage()).contains("gateway/by-hand targets the same Gateway",
              "team-a/elsewhere targets Gateway shared from another namespace", "gateway/lenient sets "
              + "proxyProtocol.optional: true", "gateway/both sets both xForwardedFor and customHeader")
              .doesNotContain("other-gateway");
        });
    assertThat(ready(status)).isEqualTo("False/HandWrittenPolicy");
  }

  @Test
  void theOperatorsOwnPolicyIsNoConflict() {
    ClientTrafficPolicy own = policy("gateway", "shared", null, null);
    own.getMetadata().setLabels(java.util.Map.of(OwnershipLabels.MANAGED_BY, OwnershipLabels.OPERATOR));
    TenantIngressClassStatus status = ClassStatusComputer.compute(tenantClass, plan, List.of(own), List.of(),
        List.of(), List.of(), List.of(), NOW);
    assertThat(status.conditions()).filteredOn(c -> c.getType().equals(ConditionTypes.POLICIES_CONSISTENT)).singleElement()
        .satisfies(c -> assertThat(c.getStatus() + "/" + c.getReason()).isEqualTo("True/NoConflict"));
    assertThat(ready(status)).isEqualTo("True/Ready");
  }

  @Test
  void aFullHttpsListenerSaysHowManyHostnamesAreLeftOutAndWhatToDo() {
    List<io.tenantingress.api.v1alpha1.TenantIngress> tenants = new java.util.ArrayList<>();
    for (int i = 0; i < 65; i++) {
      tenants.add(tenant("ns-" + i, "web", i, "h" + i + ".example.com"));
    }
    ClassPlan full = TenantIngressPlanner.plan(List.of(tenantClass), tenants, ObservedFacts.NONE).classes().get(0);
    TenantIngressClassStatus status = ClassStatusComputer.compute(tenantClass, full, List.of(), List.of(), List.of(),
        List.of(), List.of(), NOW);
    assertThat(ready(status)).isEqualTo("False/ListenerFull");
    assertThat(status.conditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement()
        .satisfies(c -> assertThat(c.getMessage()).startsWith("1 hostnames do not fit").contains("h64.example.com",
            "move tenants to another class"));
  }

  @Test
  void moreTenantsAreProgressButANewVerdictIsNews() {
    TenantIngressClassStatus one = compute(List.of(), List.of(), List.of());
    tenantClass.setStatus(one);
    ClassPlan two = TenantIngressPlanner.plan(List.of(tenantClass), List.of(tenant("team-a", "web", 1,
        "a.example.com"), tenant("team-b", "web", 2, "b.example.com")), ObservedFacts.NONE).classes().get(0);
    TenantIngressClassStatus more = ClassStatusComputer.compute(tenantClass, two, List.of(), List.of(), List.of(),
        List.of(), List.of(), NOW.plusSeconds(1));

    assertThat(more.tenants()).isEqualTo(2);
    assertThat(ClassStatusComputer.significantChange(one, more)).as("counts and the Ready message that tells them")
        .isFalse();
    assertThat(ClassStatusComputer.significantChange(one, compute(List.of("Gateway gateway/shared"), List.of(),
        List.of()))).as("a name taken").isTrue();
    assertThat(ClassStatusComputer.significantChange(null, one)).as("no status yet").isTrue();
  }

  private static ClientTrafficPolicy policy(String namespace, String name, Boolean optionalProxyProtocol,
      ClientTrafficPolicySpec.ClientIPDetectionSettings clientIP, String... gateway) {
    ClientTrafficPolicy policy = new ClientTrafficPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    policy.setSpec(new ClientTrafficPolicySpec(List.of(new ClientTrafficPolicySpec.PolicyTargetReference(
        "gateway.networking.k8s.io", "Gateway", gateway.length == 0 ? "shared" : gateway[0], null)),
        optionalProxyProtocol == null ? null : new ClientTrafficPolicySpec.ProxyProtocolSettings(optionalProxyProtocol),
        clientIP));
    return policy;
  }

  private TenantIngressClassStatus compute(List<String> namesTaken, List<RefusedObject> refused,
      List<String> users) {
    return ClassStatusComputer.compute(tenantClass, plan, List.of(), namesTaken, refused, List.of(), users, NOW);
  }

  private static String ready(TenantIngressClassStatus status) {
    return status.conditions().stream().filter(c -> c.getType().equals("Ready")).findFirst()
        .map(c -> c.getStatus() + "/" + c.getReason()).orElseThrow();
  }
}
