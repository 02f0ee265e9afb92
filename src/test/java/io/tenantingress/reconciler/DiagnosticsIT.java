package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.envoy.ClientTrafficPolicy;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walkthroughs' "common mistakes", with Envoy Gateway's own verdicts, each reported with its fix as a
 * condition and an event.
 */
class DiagnosticsIT extends WithOperatorOnRealControllers {

  @BeforeAll
  static void createClass() {
    createCaClass("diag", """
        gateway: {namespace: diag-gateway}
        clientIP: {proxyProtocol: {}}
        """);
  }

  @Test
  void aRouteFromANamespaceWithoutTheAccessLabelIsRefusedByEnvoyGatewayAndTakesNothing() throws Exception {
    routedTenant("diag-a", "diag", "a.diag.example.com");
    eventually().untilAsserted(() -> assertThat(support.condition("diag-a", "web", "Ready")).hasValue("True/Ready"));

    fixtures.service("diag-stray", "web");
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: take-a, namespace: diag-stray}
        spec:
          parentRefs: [{name: shared, namespace: diag-gateway, sectionName: https}]
          hostnames: [a.diag.example.com]
          rules: [{backendRefs: [{name: web, port: 80}]}]
        """, HTTPRoute.class)).create();

    eventually().untilAsserted(() -> assertThat(routeAccepted("diag-stray", "take-a"))
        .hasValue("False/NotAllowedByListeners"));
    Thread.sleep(2_000);
    assertThat(support.condition("diag-a", "web", "Ready")).hasValue("True/Ready");
  }

  /**
   * The event follows the status it tells of. Every write of this test API server gets the next revision of its one
   * etcd, so the event's resourceVersion is greater than that of the TenantIngress's first Ready status exactly
   * when the event was written after it.
   */
  @Test
  void theReadyEventIsRecordedOnceTheStatusShowsReady() {
    AtomicReference<String> readyAt = new AtomicReference<>();
    try (Watch watch = client.resources(TenantIngress.class).inNamespace("diag-ready").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, TenantIngress tenant) {
        if (tenant.getStatus() != null && tenant.getStatus().conditions() != null && tenant.getStatus().conditions()
            .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))) {
          readyAt.compareAndSet(null, tenant.getMetadata().getResourceVersion());
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      routedTenant("diag-ready", "diag", "ready.diag.example.com");
      eventually().untilAsserted(() -> assertThat(events("diag-ready"))
          .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Ready")));
      eventually().until(() -> readyAt.get() != null);
    }
    Event ready = events("diag-ready").stream().filter(e -> e.getReason().equals("Ready")).findFirst().orElseThrow();
    assertThat(ready.getType()).isEqualTo("Normal");
    assertThat(Long.parseLong(ready.getMetadata().getResourceVersion())).isGreaterThan(Long.parseLong(readyAt.get()));
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
  void handWrittenClientTrafficPoliciesThatFightTheClassAreReportedBesideEnvoyGatewaysVerdict() {
    eventually().untilAsserted(() -> assertThat(support.policyCondition("diag-gateway", "shared", "Accepted"))
        .hasValue("True/Accepted"));
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
    // Envoy Gateway applies the oldest policy for a Gateway, the class's own, and refuses the newer one.
    eventually().untilAsserted(() -> assertThat(support.policyCondition("diag-gateway", "optional-proxy",
        "Accepted")).hasValue("False/Conflicted"));
    assertThat(support.policyCondition("diag-gateway", "shared", "Accepted")).hasValue("True/Accepted");

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
    // A policy only applies to a Gateway of its own namespace: Envoy Gateway gives this one no verdict at all.
    assertThat(support.policyCondition("diag-policy", "misplaced", "Accepted")).isEmpty();
  }

  private java.util.Optional<String> routeAccepted(String namespace, String name) {
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(namespace).withName(name).get();
    return route == null || route.getStatus() == null ? java.util.Optional.empty()
        : route.getStatus().getParents().stream().flatMap(p -> p.getConditions().stream())
            .filter(c -> c.getType().equals("Accepted")).map(c -> c.getStatus() + "/" + c.getReason()).findFirst();
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
