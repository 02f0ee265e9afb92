package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.CertificateIssuance;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.RealControllers;
import io.tenantingress.testing.GapWatcher;
import io.tenantingress.testing.Kubectl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cluster built by hand from the walkthrough (its YAML applied with kubectl's client-side apply, its certificate
 * issued by Pebble through the hand-written Issuer and Gateway) is taken over by a class and a TenantIngress, then
 * left again, with the real Envoy Gateway and cert-manager. A watcher checks that the hostname's certificate is on
 * the Gateway's https listener at every moment; the take-over is reported on the class with what it changed; and
 * fields kubectl's manager wrote never make a later apply fail, down to removing the https listener altogether.
 */
class AdoptionIT extends WithOperatorOnRealControllers {

  private static final String GATEWAY_NS = "adopt-gw";
  private static final String HOSTNAME = "a.adopt.example.com";
  private static final Duration ISSUANCE = Duration.ofMinutes(2);

  @Test
  void theWalkthroughsClusterIsTakenOverAndLeftAgainWithoutAMomentWithoutCertificate(EmbeddedKubernetes kube,
      RealControllers controllers) throws Exception {
    Kubectl kubectl = new Kubectl(kube);
    kubectl.apply(walkthrough(controllers.acmeDirectoryUrl()));
    eventually().atMost(ISSUANCE).until(() -> issued("adopt-a-tls"));
    eventually().until(() -> support.certificateRefs(GATEWAY_NS, "shared").contains("adopt-a-tls"));

    GapWatcher watcher = new GapWatcher(() -> {
      List<String> refs = support.certificateRefs(GATEWAY_NS, "shared");
      return refs.contains("adopt-a-tls") || refs.contains("adopt-a." + HOSTNAME) ? null : refs.toString();
    });
    try {
      // The class differs from the hand-written objects in the Issuer's e-mail: the take-over says so.
      support.createClass("adopt", """
          gateway: {namespace: %s}
          clientIP: {proxyProtocol: {}}
          certificates:
            acme: {server: "%s", email: operator@example.com, solver: {http01: {}}}
          """.formatted(GATEWAY_NS, controllers.acmeDirectoryUrl()));
      eventually().untilAsserted(() -> assertThat(adopted()).contains(
          "Gateway adopt-gw/shared (written by kubectl-client-side-apply) is now the operator's",
          "Issuer adopt-gw/letsencrypt-http01 (written by kubectl-client-side-apply) is now the operator's",
          "spec.acme.email: \"platform@example.com\" -> \"operator@example.com\""));
      assertThat(client.v1().events().inNamespace("default").list().getItems())
          .anySatisfy(e -> assertThat(e.getInvolvedObject().getName() + "/" + e.getReason()).isEqualTo("adopt/Adopted"));
      assertThat(client.resources(Issuer.class).inNamespace(GATEWAY_NS).withName("letsencrypt-http01").get()
          .getSpec().getAcme().getEmail()).isEqualTo("operator@example.com");

      support.applyTenant("adopt-a", "web", "className: adopt\nhostnames: [" + HOSTNAME + "]");
      eventually().atMost(ISSUANCE).untilAsserted(() -> assertThat(support.condition("adopt-a", "web", "Ready"))
          .hasValue("True/Ready"));
      // The operator's certificate replaced the hand-written one on the listener in one write.
      eventually().until(() -> support.certificateRefs(GATEWAY_NS, "shared").equals(List.of("adopt-a." + HOSTNAME)));
      assertThat(support.tenant("adopt-a", "web").getStatus().hostnames().get(0).message())
          .contains("Secret adopt-gw/adopt-a-tls also covers it");

      // Backing out: the hostname's own hand-written certificate is served again, and nothing jams.
      client.resource(support.tenant("adopt-a", "web")).delete();
      eventually().until(() -> support.tenant("adopt-a", "web") == null);
      assertThat(support.certificateRefs(GATEWAY_NS, "shared")).containsExactly("adopt-a-tls");
    } finally {
      watcher.close();
    }
    assertThat(watcher.gaps()).as("moments in which %s had no certificate on the listener", HOSTNAME).isEmpty();

    // With no certificate left at all the https listener goes: fields kubectl's manager wrote there never make the
    // operator's apply fail, and the class stays Ready.
    client.resources(Certificate.class).inNamespace(GATEWAY_NS).withName("adopt-a-tls").delete();
    eventually().untilAsserted(() -> assertThat(gateway().getSpec().getListeners()).extracting(Listener::getName)
        .containsExactly("http"));
    assertThat(readyOfClass()).isEqualTo("True/Ready");
    fixtures.service("adopt-b", "web");
    routedTenant("adopt-b", "adopt", "b.adopt.example.com");
    eventually().atMost(ISSUANCE).untilAsserted(() -> assertThat(support.condition("adopt-b", "web", "Ready"))
        .hasValue("True/Ready"));
    assertThat(readyOfClass()).isEqualTo("True/Ready");
  }

  private static String walkthrough(String acmeDirectory) throws IOException {
    try (InputStream in = AdoptionIT.class.getResourceAsStream("/walkthrough/shared-gateway.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("namespace: gateway", "namespace: " + GATEWAY_NS).replace("name: gateway\n", "name: "
              + GATEWAY_NS + "\n")
          .replace("team-a.example.com", HOSTNAME).replace("team-a", "adopt-a")
          .replace("https://acme-v02.api.letsencrypt.org/directory", acmeDirectory);
    }
  }

  private static boolean issued(String certificate) {
    Certificate observed = client.resources(Certificate.class).inNamespace(GATEWAY_NS).withName(certificate).get();
    return observed != null && CertificateIssuance.issued(observed);
  }

  private static Gateway gateway() {
    return client.resources(Gateway.class).inNamespace(GATEWAY_NS).withName("shared").get();
  }

  private static String adopted() {
    TenantIngressClass tenantClass = client.resources(TenantIngressClass.class).withName("adopt").get();
    return tenantClass.getStatus() == null ? "" : tenantClass.getStatus().conditions().stream()
        .filter(c -> c.getType().equals("Adopted")).map(c -> c.getStatus() + "/" + c.getReason() + ": "
            + c.getMessage()).findFirst().orElse("");
  }

  private static String readyOfClass() {
    return client.resources(TenantIngressClass.class).withName("adopt").get().getStatus().conditions().stream()
        .filter(c -> c.getType().equals("Ready")).map(c -> c.getStatus() + "/" + c.getReason()).findFirst()
        .orElse("");
  }
}
