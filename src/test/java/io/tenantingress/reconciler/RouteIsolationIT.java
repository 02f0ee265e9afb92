package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.tenantingress.gatewayapi.ListenerSet;
import org.junit.jupiter.api.Test;

/**
 * One namespace's route for another namespace's hostname: on ListenerSets it cannot attach (each hostname's
 * listener admits its own namespace's routes only) and the route's namespace is told why; on the shared
 * Gateway's single listener the API cannot stop it, so both tenants are told. Envoy Gateway's verdicts decide
 * which: the route is accepted on the shared listener and refused by the ListenerSet's.
 */
class RouteIsolationIT extends WithOperatorOnRealControllers {

  @Test
  void onTheGatewayLayoutARouteForAnotherTenantsHostnameIsReportedOnBoth() {
    createCaClass("iso-gw", """
        gateway: {namespace: iso-gw-gateway}
        clientIP: {proxyProtocol: {}}
        """);
    support.applyTenant("iso-a", "web", "className: iso-gw\nhostnames: [a.iso.example.com]");
    support.applyTenant("iso-b", "web", "className: iso-gw\nhostnames: [b.iso.example.com]");
    eventually().until(() -> support.tenant("iso-a", "web").getStatus() != null);
    eventually().untilAsserted(() -> assertThat(support.condition("iso-a", "web", "Programmed"))
        .hasValue("True/Programmed"));

    client.resource(route("iso-b", "steal", "a.iso.example.com", "name: shared, namespace: iso-gw-gateway")).create();

    eventually().untilAsserted(() -> {
      assertThat(support.condition("iso-a", "web", "RoutesAttached")).hasValue("False/HostnameServedElsewhere");
      assertThat(support.condition("iso-b", "web", "RoutesAttached")).hasValue("False/HostnameNotClaimed");
    });
    eventually().untilAsserted(() -> assertThat(client.v1().events().inNamespace("iso-a").list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("HostnameServedElsewhere")));
  }

  @Test
  void aNamespaceThatOwnsNoHostnameGetsNoAccessToTheSharedListenersPort80Included() {
    createCaClass("iso-none", """
        gateway: {namespace: iso-none-gateway}
        clientIP: {proxyProtocol: {}}
        """);
    support.applyTenant("iso-none-a", "web", "className: iso-none\nhostnames: [a.isonone.example.com]");
    eventually().untilAsserted(() -> assertThat(support.condition("iso-none-a", "web", "Programmed"))
        .hasValue("True/Programmed"));
    // The squatter's only claim loses to the older owner: it owns nothing.
    support.applyTenant("iso-none-squat", "web", "className: iso-none\nhostnames: [a.isonone.example.com]");
    eventually().untilAsserted(() -> assertThat(support.condition("iso-none-squat", "web", "Ready"))
        .hasValue("False/HostnameClaimed"));
    assertThat(client.namespaces().withName("iso-none-squat").get().getMetadata().getLabels())
        .doesNotContainKey("shared-gateway-access");

    client.resource(route("iso-none-squat", "port-80", "a.isonone.example.com",
        "name: shared, namespace: iso-none-gateway, sectionName: http")).create();

    eventually().untilAsserted(() -> assertThat(client.resources(HTTPRoute.class).inNamespace("iso-none-squat")
        .withName("port-80").get().getStatus().getParents()).singleElement().satisfies(parent -> assertThat(
            parent.getConditions()).anySatisfy(c -> assertThat(c.getType() + "/" + c.getStatus() + "/"
            + c.getReason()).isEqualTo("Accepted/False/NotAllowedByListeners"))));
    assertThat(support.condition("iso-none-a", "web", "RoutesAttached")).isNotEqualTo(
        java.util.Optional.of("False/HostnameServedElsewhere"));
  }

  @Test
  void onListenerSetsEachHostnamesListenerAdmitsOnlyItsNamespaceAndAStrayRouteIsExplained() {
    createCaClass("iso-ls", """
        gateway: {namespace: iso-ls-gateway}
        tenantListeners: ListenerSet
        clientIP: {proxyProtocol: {}}
        """);
    support.applyTenant("iso-ls-a", "web", "className: iso-ls\nhostnames: [a.isols.example.com]");
    support.applyTenant("iso-ls-b", "web", "className: iso-ls\nhostnames: [b.isols.example.com]");
    eventually().until(() -> client.resources(Certificate.class).inNamespace("iso-ls-a")
        .withName("a.isols.example.com").get() != null);
    eventually().until(() -> {
      ListenerSet ready = client.resources(ListenerSet.class).inNamespace("iso-ls-a").withName("tenantingress-shared")
          .get();
      return ready != null && ready.getSpec().listeners().stream().anyMatch(l -> l.getProtocol().equals("HTTPS"));
    });
    ListenerSet listenerSet = client.resources(ListenerSet.class).inNamespace("iso-ls-a")
        .withName("tenantingress-shared").get();
    assertThat(listenerSet.getSpec().listeners()).extracting(l -> l.getProtocol()).containsExactly("HTTP", "HTTPS");
    assertThat(listenerSet.getSpec().listeners()).allSatisfy(listener -> {
      assertThat(listener.getHostname()).isEqualTo("a.isols.example.com");
      assertThat(listener.getAllowedRoutes().getNamespaces().getFrom()).isEqualTo("Same");
    });

    client.resource(route("iso-ls-b", "steal", "a.isols.example.com", """
        group: gateway.networking.k8s.io, kind: ListenerSet, name: tenantingress-shared, namespace: iso-ls-a,
        sectionName: a.isols.example.com""")).create();

    eventually().untilAsserted(() -> assertThat(support.condition("iso-ls-b", "web", "RoutesAttached"))
        .hasValue("False/ListenerOfAnotherNamespace"));
    eventually().untilAsserted(() -> assertThat(client.resources(HTTPRoute.class).inNamespace("iso-ls-b")
        .withName("steal").get().getStatus().getParents()).singleElement().satisfies(parent -> assertThat(
            parent.getConditions()).anySatisfy(c -> assertThat(c.getType() + "/" + c.getStatus())
            .isEqualTo("Accepted/False"))));
    assertThat(support.condition("iso-ls-a", "web", "RoutesAttached")).isNotEqualTo(
        java.util.Optional.of("False/HostnameServedElsewhere"));
  }

  private HTTPRoute route(String namespace, String name, String hostname, String parentRef) {
    return client.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: %s, namespace: %s}
        spec:
          parentRefs: [{%s}]
          hostnames: [%s]
          rules: [{backendRefs: [{name: web, port: 80}]}]
        """.formatted(name, namespace, parentRef.replace("\n", " "), hostname), HTTPRoute.class);
  }
}
