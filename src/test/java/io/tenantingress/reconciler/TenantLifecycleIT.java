package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;

import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.desired.ResourceNames;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.gatewayapi.ListenerSetSpec;
import io.tenantingress.testing.RealControllerFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tenants and classes going away: cleanup that takes exactly what was theirs, and nothing of anyone else's, with
 * cert-manager issuing and Envoy Gateway programming as on a cluster.
 */
class TenantLifecycleIT extends WithOperatorOnRealControllers {

  private static final String CLASS_SPEC = """
      gateway: {namespace: %s}
      clientIP: {xForwardedFor: {numTrustedHops: 1}}
      certificates: {issuerRef: {kind: ClusterIssuer, name: %s}}
      """;

  @Test
  void deletingOneTenantRemovesItsEntriesAndLeavesTheOthersIntact() {
    support.createClass("lc", CLASS_SPEC.formatted("lc-gateway", RealControllerFixtures.CA_ISSUER));
    onboard("lc-a", "a.lc.example.com", "lc-gateway");
    onboard("lc-b", "b.lc.example.com", "lc-gateway");
    eventually().until(() -> support.certificateRefs("lc-gateway", "shared").size() == 2);
    String otherCertificateUid = certificate("lc-gateway", "lc-b.b.lc.example.com").getMetadata().getUid();
    String otherRouteUid = route("lc-b", "b.lc.example.com").getMetadata().getUid();

    client.resource(support.tenant("lc-a", "web")).delete();

    eventually().until(() -> support.tenant("lc-a", "web") == null);
    assertThat(support.certificateRefs("lc-gateway", "shared")).containsExactly("lc-b.b.lc.example.com");
    assertThat(certificate("lc-gateway", "lc-a.a.lc.example.com")).isNull();
    assertThat(route("lc-a", "a.lc.example.com")).isNull();
    assertThat(certificate("lc-gateway", "lc-b.b.lc.example.com").getMetadata().getUid())
        .isEqualTo(otherCertificateUid);
    assertThat(route("lc-b", "b.lc.example.com").getMetadata().getUid()).isEqualTo(otherRouteUid);
    eventually().untilAsserted(() -> assertThat(labels("lc-a")).doesNotContainKey("shared-gateway-access"));
    assertThat(labels("lc-b")).containsEntry("shared-gateway-access", "true");
  }

  @Test
  void fieldsAndLabelsOthersSetSurviveEveryReconcile() {
    support.createClass("lc-keep", CLASS_SPEC.formatted("lc-keep-gateway", RealControllerFixtures.CA_ISSUER));
    onboard("lc-keep-a", "a.keep.example.com", "lc-keep-gateway");
    client.resource(new GatewayBuilder().withNewMetadata().withName("shared").withNamespace("lc-keep-gateway")
            .withAnnotations(Map.of("platform.example.com/owner", "network-team")).endMetadata()
            .withNewSpec().withGatewayClassName("eg").addNewListener().withName("metrics").withPort(9090)
            .withProtocol("HTTP").endListener().endSpec().build())
        .fieldManager("platform-engineer").serverSideApply();
    client.resource(new NamespaceBuilder().withNewMetadata().withName("lc-keep-a")
        .withLabels(Map.of("shared-gateway-access", "true", "team", "keep")).endMetadata().build())
        .fieldManager("platform-engineer").serverSideApply();

    onboard("lc-keep-b", "b.keep.example.com", "lc-keep-gateway");
    eventually().until(() -> support.certificateRefs("lc-keep-gateway", "shared").size() == 2);
    Gateway gateway = support.gateway("lc-keep-gateway", "shared");
    assertThat(gateway.getMetadata().getAnnotations()).containsEntry("platform.example.com/owner", "network-team");
    assertThat(gateway.getSpec().getListeners()).extracting(Listener::getName).contains("metrics", "http", "https");

    client.resource(support.tenant("lc-keep-a", "web")).delete();
    eventually().until(() -> support.tenant("lc-keep-a", "web") == null);
    assertThat(labels("lc-keep-a")).containsEntry("shared-gateway-access", "true").containsEntry("team", "keep");
    assertThat(support.gateway("lc-keep-gateway", "shared").getSpec().getListeners()).extracting(Listener::getName)
        .contains("metrics");
  }

