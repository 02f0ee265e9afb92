package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.chart.Helm;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.RealControllers;
import io.tenantingress.testing.TenantRoutes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A hostile tenant against team-a on the same class, acting as app teams do: the user {@value #ATTACKER} with the
 * {@code edit} role in its own namespace and rights on TenantIngresses, HTTPRoutes and ListenerSets there
 * (impersonated on the real API server, with the real Envoy Gateway, cert-manager and Pebble). The cluster is set
 * up as the chart sets it up: the operator runs as the chart's service account with exactly the chart's RBAC, and
 * the chart's ValidatingAdmissionPolicy is installed. The victim's certificate is issued by ACME HTTP-01 under
 * that policy. Each attempt is a test, and each must be blocked or confined to the attacker and reported on the
 * attacker, with the victim still Ready. One subclass per listener layout runs every attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileTenantSuite extends WithOperatorOnRealControllers {

  private static final String ATTACKER = "team-b-dev";
  private static final String RELEASE = "hostile";
  private static final String OPERATOR_NAMESPACE = "hostile-system";
  private final String prefix;
  private final String classSpec;
  private final String gatewayNamespace;
  private final String victim;
  private final String victimHost;
  private KubernetesClient attacker;
  private KubernetesClient operatorClient;
  private List<HasMetadata> chart;
  private int namespaces;

  /** @param prefix of every name this layout's run creates; @param classSpec the layout part of the class */
  HostileTenantSuite(String prefix, String classSpec) {
    this.prefix = prefix;
    this.classSpec = classSpec;
    this.gatewayNamespace = prefix + "-gw";
    this.victim = prefix + "-a";
    this.victimHost = "a." + prefix + ".example.com";
  }

  @BeforeAll
  void chartOperatorVictimAndAttacker(EmbeddedKubernetes kube, RealControllers controllers) {
    chart = Helm.template(kube, RELEASE, OPERATOR_NAMESPACE, List.of("ServiceAccount", "ClusterRole",
        "ClusterRoleBinding", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"));
    client.resource(new NamespaceBuilder().withNewMetadata().withName(OPERATOR_NAMESPACE).endMetadata().build())
        .fieldManager("test").serverSideApply();
    chart.forEach(o -> client.resource(o).fieldManager("helm").forceConflicts().serverSideApply());
    operator.close();
    Config operatorConfig = Config.fromKubeconfig(kube.kubeconfigYaml());
    operatorConfig.setImpersonateUsername("system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + RELEASE
        + "-tenant-ingress-operator");
    operatorConfig.setImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + OPERATOR_NAMESPACE,
        "system:authenticated");
    operatorClient = new KubernetesClientBuilder().withConfig(operatorConfig).build();
    operator = TenantIngressOperator.start(operatorClient);

    support.createClass(prefix, classSpec + """
        gateway: {namespace: %s}
        clientIP: {proxyProtocol: {}}
        certificates:
          acme: {server: "%s", email: platform@example.com, solver: {http01: {}}}
        """.formatted(gatewayNamespace, controllers.acmeDirectoryUrl()));
    createCaClass(prefix + "-internal", """
        gateway: {namespace: %s-internal-gw}
        clientIP: {proxyProtocol: {}}
        namespaceSelector: {matchLabels: {platform.example.com/zone: internal}}
        """.formatted(prefix));
    routedTenant(victim, prefix, victimHost);
    eventually().atMost(java.time.Duration.ofMinutes(3)).untilAsserted(() ->
        assertThat(support.condition(victim, "web", "Ready")).hasValue("True/Ready"));

    client.resource(new ClusterRoleBuilder().withNewMetadata().withName("hostile-tenant-resources").endMetadata()
        .addNewRule().withApiGroups("tenantingress.io").withResources("tenantingresses")
        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endRule()
        .addNewRule().withApiGroups("gateway.networking.k8s.io").withResources("httproutes", "listenersets")
        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endRule().build())
        .fieldManager("test").serverSideApply();
    Config config = Config.fromKubeconfig(kube.kubeconfigYaml());
    config.setImpersonateUsername(ATTACKER);
    config.setImpersonateGroups("system:authenticated");
    attacker = new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The policy holds for every class on the API server: the other tests sharing it must not meet it. */
  @AfterAll
  void removeChartObjects() {
    attacker.close();
    operator.close();
    operatorClient.close();
    chart.stream().filter(o -> o.getKind().startsWith("ValidatingAdmissionPolicy"))
        .forEach(o -> client.resource(o).delete());
  }

  @Test
  void claimingTheVictimsHostnameIsAConflictOnTheAttacker() {
    String ns = attackerNamespace();
    apply(ns, "className: " + prefix + "\nhostnames: [" + victimHost + "]");
    eventually().untilAsserted(() -> assertThat(support.condition(ns, "web", "Ready"))
        .hasValue("False/HostnameClaimed"));
    // Owning nothing, it gets no access to the shared listeners at all.
    assertThat(metadataOf(ns).getLabels()).doesNotContainKey("shared-gateway-access");
    assertVictimUntouched();
  }

  @Test
  void aWildcardOverTheVictimsHostnameIsAConflictOnTheAttacker() {
    String ns = attackerNamespace();
    apply(ns, "className: " + prefix + "\nhostnames: [\"*." + prefix + ".example.com\"]\n"
        + "tls: {mode: External, secretName: wild}");
    eventually().untilAsserted(() -> assertThat(support.condition(ns, "web", "Ready"))
        .hasValue("False/HostnameClaimed"));
    assertThat(support.tenant(ns, "web").getStatus().hostnames().get(0).message()).contains("would cover");
    assertVictimUntouched();
  }

  @Test
  void classNameIsNoWayIntoAClassMeantForOtherNamespaces() {
    String ns = attackerNamespace();
    apply(ns, "className: " + prefix + "-internal\nhostnames: [b.internal." + prefix + ".example.com]");
    eventually().untilAsserted(() -> assertThat(support.condition(ns, "web", "Ready"))
        .hasValue("False/NamespaceNotSelected"));
    assertThat(metadataOf(ns).getLabels()).doesNotContainKey("shared-gateway-access");
  }

  @Test
  void aNameCraftedToMeetTheOperatorsOwnObjectsIsRefusedAtAdmission() {
    String ns = attackerNamespace();
    assertThatThrownBy(() -> apply(ns, "className: " + prefix + "\nhostnames: [letsencrypt-http01-account]"))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("spec.hostnames[0]");
  }

  @Test
  void aRoutePathHttpRouteWouldRefuseIsRefusedAtAdmission() {
    String ns = attackerNamespace();
    assertThatThrownBy(() -> apply(ns, """
        className: %s
        hostnames: [b.paths.%s.example.com]
        routes: [{hostname: b.paths.%s.example.com, path: "/a/../b", service: web, port: 80}]
        """.formatted(prefix, prefix, prefix))).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("must not contain");
  }

  @Test
  void aNamespaceThatOwnsNothingCannotAttachToTheSharedGateway() {
    String ns = attackerNamespace();
    assertDeniedByPolicy(() -> route(ns, "take-port-80", gatewayParent("http"), victimHost), "does not own");
    assertVictimUntouched();
  }

  @Test
  void aNamespaceThatOwnsAHostnameCannotTakeTheVictimsPort80OrAcmePath() {
    String ns = ownerOfItsOwnHostname();
    assertDeniedByPolicy(() -> route(ns, "take-port-80", gatewayParent("http"), victimHost),
        "for " + victimHost + ", which namespace " + ns + " does not own (it owns b." + ns + "." + prefix);
    assertDeniedByPolicy(() -> route(ns, "take-https", gatewayParent("https"), victimHost), "does not own");
    assertDeniedByPolicy(() -> route(ns, "take-both", gatewayParent(null), "b." + ns + "." + prefix + ".example.com",
        victimHost), "does not own");
    assertDeniedByPolicy(() -> route(ns, "through-its-listener-set", listenerSetParent(), victimHost),
        "does not own");
    assertVictimUntouched();
  }

  @Test
  void aCatchAllRouteOnTheSharedGatewayIsRefused() {
    String ns = ownerOfItsOwnHostname();
    assertDeniedByPolicy(() -> route(ns, "catch-all", gatewayParent("http")), "without hostnames");
    assertDeniedByPolicy(() -> route(ns, "catch-all-ls", listenerSetParent()), "without hostnames");
    assertVictimUntouched();
  }

  @Test
  void aListenerSetOfItsOwnForTheVictimsHostnameIsRefused() {
    String ns = ownerOfItsOwnHostname();
    assertDeniedByPolicy(() -> attacker.resource(attacker.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: ListenerSet
        metadata: {name: mine, namespace: %s}
        spec:
          parentRef: {name: %s, namespace: %s}
          listeners: [{name: l, hostname: %s, port: 80, protocol: HTTP}]
        """.formatted(ns, "shared", gatewayNamespace, victimHost), ListenerSet.class)).create(), "does not own");
    assertVictimUntouched();
  }

  @Test
  void aRouteForItsOwnHostnameIsStillItsOwn() {
    String ns = ownerOfItsOwnHostname();
    route(ns, "own", gatewayParent("http"), "b." + ns + "." + prefix + ".example.com");
    assertThat(attacker.resources(HTTPRoute.class).inNamespace(ns).withName("own").get()).isNotNull();
    assertVictimUntouched();
  }

  @Test
  void aGarbageCertificateOfItsOwnHurtsOnlyItself() {
    String ns = attackerNamespace();
    fixtures.garbageSecret(ns, "garbage-tls");
    fixtures.service(ns, "web");
    apply(ns, """
        className: %s
        hostnames: [b.garbage.%s.example.com]
        tls: {mode: External, secretName: garbage-tls}
        routes: [{hostname: b.garbage.%s.example.com, service: web, port: 80}]
        """.formatted(prefix, prefix, prefix));
    eventually().untilAsserted(() -> assertThat(support.hostnames(ns, "web")).singleElement()
        .satisfies(h -> assertThat(h.message()).contains("rejects its certificate").contains(ns + "/garbage-tls")));
    assertThat(support.condition(ns, "web", "Ready")).hasValueSatisfying(c -> assertThat(c).startsWith("False/"));
    assertVictimUntouched();
  }

  @Test
  void theSharedObjectsTheNamespaceMetadataAndSecretsAreOutOfReach() {
    String ns = attackerNamespace();
    assertThatThrownBy(() -> attacker.namespaces().withName(ns).edit(n -> new NamespaceBuilder(n).editMetadata()
        .addToLabels("shared-gateway-access", "true")
        .addToAnnotations(NamespaceMetadataDesiredState.OWNED_HOSTNAMES, victimHost).endMetadata().build()))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> attacker.resources(Gateway.class).inNamespace(gatewayNamespace).withName("shared").get())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> attacker.secrets().inNamespace(gatewayNamespace).list())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> attacker.secrets().inNamespace(victim).list())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("Forbidden");
  }

  /** A fresh namespace for one attempt, where the attacker has {@code edit} and rights on the three kinds. */
  private String attackerNamespace() {
    String ns = prefix + "-b" + (++namespaces);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .fieldManager("test").serverSideApply();
    for (String role : new String[] {"edit", "hostile-tenant-resources"}) {
      client.resource(new RoleBindingBuilder().withNewMetadata().withName(ATTACKER + "-" + role).withNamespace(ns)
          .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
          .withName(role).endRoleRef().addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
          .withName(ATTACKER).endSubject().build()).fieldManager("test").serverSideApply();
    }
    // The API server's authorizer learns of new RoleBindings through its own cache, a moment later.
    eventually().until(() -> attacker.authorization().v1().selfSubjectAccessReview().create(
        new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder().withNewSpec()
            .withNewResourceAttributes().withNamespace(ns).withGroup("tenantingress.io")
            .withResource("tenantingresses").withVerb("patch").endResourceAttributes().endSpec().build())
        .getStatus().getAllowed());
    return ns;
  }

  /** An attacker namespace that owns a hostname of its own on the class, so it has access to the shared listeners. */
  private String ownerOfItsOwnHostname() {
    String ns = attackerNamespace();
    String own = "b." + ns + "." + prefix + ".example.com";
    apply(ns, "className: " + prefix + "\nhostnames: [" + own + "]\ntls: {mode: External, secretName: own}");
    eventually().untilAsserted(() -> assertThat(metadataOf(ns).getAnnotations())
        .containsEntry(NamespaceMetadataDesiredState.OWNED_HOSTNAMES, own));
    assertThat(metadataOf(ns).getLabels()).containsEntry("shared-gateway-access", "true");
    return ns;
  }

  private void apply(String namespace, String spec) {
    TenantIngress tenant = attacker.getKubernetesSerialization().convertValue(attacker.getKubernetesSerialization()
        .unmarshal("""
            apiVersion: tenantingress.io/v1alpha1
            kind: TenantIngress
            metadata: {name: web, namespace: %s}
            spec:
            %s""".formatted(namespace, spec.indent(2)), GenericKubernetesResource.class), TenantIngress.class);
    attacker.resource(tenant).fieldManager("attacker").forceConflicts().serverSideApply();
  }

  private String gatewayParent(String sectionName) {
    return "{name: shared, namespace: " + gatewayNamespace + (sectionName == null ? "" : ", sectionName: "
        + sectionName) + "}";
  }

  private static String listenerSetParent() {
    return "{group: gateway.networking.k8s.io, kind: ListenerSet, name: tenantingress-shared}";
  }

  private void route(String namespace, String name, String parent, String... hostnames) {
    attacker.resource(TenantRoutes.route(namespace, name, parent, hostnames)).create();
  }

  private static void assertDeniedByPolicy(Runnable attempt, String message) {
    assertThatThrownBy(attempt::run).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getMessage()).contains("ValidatingAdmissionPolicy").contains(message);
    });
  }

  private void assertVictimUntouched() {
    assertThat(support.condition(victim, "web", "Ready")).hasValue("True/Ready");
    assertThat(metadataOf(victim).getAnnotations()).containsEntry(NamespaceMetadataDesiredState.OWNED_HOSTNAMES,
        victimHost);
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta metadataOf(String namespace) {
    var metadata = client.namespaces().withName(namespace).get().getMetadata();
    if (metadata.getLabels() == null) {
      metadata.setLabels(Map.of());
    }
    if (metadata.getAnnotations() == null) {
      metadata.setAnnotations(Map.of());
    }
    return metadata;
  }
}
