package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.testing.ControllerStandIns;
import io.tenantingress.testing.GapWatcher;
import org.junit.jupiter.api.Test;

/**
 * Switching a class between its Gateway and ListenerSet layouts moves the tenant without a moment in which its
 * hostname is not served: the new listener and certificate are in place before the old entry goes. Issuance is
 * played by {@link ControllerStandIns} so that the test decides when the new certificate
 * arrives and can see the old entry still serving while it is pending; real cert-manager issues within a second,
 * too soon to observe that state reliably.
 */
class LayoutMigrationIT extends WithRunningOperator {

  private static final String HOSTNAME = "a.mig.example.com";

  private final ControllerStandIns standIns = new ControllerStandIns(client);

  @Test
  void aServedHostnameStaysServedAcrossBothSwitches() throws InterruptedException {
    support.createClass("mig", """
        gateway: {namespace: mig-gateway}
        clientIP: {proxyProtocol: {}}
        certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
        """);
    support.applyTenant("mig-a", "web", """
        className: mig
        hostnames: [a.mig.example.com]
        routes: [{hostname: a.mig.example.com, service: web, port: 80}]
        """);
    eventually().until(() -> certificate("mig-gateway", "mig-a." + HOSTNAME) != null);
    standIns.issue("mig-gateway", "mig-a." + HOSTNAME);
    eventually().until(this::servedOnGateway);

    GapWatcher watcher = new GapWatcher(() -> servedOnGateway() || servedOnListenerSet() ? null : "served nowhere");
    try {
      switchTo("ListenerSet");
      eventually().until(() -> certificate("mig-a", HOSTNAME) != null);
      assertThat(servedOnGateway()).as("still on the Gateway while the new certificate is issued").isTrue();
      standIns.issue("mig-a", HOSTNAME);
      eventually().until(() -> servedOnListenerSet() && !servedOnGateway());
      eventually().until(() -> certificate("mig-gateway", "mig-a." + HOSTNAME) == null);
      eventually().until(() -> "ListenerSet".equals(route().getSpec().getParentRefs().get(0).getKind()));

      switchTo("Gateway");
      // Real cert-manager would find the earlier Secret still valid and mark the re-created Certificate Ready at
      // once; the stand-in does so when the test has seen the hostname still on its ListenerSet meanwhile.
      eventually().until(() -> certificate("mig-gateway", "mig-a." + HOSTNAME) != null);
      assertThat(servedOnListenerSet()).as("still on its ListenerSet until the Gateway's certificate is ready").isTrue();
      standIns.issue("mig-gateway", "mig-a." + HOSTNAME);
      eventually().until(() -> servedOnGateway() && !servedOnListenerSet());
      eventually().until(() -> "shared".equals(route().getSpec().getParentRefs().get(0).getName()));
    } finally {
      watcher.close();
    }
    assertThat(watcher.gaps()).as("moments in which %s was served nowhere", HOSTNAME).isEmpty();
  }

  private void switchTo(String tenantListeners) {
    client.resources(TenantIngressClass.class).withName("mig").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"tenantListeners\":\"" + tenantListeners + "\"}}");
  }

  private boolean servedOnGateway() {
    return support.certificateRefs("mig-gateway", "shared").contains("mig-a." + HOSTNAME);
  }

  private boolean servedOnListenerSet() {
    ListenerSet listenerSet = client.resources(ListenerSet.class).inNamespace("mig-a")
        .withName("tenantingress-shared").get();
    return listenerSet != null && listenerSet.getSpec().listeners().stream()
        .anyMatch(l -> HOSTNAME.equals(l.getHostname()) && "HTTPS".equals(l.getProtocol()));
  }

  private Certificate certificate(String namespace, String name) {
    return client.resources(Certificate.class).inNamespace(namespace).withName(name).get();
  }

  private HTTPRoute route() {
    return client.resources(HTTPRoute.class).inNamespace("mig-a").withName(HOSTNAME).get();
  }
}
