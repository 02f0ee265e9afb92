package io.tenantingress.desired;

import static io.tenantingress.desired.WriteStep.EVERY_NAMESPACE;
import static io.tenantingress.desired.Fixtures.DIRECT_HTTP01;
import static io.tenantingress.desired.Fixtures.defaultClass;
import static io.tenantingress.desired.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.tenantingress.api.v1alpha1.TenantIngress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A cluster built by hand from the walkthrough: the platform team's Certificate {@code team-a-tls} in the gateway
 * namespace stays on the shared Gateway for every name the operator does not serve with its own certificate.
 */
class HandWrittenCertificatesTest {

  private static final HandWrittenCertificate TEAM_A_TLS = new HandWrittenCertificate(
      new SecretRef("gateway", "team-a-tls"), List.of("team-a.example.com"));
  private static final HandWrittenCertificate TEAM_B_TLS = new HandWrittenCertificate(
      new SecretRef("gateway", "team-b-tls"), List.of("team-b.example.com"));
  private static final HandWrittenCertificate ELSEWHERE = new HandWrittenCertificate(
      new SecretRef("other", "x-tls"), List.of("x.example.com"));

  @Test
  void whileTheOperatorsCertificateIsPendingTheHandWrittenOneServesTheName() {
    ClassPlan plan = plan(Set.of(), tenant("team-a", "web", 1, "team-a.example.com"));
    assertThat(refs(plan)).containsExactly("team-a-tls", "team-b-tls");
    assertThat(plan.tenants().get(0).hostnames().get(0).note())
        .contains("meanwhile the Gateway serves it with the hand-written certificate in Secret gateway/team-a-tls");
  }

  @Test
  void onceTheOperatorsIsIssuedItReplacesTheHandWrittenOneInOneWrite() {
    ClassPlan plan = plan(Set.of(new SecretRef("gateway", "team-a.team-a.example.com")),
        tenant("team-a", "web", 1, "team-a.example.com"));
    assertThat(refs(plan)).containsExactly("team-a.team-a.example.com", "team-b-tls");
    assertThat(plan.tenants().get(0).hostnames().get(0).note())
        .contains("also covers it: delete its Certificate once no other name needs it");
  }

  @Test
  void withoutTenantsEveryHandWrittenCertificateOfTheGatewayNamespaceIsServed() {
    assertThat(refs(plan(Set.of()))).containsExactly("team-a-tls", "team-b-tls");
  }

  private static List<String> refs(ClassPlan plan) {
    Gateway gateway = GatewayDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    return gateway.getSpec().getListeners().stream().filter(l -> l.getName().equals("https"))
        .flatMap(l -> l.getTls().getCertificateRefs().stream()).map(r -> r.getName()).toList();
  }

  private static ClassPlan plan(Set<SecretRef> issued, TenantIngress... tenants) {
    return TenantIngressPlanner.plan(List.of(defaultClass("public", DIRECT_HTTP01)), new ArrayList<>(List.of(tenants)),
        new ObservedFacts(issued, List.of(TEAM_A_TLS, TEAM_B_TLS, ELSEWHERE), Map.of())).classes().get(0);
  }
}
