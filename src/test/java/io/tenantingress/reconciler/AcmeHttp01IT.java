package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.acme.v1.Challenge;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.tenantingress.sandbox.RealControllers;
import io.tenantingress.status.AcmeSolverRoutes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ACME HTTP-01 end to end: cert-manager registers with Pebble, answers the challenge through a solver HTTPRoute on
 * the shared Gateway's http listener, and Pebble validates it, but only where Envoy Gateway accepted that route,
 * which needs the access label on the namespace the route lives in (the seed's requirement for the gateway
 * namespace).
 */
class AcmeHttp01IT extends WithOperatorOnRealControllers {

  private static final String GATEWAY_NS = "acme-gateway";
  private static final String HOSTNAME = "shop.acme.example.com";
  private static final Duration ISSUANCE = Duration.ofSeconds(120);

  private static ScheduledExecutorService watcher;
  private static final Set<String> seen = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void createClass(RealControllers controllers) {
    support.createClass("acme", """
        gateway: {namespace: acme-gateway}
        clientIP: {proxyProtocol: {}}
        certificates:
          acme: {server: "%s", email: platform@example.com, solver: {http01: {}}}
        """.formatted(controllers.acmeDirectoryUrl()));
    watcher = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stopWatcher() {
    watcher.shutdownNow();
  }

  @Test
  void aCertificateIsIssuedThroughTheSharedGatewaysHttpListenerAndTheChallengeShowsOnTheTenant() {
    fixtures.service("acme-shop", "shop");
    support.applyTenant("acme-shop", "web", """
        className: acme
        hostnames: [%s]
        routes: [{hostname: %s, service: shop, port: 80}]
        """.formatted(HOSTNAME, HOSTNAME));
    // Everything the tenant's status and the gateway namespace go through while the certificate is pending.
    watcher.scheduleWithFixedDelay(() -> {
      var tenant = support.tenant("acme-shop", "web");
      if (tenant != null && tenant.getStatus() != null && tenant.getStatus().hostnames() != null) {
        tenant.getStatus().hostnames().forEach(h -> seen.add(h.reason() + ": " + h.message()));
      }
      client.resources(HTTPRoute.class).inNamespace(GATEWAY_NS).list().getItems().stream()
          .filter(AcmeSolverRoutes::isSolverRoute).forEach(r -> seen.add("solver route " + r.getMetadata().getName()));
    }, 0, 100, TimeUnit.MILLISECONDS);

    eventually().atMost(ISSUANCE).untilAsserted(() -> assertThat(support.condition("acme-shop", "web", "Ready"))
        .hasValue("True/Ready"));

    assertThat(client.namespaces().withName(GATEWAY_NS).get().getMetadata().getLabels())
        .containsEntry("shared-gateway-access", "true");
    // The test environment runs cert-manager as docs/api.md advises (--enable-certificate-owner-ref): the Secret a
    // departed tenant leaves goes with its Certificate.
    assertThat(client.secrets().inNamespace(GATEWAY_NS).withName("acme-shop." + HOSTNAME).get().getMetadata()
        .getOwnerReferences()).singleElement().satisfies(owner -> {
          assertThat(owner.getKind()).isEqualTo("Certificate");
          assertThat(owner.getName()).isEqualTo("acme-shop." + HOSTNAME);
        });
    assertThat(client.resources(Issuer.class).inNamespace(GATEWAY_NS).withName("letsencrypt-http01").get()
        .getStatus().getAcme().getUri()).contains("localhost");
    assertThat(seen).as("the solver route existed and the tenant was told about the challenge")
        .anySatisfy(s -> assertThat(s).startsWith("solver route "))
        .anySatisfy(s -> assertThat(s).contains("HTTP-01 challenge").contains("is accepted by Gateway"))
        .noneSatisfy(s -> assertThat(s).contains("HostnameServedElsewhere"));
    assertThat(support.condition("acme-shop", "web", "RoutesAttached")).hasValue("True/RoutesAccepted");
    // The challenge is over: cert-manager removed its route.
    eventually().untilAsserted(() -> assertThat(client.resources(HTTPRoute.class).inNamespace(GATEWAY_NS).list()
        .getItems()).noneMatch(AcmeSolverRoutes::isSolverRoute));
  }

  @Test
  void withoutTheAccessLabelEnvoyGatewayRefusesTheChallengeRouteAndNothingIsIssued() {
    // The walkthrough by hand, minus the label on the namespace where the Issuer and Certificate live.
    String namespace = "acme-unlabelled";
    eventually().until(() -> support.gateway(GATEWAY_NS, "shared") != null);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .fieldManager("test").serverSideApply();
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata: {name: by-hand, namespace: acme-unlabelled}
        spec:
          acme:
            server: "%s"
            email: platform@example.com
            privateKeySecretRef: {name: by-hand-account}
            solvers:
              - http01:
                  gatewayHTTPRoute:
                    parentRefs: [{name: shared, namespace: acme-gateway, kind: Gateway}]
        """.formatted(acmeDirectory()), Issuer.class)).fieldManager("test").serverSideApply();
    client.resource(new CertificateBuilder().withNewMetadata().withName("by-hand").withNamespace(namespace)
        .endMetadata().withNewSpec().withDnsNames("by-hand.acme.example.com").withSecretName("by-hand-tls")
        .withNewIssuerRef().withKind("Issuer").withName("by-hand").endIssuerRef().endSpec().build())
        .fieldManager("test").serverSideApply();

    eventually().atMost(ISSUANCE).untilAsserted(() -> assertThat(client.resources(HTTPRoute.class)
        .inNamespace(namespace).list().getItems()).filteredOn(AcmeSolverRoutes::isSolverRoute).singleElement()
        .satisfies(route -> assertThat(route.getStatus()).isNotNull())
        .satisfies(route -> assertThat(route.getStatus().getParents()).singleElement().satisfies(parent ->
            assertThat(parent.getConditions()).anySatisfy(c -> {
              assertThat(c.getType()).isEqualTo("Accepted");
              assertThat(c.getReason()).isEqualTo("NotAllowedByListeners");
            }))));
    // cert-manager's self-check gets no answer (no Envoy route), so it never even asks Pebble to validate.
    eventually().untilAsserted(() -> assertThat(client.resources(Challenge.class).inNamespace(namespace).list()
        .getItems()).singleElement().satisfies(challenge -> assertThat(challenge.getStatus().getReason())
            .contains("404")));
    Certificate certificate = client.resources(Certificate.class).inNamespace(namespace).withName("by-hand").get();
    assertThat(certificate.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("False");
    });
    assertThat(client.secrets().inNamespace(namespace).withName("by-hand-tls").get()).isNull();
  }

  private static String acmeDirectory() {
    return client.resources(io.tenantingress.api.v1alpha1.TenantIngressClass.class).withName("acme").get()
        .getSpec().certificates().acme().server();
  }
}
