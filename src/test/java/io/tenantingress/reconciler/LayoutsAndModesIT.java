package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.gatewayapi.ListenerSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Both layouts, both places for tenants' listeners, the three client-IP modes and External TLS, reconciled end
 * to end on the real Envoy Gateway and cert-manager.
 */
class LayoutsAndModesIT extends WithOperatorOnRealControllers {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"proxyProtocol: {}", "xForwardedFor: {numTrustedHops: 1}",
      "customHeader: {name: X-Real-IP, failClosed: true}"})
  void eachClientIpModeIsAcceptedByEnvoyGatewayAndItsTenantGetsReady(String clientIp) {
    String name = "mode-" + clientIp.substring(0, clientIp.indexOf(':')).toLowerCase();
    createCaClass(name, """
        gateway: {namespace: %s-gw}
        clientIP: {%s}
        """.formatted(name, clientIp));
    routedTenant(name, name, "web." + name + ".example.com");

    eventually().untilAsserted(() -> assertThat(support.condition(name, "web", "Ready")).hasValue("True/Ready"));
    assertThat(support.policyCondition(name + "-gw", "shared", "Accepted")).hasValue("True/Accepted");
  }

  @Test
  void onListenerSetsATenantIsReadyOnItsOwnListenerProgrammedByEnvoyGateway() {
    createCaClass("modes-ls", """
        gateway: {namespace: modes-ls-gw}
        tenantListeners: ListenerSet
        clientIP: {proxyProtocol: {}}
        """);
    routedTenant("modes-ls-a", "modes-ls", "a.modesls.example.com");

    eventually().untilAsserted(() -> assertThat(support.condition("modes-ls-a", "web", "Ready"))
        .hasValue("True/Ready"));
    ListenerSet listenerSet = client.resources(ListenerSet.class).inNamespace("modes-ls-a")
        .withName("tenantingress-shared").get();
    assertThat(listenerSet.getStatus().conditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Programmed");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    // The hostname's http listener (its redirect, its ACME challenges) and its https listener.
    assertThat(listenerSet.getStatus().listeners()).hasSize(2).allSatisfy(l -> assertThat(l.getConditions())
        .anySatisfy(c -> assertThat(c.getType() + "/" + c.getStatus()).isEqualTo("ResolvedRefs/True"))
        .anySatisfy(c -> assertThat(c.getType() + "/" + c.getStatus()).isEqualTo("Programmed/True")));
  }

  @Test
  void aDedicatedTenantGetsItsOwnGatewayPolicyAndCertificateAndIsToldWhatIsMissing() {
    createCaClass("modes-dedicated", """
        layout: Dedicated
        httpsRedirect: false
        clientIP: {xForwardedFor: {trustedCIDRs: [203.0.113.0/24]}}
        """);
    fixtures.service("modes-ded", "echo");
    support.applyTenant("modes-ded", "web", """
        className: modes-dedicated
        hostnames: [echo.ded.example.com, web.ded.example.com]
        routes: [{hostname: echo.ded.example.com, service: echo, port: 80}]
        """);

    eventually().until(() -> support.certificateRefs("modes-ded", "modes-ded").equals(List.of("modes-ded-tls")));
    assertThat(certificate("modes-ded", "modes-ded-tls").getSpec().getDnsNames())
        .containsExactly("echo.ded.example.com", "web.ded.example.com");
    assertThat(client.resources(ClientTrafficPolicy.class).inNamespace("modes-ded").withName("modes-ded").get()
        .getSpec().clientIPDetection().xForwardedFor().trustedCIDRs()).containsExactly("203.0.113.0/24");
    assertThat(client.namespaces().withName("modes-ded").get().getMetadata().getLabels())
        .doesNotContainKey("shared-gateway-access");
    Gateway gateway = support.gateway("modes-ded", "modes-ded");
    assertThat(gateway.getSpec().getListeners().get(1).getHostname()).isEqualTo("*.ded.example.com");
    assertThat(gateway.getSpec().getListeners().get(0).getAllowedRoutes().getNamespaces().getFrom()).isEqualTo("Same");

    eventually().untilAsserted(() -> assertThat(support.condition("modes-ded", "web", "Programmed"))
        .hasValue("True/Programmed"));
    assertThat(support.policyCondition("modes-ded", "modes-ded", "Accepted")).hasValue("True/Accepted");
    // web.ded.example.com has no route yet: the TenantIngress is not Ready and says so.
    eventually().untilAsserted(() -> assertThat(support.condition("modes-ded", "web", "Ready"))
        .hasValue("False/NoRoute"));
    assertThat(support.tenant("modes-ded", "web").getStatus().hostnames())
        .filteredOn(h -> h.hostname().equals("echo.ded.example.com"))
        .singleElement().satisfies(h -> assertThat(h.reason()).isEqualTo("RouteAccepted"));
  }

  @Test
  void externalTlsWithAValidCertificateIsServedThroughExactlyItsGrant() {
    createCaClass("modes-ext", """
        gateway: {namespace: modes-ext-gw}
        clientIP: {customHeader: {name: X-Real-IP}}
        """);
    fixtures.service("modes-ext", "shop");
    support.applyTenant("modes-ext", "shop", """
        className: modes-ext
        hostnames: [shop.ext.example.com]
        tls: {mode: External, secretName: shop-tls}
        routes: [{hostname: shop.ext.example.com, service: shop, port: 80}]
        """);

    // The operator never reads the Secret: it lists it, and Envoy Gateway's verdict is the status.
    eventually().untilAsserted(() -> assertThat(support.hostnames("modes-ext", "shop"))
        .singleElement().satisfies(h -> assertThat(h.message()).contains("modes-ext/shop-tls")
            .contains("check that Secret shop-tls exists in namespace modes-ext")));
    assertThat(support.condition("modes-ext", "shop", "CertificatesReady")).hasValueSatisfying(c -> assertThat(c)
        .startsWith("False/"));
    assertThat(client.resources(Certificate.class).inNamespace("modes-ext-gw").list().getItems()).isEmpty();

    fixtures.issuedSecret("modes-ext", "shop-tls", List.of("shop.ext.example.com"));

    eventually().untilAsserted(() -> assertThat(support.condition("modes-ext", "shop", "Ready"))
        .hasValue("True/Ready"));
    assertThat(support.certificateRefs("modes-ext-gw", "shared")).containsExactly("modes-ext/shop-tls");
    ReferenceGrant grant = client.resources(ReferenceGrant.class).inNamespace("modes-ext")
        .withName("tenantingress.modes-ext-gw.shared").get();
    assertThat(grant.getSpec().getTo()).singleElement().satisfies(to -> assertThat(to.getName()).isEqualTo("shop-tls"));
    assertThat(grant.getSpec().getFrom()).singleElement()
        .satisfies(from -> assertThat(from.getNamespace()).isEqualTo("modes-ext-gw"));
    assertThat(support.listenerCondition("modes-ext-gw", "shared", "https", "ResolvedRefs"))
        .hasValue("True/ResolvedRefs");
  }

  @Test
  void externalTlsWithAGarbageCertificateIsRefusedByEnvoyGatewayAndSaysSo() {
    createCaClass("modes-garbage", """
        gateway: {namespace: modes-garbage-gw}
        clientIP: {proxyProtocol: {}}
        """);
    fixtures.garbageSecret("modes-garbage", "junk-tls");
    support.applyTenant("modes-garbage", "web", """
        className: modes-garbage
        hostnames: [junk.garbage.example.com]
        tls: {mode: External, secretName: junk-tls}
        """);

    eventually().untilAsserted(() -> assertThat(support.condition("modes-garbage", "web", "CertificatesReady"))
        .hasValue("False/InvalidCertificateRef"));
    eventually().untilAsserted(() -> assertThat(support.condition("modes-garbage", "web", "Ready"))
        .hasValue("False/InvalidCertificateRef"));
    assertThat(support.tenant("modes-garbage", "web").getStatus().conditions().stream()
        .filter(c -> c.getType().equals("CertificatesReady")).findFirst().orElseThrow().getMessage())
        .contains("modes-garbage/junk-tls");
  }

  @Test
  void oneInvalidCertificateAmongManyOnTheSharedListenerHarmsOnlyItsTenant() {
    createCaClass("modes-many", """
        gateway: {namespace: modes-many-gw}
        clientIP: {proxyProtocol: {}}
        """);
    for (String tenant : List.of("many-a", "many-b")) {
      routedTenant(tenant, "modes-many", tenant + ".many.example.com");
    }
    for (String tenant : List.of("many-a", "many-b")) {
      eventually().untilAsserted(() -> assertThat(support.condition(tenant, "web", "Ready")).hasValue("True/Ready"));
    }

    fixtures.garbageSecret("many-bad", "bad-tls");
    support.applyTenant("many-bad", "web", """
        className: modes-many
        hostnames: [bad.many.example.com]
        tls: {mode: External, secretName: bad-tls}
        """);

    eventually().untilAsserted(() -> assertThat(support.listenerCondition("modes-many-gw", "shared", "https",
        "ResolvedRefs")).hasValue("False/PartiallyInvalidCertificateRef"));
    eventually().untilAsserted(() -> assertThat(support.condition("many-bad", "web", "CertificatesReady"))
        .hasValue("False/PartiallyInvalidCertificateRef"));
    for (String tenant : List.of("many-a", "many-b")) {
      assertThat(support.condition(tenant, "web", "Ready")).hasValue("True/Ready");
    }
  }

  private Certificate certificate(String namespace, String name) {
    return client.resources(Certificate.class).inNamespace(namespace).withName(name).get();
  }
}
