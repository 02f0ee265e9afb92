package io.tenantingress.chart;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.reconciler.OperatorTestSupport;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.testing.KubernetesExtension;
import io.tenantingress.testing.TenantRoutes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's ValidatingAdmissionPolicy on the real API server: what it denies and what it admits, with the
 * ownership the operator publishes on namespaces set by hand here (the operator's part is tested where it runs,
 * HostileTenantOn*LayoutIT). The policy and its binding are removed afterwards: they hold for every class on the
 * API server this test shares.
 */
@ExtendWith(KubernetesExtension.class)
class AdmissionPolicyIT {

  private static final String RELEASE = "vap";
  private static final String NAMESPACE = "vap-system";
  private static KubernetesClient admin;
  private static KubernetesClient asOperator;
  private static List<HasMetadata> policy;

  @BeforeAll
  static void installPolicy(EmbeddedKubernetes kube, KubernetesClient kubernetesClient) {
    admin = kubernetesClient;
    OperatorTestSupport support = new OperatorTestSupport(admin);
    support.createClass("vap", "gateway: {namespace: vap-gw}\nclientIP: {proxyProtocol: {}}\n"
        + "certificates: {issuerRef: {kind: ClusterIssuer, name: ca}}\n");
    support.createClass("vap-defaults", "clientIP: {proxyProtocol: {}}\n"
        + "certificates: {issuerRef: {kind: ClusterIssuer, name: ca}}\n");
    support.createClass("vap-dedicated", "layout: Dedicated\nclientIP: {proxyProtocol: {}}\n"
        + "certificates: {issuerRef: {kind: ClusterIssuer, name: ca}}\n");
    namespace("vap-a", "a.vap.example.com *.shop.vap.example.com");
    namespace("vap-b", null);
    namespace("vap-gw", null);
    policy = Helm.template(kube, RELEASE, NAMESPACE, List.of("ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding"));
    assertThat(policy).hasSize(2);
    policy.forEach(o -> admin.resource(o).fieldManager("helm").forceConflicts().serverSideApply());

    Config config = Config.fromKubeconfig(kube.kubeconfigYaml());
    config.setImpersonateUsername("system:serviceaccount:" + NAMESPACE + ":vap-tenant-ingress-operator");
    config.setImpersonateGroups("system:masters");
    asOperator = new KubernetesClientBuilder().withConfig(config).build();
    // The policy takes effect once the API server has compiled it and read its parameters.
    eventually().untilAsserted(() -> assertThatThrownBy(() -> {
      route("vap-b", "probe", "gateway: vap-gw", "b.vap.example.com");
      admin.resources(HTTPRoute.class).inNamespace("vap-b").withName("probe").withGracePeriod(0).delete();
    }).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403)));
  }

  @AfterAll
  static void removePolicy() {
    policy.forEach(o -> admin.resource(o).delete());
    asOperator.close();
  }

  @Test
  void aRouteForAHostnameItsNamespaceOwnsIsAdmitted() {
    assertThatCode(() -> route("vap-a", "own", "gateway: vap-gw", "a.vap.example.com")).doesNotThrowAnyException();
    assertThatCode(() -> route("vap-a", "under-wildcard", "gateway: vap-gw", "cart.shop.vap.example.com",
        "*.shop.vap.example.com")).doesNotThrowAnyException();
  }

  @Test
  void aRouteForAnotherNamespacesHostnameIsDeniedWithTheReason() {
    assertDenied(() -> route("vap-b", "steal", "gateway: vap-gw", "a.vap.example.com"),
        "HTTPRoute vap-b/steal attaches to Gateway vap-gw/shared of TenantIngressClass vap for a.vap.example.com, "
            + "which namespace vap-b does not own (it owns no hostname");
    assertDenied(() -> route("vap-a", "wider", "gateway: vap-gw", "*.vap.example.com"), "*.vap.example.com");
    assertDenied(() -> route("vap-a", "one-of-two", "gateway: vap-gw", "a.vap.example.com", "b.vap.example.com"),
        "for b.vap.example.com, which namespace vap-a does not own (it owns a.vap.example.com, "
            + "*.shop.vap.example.com)");
  }

  @Test
  void aRouteWithoutHostnamesOnTheSharedGatewayIsDenied() {
    assertDenied(() -> route("vap-a", "catch-all", "gateway: vap-gw"), "without hostnames");
  }

  @Test
  void everyWayOfNamingTheGatewayAndItsListenerSetsIsGuarded() {
    // The class without spec.gateway guards gateway/shared, the CRD's default.
    // (Other tests' classes on this API server may use that Gateway too: any of them may be the one named.)
    assertDenied(() -> route("vap-b", "default-gateway", "gateway: gateway", "a.vap.example.com"),
        "attaches to Gateway gateway/shared of TenantIngressClass");
    assertDenied(() -> route("vap-b", "listener-set", "listenerSet: tenantingress-shared", "a.vap.example.com"),
        "does not own");
  }

  @Test
  void routesElsewhereAreNotItsBusiness() {
    assertThatCode(() -> route("vap-b", "own-gateway", "gateway: vap-b", "a.vap.example.com"))
        .doesNotThrowAnyException();
    // The gateway namespace's routes are the platform's (the redirect, cert-manager's challenge routes).
    assertThatCode(() -> route("vap-gw", "redirect", "gateway: vap-gw")).doesNotThrowAnyException();
  }

  @Test
  void theOperatorIsNotHeldToTheAnnotationItWrites() {
    assertThatCode(() -> asOperator.resource(routeObject("vap-b", "by-operator", "gateway: vap-gw",
        "a.vap.example.com")).create()).doesNotThrowAnyException();
  }

  @Test
  void aListenerSetOnTheSharedGatewayListensOnlyForOwnedHostnames() {
    assertDenied(() -> listenerSet("vap-b", "a.vap.example.com"), "ListenerSet vap-b/mine attaches to Gateway "
        + "vap-gw/shared of TenantIngressClass vap with listeners for a.vap.example.com");
    assertThatCode(() -> listenerSet("vap-a", "a.vap.example.com")).doesNotThrowAnyException();
  }

  private static void namespace(String name, String owned) {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .withAnnotations(owned == null ? Map.of() : Map.of(NamespaceMetadataDesiredState.OWNED_HOSTNAMES, owned))
        .endMetadata().build()).fieldManager("test").serverSideApply();
  }

  private static void route(String namespace, String name, String parent, String... hostnames) {
    admin.resource(routeObject(namespace, name, parent, hostnames)).create();
  }

  private static HTTPRoute routeObject(String namespace, String name, String parent, String... hostnames) {
    String[] kindAndName = parent.split(": ");
    return TenantRoutes.route(namespace, name, kindAndName[0].equals("gateway")
        ? "{name: shared, namespace: " + kindAndName[1] + "}"
        : "{group: gateway.networking.k8s.io, kind: ListenerSet, name: " + kindAndName[1] + "}", hostnames);
  }

  private static void listenerSet(String namespace, String hostname) {
    admin.resource(admin.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: ListenerSet
        metadata: {name: mine, namespace: %s}
        spec:
          parentRef: {name: shared, namespace: vap-gw}
          listeners: [{name: l, hostname: %s, port: 80, protocol: HTTP}]
        """.formatted(namespace, hostname), ListenerSet.class)).create();
  }

  private static void assertDenied(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getMessage()).contains(message);
    });
  }
}
