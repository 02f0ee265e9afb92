package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.envoy.ClientTrafficPolicy;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The walkthroughs' "common mistakes", each reported with its fix as a condition and an event. */
class DiagnosticsIT extends WithRunningOperator {


  @BeforeAll
  static void createClass() {
    support.createClass("diag", """
        gateway: {namespace: diag-gateway}
        clientIP: {proxyProtocol: {}}
        certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
        """);
  }

  @Test
  void aRouteRejectedForAnUnlabelledNamespaceSaysWhichLabelToSet() {
    support.applyTenant("diag-a", "web", """
        className: diag
        hostnames: [a.diag.example.com]
        routes: [{hostname: a.diag.example.com, service: web, port: 80}]
        """);
    eventually().until(() -> client.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class)
        .inNamespace("diag-a").withName("a.diag.example.com").get() != null);

    standIns.routeParent("diag-a", "a.diag.example.com", "diag-gateway", "shared", "False", "NotAllowedByListeners",
        "No listeners included by this parent ref allowed this attachment.");

    eventually().untilAsserted(() -> assertThat(support.condition("diag-a", "web", "RoutesAttached"))
        .hasValue("False/NotAllowedByListeners"));
    assertThat(condition("diag-a", "web", "RoutesAttached").getMessage())
        .contains("needs the label shared-gateway-access=true");
    eventually().untilAsserted(() -> assertThat(events("diag-a")).extracting(Event::getReason)
        .contains("NotAllowedByListeners"));
  }

  @Test
  void aHostnameClaimedByAnOlderTenantIsAConflictWithAnEvent() throws InterruptedException {
    support.applyTenant("diag-owner", "web", "className: diag\nhostnames: [shared.diag.example.com]");
    eventually().until(() -> support.tenant("diag-owner", "web").getStatus() != null);
    // creationTimestamp has one-second resolution; "diag-late" would win a tie on its name.
    Thread.sleep(1_100);
    support.applyTenant("diag-late", "web", "className: diag\nhostnames: [shared.diag.example.com]");

    eventually().untilAsserted(() -> assertThat(support.condition("diag-late", "web", "Ready"))
        .hasValue("False/HostnameClaimed"));
    assertThat(condition("diag-late", "web", "Ready").getMessage()).contains("diag-owner/web");
    assertThat(support.condition("diag-owner", "web", "Ready")).isNotEqualTo(
        java.util.Optional.of("False/HostnameClaimed"));
    eventually().untilAsserted(() -> assertThat(events("diag-late")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("HostnameClaimed");
      assertThat(e.getType()).isEqualTo("Warning");
    }));
  }

  @Test
  void handWrittenClientTrafficPoliciesThatFightTheClassAreReported() {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: ClientTrafficPolicy
        metadata: {name: optional-proxy, namespace: diag-gateway}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: shared}]
          proxyProtocol: {optional: true}
        """, ClientTrafficPolicy.class)).create();

    eventually().untilAsserted(() -> assertThat(classCondition("ClientTrafficPoliciesConsistent").getMessage())
        .contains("optional-proxy").contains("proxyProtocol.optional: true"));
    assertThat(classCondition("Ready").getReason()).isEqualTo("HandWrittenPolicy");

    support.applyTenant("diag-policy", "web", "className: diag\nhostnames: [p.diag.example.com]");
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: ClientTrafficPolicy
        metadata: {name: misplaced, namespace: diag-policy}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: shared}]
          proxyProtocol: {}
        """, ClientTrafficPolicy.class)).create();
    eventually().untilAsserted(() -> assertThat(classCondition("ClientTrafficPoliciesConsistent").getMessage())
        .contains("diag-policy/misplaced targets Gateway shared from another namespace"));
  }

  private Condition condition(String namespace, String name, String type) {
    return support.tenant(namespace, name).getStatus().conditions().stream().filter(c -> c.getType().equals(type))
        .findFirst().orElseThrow();
  }

  private Condition classCondition(String type) {
    TenantIngressClass tenantClass = client.resources(TenantIngressClass.class).withName("diag").get();
    return tenantClass.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst()
        .orElseThrow();
  }

  private List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }
}
