package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile tenant against team-a on the same class, acting as app teams do: the user {@value #ATTACKER} with the
 * {@code edit} role in its own namespace and rights on TenantIngresses and HTTPRoutes there (impersonated on the real
 * API server, with the real Envoy Gateway and cert-manager). Each attempt is a test, and each must be blocked or
 * confined to the attacker, with team-a still Ready. The attempts this operator cannot block yet are listed in
 * issue 13 (a namespace that owns a hostname attaching a route for another's on port 80).
 */
class HostileTenantIT extends WithOperatorOnRealControllers {

  private static final String ATTACKER = "team-b-dev";
  private static final String VICTIM = "hostile-a";
  private static final String VICTIM_HOST = "a.hostile.example.com";
  private static KubernetesClient attacker;
  private static int namespaces;

  @BeforeAll
  static void victimAndAttacker(EmbeddedKubernetes kube) {
    createCaClass("hostile", """
        gateway: {namespace: hostile-gw}
        clientIP: {proxyProtocol: {}}
        """);
    createCaClass("hostile-internal", """
        gateway: {namespace: hostile-internal-gw}
        clientIP: {proxyProtocol: {}}
        namespaceSelector: {matchLabels: {platform.example.com/zone: internal}}
        """);
    routedTenant(VICTIM, "hostile", VICTIM_HOST);
    eventually().untilAsserted(() -> assertThat(support.condition(VICTIM, "web", "Ready")).hasValue("True/Ready"));

    client.resource(new ClusterRoleBuilder().withNewMetadata().withName("hostile-tenant-resources").endMetadata()
        .addNewRule().withApiGroups("tenantingress.io").withResources("tenantingresses")
        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endRule()
        .addNewRule().withApiGroups("gateway.networking.k8s.io").withResources("httproutes")
        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endRule().build())
        .fieldManager("test").serverSideApply();
    Config config = Config.fromKubeconfig(kube.kubeconfigYaml());
    config.setImpersonateUsername(ATTACKER);
    config.setImpersonateGroups("system:authenticated");
    attacker = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterAll
  static void closeAttacker() {
    attacker.close();
  }

  @Test
  void claimingTheVictimsHostnameIsAConflictOnTheAttacker() {
    String ns = attackerNamespace();
    apply(ns, "className: hostile\nhostnames: [" + VICTIM_HOST + "]");
    eventually().untilAsserted(() -> assertThat(support.condition(ns, "web", "Ready"))
        .hasValue("False/HostnameClaimed"));
    assertVictimUntouched();
  }

  @Test
  void aWildcardOverTheVictimsHostnameIsAConflictOnTheAttacker() {
    String ns = attackerNamespace();
    apply(ns, "className: hostile\nhostnames: [\"*.hostile.example.com\"]");
    eventually().untilAsserted(() -> assertThat(support.condition(ns, "web", "Ready"))
        .hasValue("False/HostnameClaimed"));
    assertThat(support.tenant(ns, "web").getStatus().hostnames().get(0).message()).contains("would cover");
    assertVictimUntouched();
  }

  @Test
  void classNameIsNoWayIntoAClassMeantForOtherNamespaces() {
    String ns = attackerNamespace();
    apply(ns, "className: hostile-internal\nhostnames: [b.internal.example.com]");
    eventually().untilAsserted(() -> assertThat(support.condition(ns, "web", "Ready"))
        .hasValue("False/NamespaceNotSelected"));
    assertThat(labelsOf(ns)).doesNotContainKey("shared-gateway-access");
  }

  @Test
  void aNameCraftedToMeetTheOperatorsOwnObjectsIsRefusedAtAdmission() {
    String ns = attackerNamespace();
    assertThatThrownBy(() -> apply(ns, "className: hostile\nhostnames: [letsencrypt-http01-account]"))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.hostnames[0]");
  }

  @Test
  void aRoutePathHttpRouteWouldRefuseIsRefusedAtAdmission() {
    String ns = attackerNamespace();
    assertThatThrownBy(() -> apply(ns, """
        className: hostile
        hostnames: [b.hostile-paths.example.com]
        routes: [{hostname: b.hostile-paths.example.com, path: "/a/../b", service: web, port: 80}]
        """)).isInstanceOf(KubernetesClientException.class).hasMessageContaining("must not contain");
  }

  @Test
  void aNamespaceThatOwnsNothingCannotAttachToThePortEightyListener() {
    String ns = attackerNamespace();
    apply(ns, "className: hostile\nhostnames: [" + VICTIM_HOST + "]");
    eventually().untilAsserted(() -> assertThat(support.condition(ns, "web", "Ready"))
        .hasValue("False/HostnameClaimed"));
    attacker.resource(attacker.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: take-port-80, namespace: %s}
        spec:
          parentRefs: [{name: shared, namespace: hostile-gw, sectionName: http}]
          hostnames: [%s]
          rules: [{matches: [{path: {type: PathPrefix, value: /.well-known/acme-challenge/}}],
                   backendRefs: [{name: web, port: 80}]}]
        """.formatted(ns, VICTIM_HOST), HTTPRoute.class)).create();

    eventually().untilAsserted(() -> assertThat(accepted(ns, "take-port-80")).hasValue("False/NotAllowedByListeners"));
    assertVictimUntouched();
  }

  @Test
  void theSharedObjectsAndTheNamespaceLabelsAreOutOfReach() {
    String ns = attackerNamespace();
    assertThatThrownBy(() -> attacker.namespaces().withName(ns).edit(n -> new NamespaceBuilder(n).editMetadata()
        .addToLabels("shared-gateway-access", "true").endMetadata().build()))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> attacker.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class)
        .inNamespace("hostile-gw").withName("shared").get())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> attacker.secrets().inNamespace("hostile-gw").list())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
  }

  /** A fresh namespace for one attempt, where the attacker has {@code edit} and rights on the two kinds. */
  private static String attackerNamespace() {
    String ns = "hostile-b" + (++namespaces);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .fieldManager("test").serverSideApply();
    for (String role : new String[] {"edit", "hostile-tenant-resources"}) {
      client.resource(new RoleBindingBuilder().withNewMetadata().withName(ATTACKER + "-" + role).withNamespace(ns)
          .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
          .withName(role).endRoleRef().addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
          .withName(ATTACKER).endSubject().build()).fieldManager("test").serverSideApply();
    }
    return ns;
  }

  private static void apply(String namespace, String spec) {
    TenantIngress tenant = attacker.getKubernetesSerialization().convertValue(attacker.getKubernetesSerialization()
        .unmarshal("""
            apiVersion: tenantingress.io/v1alpha1
            kind: TenantIngress
            metadata: {name: web, namespace: %s}
            spec:
            %s""".formatted(namespace, spec.indent(2)), GenericKubernetesResource.class), TenantIngress.class);
    attacker.resource(tenant).fieldManager("attacker").serverSideApply();
  }

  private static void assertVictimUntouched() {
    assertThat(support.condition(VICTIM, "web", "Ready")).hasValue("True/Ready");
    assertThat(support.certificateRefs("hostile-gw", "shared")).contains(VICTIM + "." + VICTIM_HOST);
  }

  private static java.util.Map<String, String> labelsOf(String namespace) {
    var labels = client.namespaces().withName(namespace).get().getMetadata().getLabels();
    return labels == null ? java.util.Map.of() : labels;
  }

  private static Optional<String> accepted(String namespace, String route) {
    HTTPRoute observed = client.resources(HTTPRoute.class).inNamespace(namespace).withName(route).get();
    return observed == null || observed.getStatus() == null ? Optional.empty()
        : observed.getStatus().getParents().stream().flatMap(p -> p.getConditions().stream())
            .filter(c -> c.getType().equals("Accepted")).map(c -> c.getStatus() + "/" + c.getReason()).findFirst();
  }
}