  @Test
  void aClassInUseIsNotDeletedButMaintainedAndTheLastTenantLeavesAnEmptyGateway() {
    TenantIngressClass tenantClass = support.createClass("lc-last", CLASS_SPEC.formatted("lc-last-gateway", RealControllerFixtures.CA_ISSUER));
    onboard("lc-last-a", "a.last.example.com", "lc-last-gateway");
    eventually().until(() -> support.certificateRefs("lc-last-gateway", "shared").size() == 1);

    client.resource(tenantClass).delete();
    eventually().untilAsserted(() -> {
      TenantIngressClass deleting = client.resources(TenantIngressClass.class).withName("lc-last").get();
      assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(deleting.getStatus().conditions()).anySatisfy(c -> {
        assertThat(c.getType() + "/" + c.getStatus() + "/" + c.getReason()).isEqualTo("Ready/False/InUse");
        assertThat(c.getMessage()).contains("lc-last-a/web");
      });
    });
    assertThat(client.v1().events().inNamespace("default").list().getItems())
        .anySatisfy(e -> assertThat(e.getInvolvedObject().getName() + "/" + e.getReason()).isEqualTo("lc-last/InUse"));
    assertThat(support.gateway("lc-last-gateway", "shared")).isNotNull();

    // Until it goes, the class is maintained as any other: a hand-deleted policy comes back (without it every
    // request would fail in direct mode), a new tenant is onboarded and served, a leaving one is offboarded.
    client.resources(ClientTrafficPolicy.class).inNamespace("lc-last-gateway").withName("shared").delete();
    eventually().until(() -> client.resources(ClientTrafficPolicy.class).inNamespace("lc-last-gateway")
        .withName("shared").get() != null);
    fixtures.service("lc-last-b", "web");
    onboard("lc-last-b", "b.last.example.com", "lc-last-gateway");
    eventually().untilAsserted(() -> assertThat(support.condition("lc-last-b", "web", "Ready"))
        .hasValue("True/Ready"));
    assertThat(support.certificateRefs("lc-last-gateway", "shared")).hasSize(2);
    client.resource(support.tenant("lc-last-b", "web")).delete();
    eventually().until(() -> support.tenant("lc-last-b", "web") == null);
    assertThat(support.certificateRefs("lc-last-gateway", "shared")).hasSize(1);

    client.resource(support.tenant("lc-last-a", "web")).delete();
    eventually().until(() -> client.resources(TenantIngressClass.class).withName("lc-last").get() == null);
    assertThat(support.gateway("lc-last-gateway", "shared")).isNull();
    assertThat(support.tenant("lc-last-a", "web")).isNull();
  }

  @Test
  void theLastTenantOfALiveClassLeavesTheGatewayWithoutTenantEntries() {
    support.createClass("lc-empty", CLASS_SPEC.formatted("lc-empty-gateway", RealControllerFixtures.CA_ISSUER));
    onboard("lc-empty-a", "a.empty.example.com", "lc-empty-gateway");
    eventually().until(() -> support.certificateRefs("lc-empty-gateway", "shared").size() == 1);

    client.resource(support.tenant("lc-empty-a", "web")).delete();

    eventually().until(() -> support.tenant("lc-empty-a", "web") == null);
    Gateway gateway = support.gateway("lc-empty-gateway", "shared");
    assertThat(gateway.getSpec().getListeners()).extracting(Listener::getName).containsExactly("http");
  }

