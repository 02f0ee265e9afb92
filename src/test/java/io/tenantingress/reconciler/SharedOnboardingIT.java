package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.envoy.ClientTrafficPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Onboarding on the shared layout, end to end, with the real Envoy Gateway programming the Gateway and accepting
 * routes, and the real cert-manager issuing from a CA.
 */
class SharedOnboardingIT extends WithOperatorOnRealControllers {

  private static final String GATEWAY_NS = "onb-gateway";

  @BeforeAll
  static void createClass() {
    createCaClass("onboarding", """
        gateway: {namespace: onb-gateway}
        clientIP: {proxyProtocol: {}}
        """);
  }

  @Test
  void aTenantIsReadyOnceCertManagerIssuedAndEnvoyGatewayProgrammedItsListenerAndAcceptedItsRoute() {
    fixtures.service("onb-a", "echo");
    support.applyTenant("onb-a", "web", """
        className: onboarding
        hostnames: [a.onb.example.com]
        routes: [{hostname: a.onb.example.com, service: echo, port: 80}]
        """);

    eventually().untilAsserted(() -> assertThat(support.condition("onb-a", "web", "Ready")).hasValue("True/Ready"));
    TenantIngress ready = support.tenant("onb-a", "web");
    assertThat(ready.getStatus().observedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().gateway().addresses()).singleElement().asString().startsWith("192.0.2.");
    assertThat(ready.getStatus().hostnames()).singleElement().satisfies(h -> {
      assertThat(h.state()).isEqualTo(HostnameState.Ready);
      assertThat(h.certificate().ready()).isEqualTo("True");
      assertThat(h.routes()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("a.onb.example.com"));
    });
    // What Ready rests on, as the real controllers report it.
    assertThat(support.certificateRefs(GATEWAY_NS, "shared")).contains("onb-a.a.onb.example.com");
    assertThat(client.secrets().inNamespace(GATEWAY_NS).withName("onb-a.a.onb.example.com").get().getData()
        .get("tls.crt")).isNotBlank();
    assertThat(support.listenerCondition(GATEWAY_NS, "shared", "https", "ResolvedRefs")).hasValue("True/ResolvedRefs");
    assertThat(client.resources(ClientTrafficPolicy.class).inNamespace(GATEWAY_NS).withName("shared").get()
        .getSpec().proxyProtocol().optional()).isFalse();
    assertThat(support.policyCondition(GATEWAY_NS, "shared", "Accepted")).hasValue("True/Accepted");
    assertThat(client.namespaces().withName("onb-a").get().getMetadata().getLabels())
        .containsEntry("shared-gateway-access", "true");
  }

  @Test
  void aConvergedTenantIsNotWrittenAgainOnResync() throws InterruptedException {
    support.applyTenant("onb-idle", "web", "className: onboarding\nhostnames: [idle.onb.example.com]");
    eventually().until(() -> support.certificateRefs(GATEWAY_NS, "shared").contains("onb-idle.idle.onb.example.com"));
    eventually().until(() -> support.condition("onb-idle", "web", "CertificatesReady")
        .filter(c -> c.startsWith("True")).isPresent());
    Thread.sleep(3_000);

    List<HasMetadata> watched = List.of(support.gateway(GATEWAY_NS, "shared"), support.tenant("onb-idle", "web"),
        client.resources(Certificate.class).inNamespace(GATEWAY_NS).withName("onb-idle.idle.onb.example.com").get(),
        client.namespaces().withName("onb-idle").get(), client.namespaces().withName(GATEWAY_NS).get());
    List<String> before = watched.stream().map(support::resourceVersion).toList();
    long writesBefore = operator.writes().total();

    // Every watched kind maps a namespace event to the reconcilers: this touches all of them.
    support.touchNamespace("onb-idle");
    Thread.sleep(Duration.ofSeconds(3).toMillis());

    assertThat(operator.writes().total()).isEqualTo(writesBefore);
    List<String> after = watched.stream().map(support::resourceVersion).toList();
    assertThat(after.subList(0, 3)).isEqualTo(before.subList(0, 3));
  }

  @Test
  void aParentRefWithoutNamespaceIsExplainedWhileEnvoyGatewayIgnoresTheRoute() {
    fixtures.service("onb-mistake", "echo");
    support.applyTenant("onb-mistake", "web", "className: onboarding\nhostnames: [m.onb.example.com]");
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: echo, namespace: onb-mistake}
        spec:
          parentRefs: [{name: shared, sectionName: https}]
          hostnames: [m.onb.example.com]
          rules: [{backendRefs: [{name: echo, port: 80}]}]
        """, HTTPRoute.class)).create();

    eventually().untilAsserted(() -> assertThat(support.condition("onb-mistake", "web", "RoutesAttached"))
        .hasValue("False/ParentRefWithoutNamespace"));
    assertThat(support.tenant("onb-mistake", "web").getStatus().conditions().stream()
        .filter(c -> c.getType().equals("RoutesAttached")).findFirst().orElseThrow().getMessage())
        .contains("add namespace: onb-gateway");
    // Envoy Gateway's own verdict: there is no Gateway "shared" in onb-mistake, so the route gets no parent status.
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace("onb-mistake").withName("echo").get();
    assertThat(route.getStatus() == null || route.getStatus().getParents().isEmpty()).isTrue();
  }
}
