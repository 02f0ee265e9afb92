package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.testing.RealControllerFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which class a tenant gets. A second class marked default, or the mark taken away, deletes nothing: tenants
 * without {@code className} stay on the class that served them, and their status says why, until there is one
 * default again. A class with a namespace selector serves only the namespaces it selects, whatever a tenant
 * writes in {@code className}.
 */
class ClassChoiceIT extends WithOperatorOnRealControllers {

  @Test
  void aClassServesOnlyTheNamespacesItsSelectorPicksAndALabelSetByThePlatformAdmitsOne() {
    createCaClass("choice-internal", """
        gateway: {namespace: choice-internal-gw}
        clientIP: {proxyProtocol: {}}
        namespaceSelector: {matchLabels: {platform.example.com/zone: internal}}
        """);
    routedTenant("choice-x", "choice-internal", "x.choice.example.com");

    eventually().untilAsserted(() -> assertThat(support.condition("choice-x", "web", "Ready"))
        .hasValue("False/NamespaceNotSelected"));
    assertThat(client.resources(Certificate.class).inNamespace("choice-internal-gw").list().getItems()).isEmpty();
    assertThat(client.namespaces().withName("choice-x").get().getMetadata().getLabels())
        .doesNotContainKey("shared-gateway-access");

    // The platform team, not the app team, labels the namespace.
    client.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("choice-x")
        .withLabels(java.util.Map.of("platform.example.com/zone", "internal")).endMetadata().build())
        .fieldManager("platform-team").serverSideApply();

    eventually().untilAsserted(() -> assertThat(support.condition("choice-x", "web", "Ready"))
        .hasValue("True/Ready"));
  }

  @Test
  void aSecondDefaultClassDeletesNothingAndTheStatusSaysWhy() throws InterruptedException {
    defaultClass("dflt-a", "dflt-a-gw", true);
    fixtures.service("dflt-t", "web");
    support.applyTenant("dflt-t", "web", """
        hostnames: [t.dflt.example.com]
        routes: [{hostname: t.dflt.example.com, service: web, port: 80}]
        """);
    eventually().untilAsserted(() -> assertThat(support.condition("dflt-t", "web", "Ready")).hasValue("True/Ready"));
    List<String> refs = support.certificateRefs("dflt-a-gw", "shared");
    String certificateUid = certificate().getMetadata().getUid();
    String routeUid = route().getMetadata().getUid();

    defaultClass("dflt-b", "dflt-b-gw", true);

    eventually().untilAsserted(() -> assertThat(support.condition("dflt-t", "web", "Ready"))
        .hasValue("False/AmbiguousDefaultClass"));
    assertThat(support.tenant("dflt-t", "web").getStatus().conditions()).filteredOn(c -> c.getType().equals("Ready"))
        .singleElement().satisfies(c -> assertThat(c.getMessage()).contains("dflt-a, dflt-b")
            .contains("stays on TenantIngressClass dflt-a"));
    Thread.sleep(3_000);
    assertThat(support.certificateRefs("dflt-a-gw", "shared")).isEqualTo(refs);
    assertThat(certificate().getMetadata().getUid()).isEqualTo(certificateUid);
    assertThat(route().getMetadata().getUid()).isEqualTo(routeUid);
    assertThat(support.condition("dflt-t", "web", "Programmed")).hasValue("True/Programmed");
    // A tenant that never had a class has nothing to keep.
    support.applyTenant("dflt-new", "web", "hostnames: [new.dflt.example.com]");
    eventually().untilAsserted(() -> assertThat(support.condition("dflt-new", "web", "Ready"))
        .hasValue("False/AmbiguousDefaultClass"));

    defaultClass("dflt-b", "dflt-b-gw", false);

    eventually().untilAsserted(() -> assertThat(support.condition("dflt-t", "web", "Ready")).hasValue("True/Ready"));
    assertThat(certificate().getMetadata().getUid()).isEqualTo(certificateUid);
  }

  private void defaultClass(String name, String gatewayNamespace, boolean isDefault) {
    client.resource(client.getKubernetesSerialization().unmarshal("""
        apiVersion: tenantingress.io/v1alpha1
        kind: TenantIngressClass
        metadata:
          name: %s
          annotations: {tenantingress.io/is-default-class: "%s"}
        spec:
          gateway: {namespace: %s}
          clientIP: {proxyProtocol: {}}
          certificates: {issuerRef: {kind: ClusterIssuer, name: %s}}
        """.formatted(name, isDefault, gatewayNamespace, RealControllerFixtures.CA_ISSUER), TenantIngressClass.class))
        .fieldManager("test").forceConflicts().serverSideApply();
  }

  private Certificate certificate() {
    return client.resources(Certificate.class).inNamespace("dflt-a-gw").withName("dflt-t.t.dflt.example.com").get();
  }

  private HTTPRoute route() {
    return client.resources(HTTPRoute.class).inNamespace("dflt-t").withName("t.dflt.example.com").get();
  }
}