  @Test
  void whatTheOperatorWroteInATenantNamespaceComesBackAfterSomeoneElseChangesOrDeletesIt() {
    support.createClass("lc-drift", """
        gateway: {namespace: lc-drift-gateway}
        tenantListeners: ListenerSet
        clientIP: {xForwardedFor: {numTrustedHops: 1}}
        certificates: {issuerRef: {kind: ClusterIssuer, name: %s}}
        """.formatted(RealControllerFixtures.CA_ISSUER));
    for (String namespace : List.of("lc-drift-a", "lc-drift-b")) {
      fixtures.service(namespace, "web");
      support.applyTenant(namespace, "web", """
          className: lc-drift
          hostnames: [%1$s.example.com]
          routes: [{hostname: %1$s.example.com, service: web, port: 80}]
          """.formatted(namespace));
      eventually().untilAsserted(() -> assertThat(support.condition(namespace, "web", "Ready"))
          .hasValue("True/Ready"));
    }
    // The passes that onboarded lc-drift-b found lc-drift-a's objects and namespace as they were, and no longer look
    // at them; a change behind the operator's back is still seen and put right.
    ListenerSet listenerSet = listenerSet("lc-drift-a");
    List<String> listeners = listenerSet.getSpec().listeners().stream().map(Listener::getName).toList();
    assertThat(listeners).hasSize(2);
    listenerSet.setSpec(new ListenerSetSpec(listenerSet.getSpec().parentRef(),
        listenerSet.getSpec().listeners().subList(0, 1)));
    client.resource(listenerSet).update();
    String routeName = ResourceNames.tenantRouteName("lc-drift-a.example.com");
    client.resources(HTTPRoute.class).inNamespace("lc-drift-a").withName(routeName).delete();
    client.namespaces().withName("lc-drift-a").edit(ns -> new NamespaceBuilder(ns).editMetadata()
        .removeFromLabels("shared-gateway-access").removeFromAnnotations(NamespaceMetadataDesiredState.OWNED_HOSTNAMES)
        .endMetadata().build());

    eventually().untilAsserted(() -> {
      assertThat(listenerSet("lc-drift-a").getSpec().listeners()).extracting(Listener::getName)
          .containsExactlyInAnyOrderElementsOf(listeners);
      assertThat(route("lc-drift-a", routeName)).isNotNull();
      assertThat(labels("lc-drift-a")).containsEntry("shared-gateway-access", "true");
      assertThat(client.namespaces().withName("lc-drift-a").get().getMetadata().getAnnotations())
          .containsEntry(NamespaceMetadataDesiredState.OWNED_HOSTNAMES, "lc-drift-a.example.com");
    });
  }

  /**
   * A pass looks for what its class no longer renders only where it renders something new, or where someone else
   * wrote an object with the class's labels: such an object goes, in a namespace whose tenants did not change as in
   * one the class never rendered anything in.
   */
  @Test
  void anObjectSomeoneElseWroteWithTheClassesLabelsIsDeletedWhereverItAppears() {
    support.createClass("lc-stray", CLASS_SPEC.formatted("lc-stray-gateway", RealControllerFixtures.CA_ISSUER));
    fixtures.service("lc-stray-a", "web");
    fixtures.service("lc-stray-elsewhere", "web");
    support.applyTenant("lc-stray-a", "web", """
        className: lc-stray
        hostnames: [a.stray.example.com]
        routes: [{hostname: a.stray.example.com, service: web, port: 80}]
        """);
    eventually().untilAsserted(() -> assertThat(support.condition("lc-stray-a", "web", "Ready"))
        .hasValue("True/Ready"));
    HTTPRoute template = route("lc-stray-a", ResourceNames.tenantRouteName("a.stray.example.com"));

    for (String namespace : List.of("lc-stray-a", "lc-stray-elsewhere")) {
      client.resource(new HTTPRouteBuilder().withNewMetadata().withName("stray").withNamespace(namespace)
          .withLabels(template.getMetadata().getLabels()).endMetadata().withNewSpec()
          .withHostnames("a.stray.example.com").endSpec().build()).create();
    }

    eventually().untilAsserted(() -> {
      assertThat(route("lc-stray-a", "stray")).isNull();
      assertThat(route("lc-stray-elsewhere", "stray")).isNull();
    });
    assertThat(route("lc-stray-a", ResourceNames.tenantRouteName("a.stray.example.com")).getMetadata().getUid())
        .isEqualTo(template.getMetadata().getUid());
  }

  private ListenerSet listenerSet(String namespace) {
    return client.resources(ListenerSet.class).inNamespace(namespace).withName("tenantingress-shared").get();
  }

  private void onboard(String namespace, String hostname, String gatewayNamespace) {
    String className = client.resources(TenantIngressClass.class).list().getItems().stream()
        .filter(c -> gatewayNamespace.equals(c.getSpec().gateway().namespace())).findFirst().orElseThrow()
        .getMetadata().getName();
    support.applyTenant(namespace, "web", """
        className: %s
        hostnames: [%s]
        routes: [{hostname: %s, service: web, port: 80}]
        """.formatted(className, hostname, hostname));
    String certificate = namespace + "." + hostname;
    eventually().until(() -> certificate(gatewayNamespace, certificate) != null);
  }

  private Certificate certificate(String namespace, String name) {
    return client.resources(Certificate.class).inNamespace(namespace).withName(name).get();
  }

  private HTTPRoute route(String namespace, String name) {
    return client.resources(HTTPRoute.class).inNamespace(namespace).withName(name).get();
  }

  private Map<String, String> labels(String namespace) {
    return client.namespaces().withName(namespace).get().getMetadata().getLabels();
  }

}
