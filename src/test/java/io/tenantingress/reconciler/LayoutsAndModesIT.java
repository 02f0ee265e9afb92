package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.tenantingress.envoy.ClientTrafficPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Dedicated layout, both proxy modes and External TLS, reconciled end to end. */
class LayoutsAndModesIT extends WithRunningOperator {


  @Test
  void aDedicatedTenantGetsItsOwnGatewayPolicyIssuerAndCertificate() {
    support.createClass("modes-dedicated", """
        layout: Dedicated
        httpsRedirect: false
        clientIP: {xForwardedFor: {trustedCIDRs: [203.0.113.0/24]}}
        certificates:
          acme: {server: "https://acme.example.com/directory", email: a@example.com, issuerName: letsencrypt,
                 solver: {http01: {}}}
        """);
    support.applyTenant("modes-ded", "web", """
        className: modes-dedicated
        hostnames: [echo.ded.example.com, web.ded.example.com]
        routes: [{hostname: echo.ded.example.com, service: echo, port: 80}]
        """);

    eventually().until(() -> certificate("modes-ded", "modes-ded-tls") != null);
    assertThat(certificate("modes-ded", "modes-ded-tls").getSpec().getDnsNames())
        .containsExactly("echo.ded.example.com", "web.ded.example.com");
    assertThat(client.resources(Issuer.class).inNamespace("modes-ded").withName("letsencrypt").get()).isNotNull();
    assertThat(client.resources(ClientTrafficPolicy.class).inNamespace("modes-ded").withName("modes-ded").get()
        .getSpec().clientIPDetection().xForwardedFor().trustedCIDRs()).containsExactly("203.0.113.0/24");
    assertThat(client.namespaces().withName("modes-ded").get().getMetadata().getLabels())
        .doesNotContainKey("shared-gateway-access");

    standIns.issue("modes-ded", "modes-ded-tls");
    eventually().until(() -> support.certificateRefs("modes-ded", "modes-ded").equals(java.util.List.of("modes-ded-tls")));
    Gateway gateway = support.gateway("modes-ded", "modes-ded");
    assertThat(gateway.getSpec().getListeners().get(1).getHostname()).isEqualTo("*.ded.example.com");
    assertThat(gateway.getSpec().getListeners().get(0).getAllowedRoutes().getNamespaces().getFrom()).isEqualTo("Same");
    standIns.program("modes-ded", "modes-ded", "198.51.100.7");
    standIns.routeParent("modes-ded", "echo.ded.example.com", "modes-ded", "modes-ded", "True", "Accepted", "ok");
    eventually().untilAsserted(() -> assertThat(support.condition("modes-ded", "web", "Programmed"))
        .hasValue("True/Programmed"));
    // web.ded.example.com has no route yet: the TenantIngress is not Ready and says so.
    eventually().untilAsserted(() -> assertThat(support.condition("modes-ded", "web", "Ready"))
        .hasValue("False/NoRoute"));
  }

  @Test
  void externalTlsOnTheSharedGatewayIsGrantedExactlyItsSecret() {
    support.createClass("modes-header", """
        gateway: {namespace: modes-gateway}
        clientIP: {customHeader: {name: X-Real-IP, failClosed: true}}
        certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
        """);
    support.applyTenant("modes-ext", "shop", """
        className: modes-header
        hostnames: [shop.ext.example.com]
        tls: {mode: External, secretName: shop-tls}
        """);

    eventually().untilAsserted(() -> assertThat(support.condition("modes-ext", "shop", "CertificatesReady"))
        .hasValue("False/SecretNotFound"));
    eventually().until(() -> client.resources(ClientTrafficPolicy.class).inNamespace("modes-gateway")
        .withName("shared").get() != null);
    assertThat(client.resources(ClientTrafficPolicy.class).inNamespace("modes-gateway").withName("shared").get()
        .getSpec().clientIPDetection().customHeader().name()).isEqualTo("X-Real-IP");
    assertThat(client.resources(Certificate.class).inNamespace("modes-gateway").list().getItems()).isEmpty();

    client.resource(new SecretBuilder().withNewMetadata().withName("shop-tls").withNamespace("modes-ext")
        .endMetadata().withType("kubernetes.io/tls").withData(Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5"))
        .build()).create();

    eventually().until(() -> support.certificateRefs("modes-gateway", "shared")
        .equals(java.util.List.of("modes-ext/shop-tls")));
    ReferenceGrant grant = client.resources(ReferenceGrant.class).inNamespace("modes-ext")
        .withName("tenantingress.modes-gateway.shared").get();
    assertThat(grant).as("the grant is applied before the Gateway references the Secret").isNotNull();
    assertThat(grant.getSpec().getTo()).singleElement().satisfies(to -> assertThat(to.getName()).isEqualTo("shop-tls"));
    assertThat(grant.getSpec().getFrom()).singleElement()
        .satisfies(from -> assertThat(from.getNamespace()).isEqualTo("modes-gateway"));
    eventually().untilAsserted(() -> assertThat(support.condition("modes-ext", "shop", "CertificatesReady"))
        .hasValue("True/CertificatesIssued"));
  }

  private Certificate certificate(String namespace, String name) {
    return client.resources(Certificate.class).inNamespace(namespace).withName(name).get();
  }

}
