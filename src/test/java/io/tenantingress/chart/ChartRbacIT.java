package io.tenantingress.chart;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.reconciler.OperatorTestSupport;
import io.tenantingress.reconciler.LeaderElection;
import io.tenantingress.reconciler.TenantIngressOperator;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.testing.ControllerStandIns;
import io.tenantingress.testing.TestCertificate;
import io.tenantingress.testing.KubernetesExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator runs with exactly the chart's RBAC: its ServiceAccount, impersonated on the real API server,
 * onboards, reports and cleans up a tenant, and is refused what the chart does not grant. What is tested is which
 * requests the operator's RBAC allows; cert-manager's issuance is played by
 * {@link io.tenantingress.testing.ControllerStandIns} at a moment the test chooses, so that the Certificate and
 * Gateway requests it triggers happen inside the impersonated run. The operator holds no right on Secrets.
 */
@ExtendWith(KubernetesExtension.class)
class ChartRbacIT {

  private static final String NAMESPACE = "rbac-system";
  private static final String SERVICE_ACCOUNT = "rbac-tenant-ingress-operator";
  private static KubernetesClient admin;
  private static KubernetesClient operatorClient;

  @BeforeAll
  static void installChartRbac(EmbeddedKubernetes kube, KubernetesClient kubernetesClient) {
    admin = kubernetesClient;
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    List<HasMetadata> rbac = Helm.template(kube, "rbac", NAMESPACE, List.of("ServiceAccount", "ClusterRole",
        "ClusterRoleBinding", "Role", "RoleBinding"), "--set", "replicaCount=2");
    assertThat(rbac).hasSize(5);
    rbac.forEach(o -> admin.resource(o).fieldManager("helm").forceConflicts().serverSideApply());

    Config config = Config.fromKubeconfig(kube.kubeconfigYaml());
    config.setImpersonateUsername("system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT);
    config.setImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + NAMESPACE,
        "system:authenticated");
    operatorClient = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterAll
  static void closeClient() {
    operatorClient.close();
  }

  @Test
  void theOperatorOnboardsReportsAndCleansUpWithTheChartsRbacAlone() {
    OperatorTestSupport support = new OperatorTestSupport(admin);
    ControllerStandIns standIns = new ControllerStandIns(admin);
    try (TenantIngressOperator ignored = TenantIngressOperator.start(operatorClient, new SimpleMeterRegistry(),
        LeaderElection.withDefaults(NAMESPACE, "rbac-replica"))) {
      support.createClass("rbac", """
          gateway: {namespace: rbac-gateway}
          clientIP: {proxyProtocol: {}}
          certificates:
            acme: {server: "https://acme.example.com/directory", email: a@example.com, solver: {http01: {}}}
          """);
      support.applyTenant("rbac-a", "web", """
          className: rbac
          hostnames: [a.rbac.example.com]
          routes: [{hostname: a.rbac.example.com, service: web, port: 80}]
          tls: {mode: Managed}
          """);
      support.applyTenant("rbac-b", "web", """
          className: rbac
          hostnames: [b.rbac.example.com]
          tls: {mode: External, secretName: b-tls}
          """);
      admin.resource(new SecretBuilder().withNewMetadata().withName("b-tls").withNamespace("rbac-b").endMetadata()
          .withType("kubernetes.io/tls").withStringData(TestCertificate.tlsSecretData()).build())
          .create();

      eventually().until(() -> admin.resources(Certificate.class).inNamespace("rbac-gateway")
          .withName("rbac-a.a.rbac.example.com").get() != null);
      standIns.issue("rbac-gateway", "rbac-a.a.rbac.example.com");
      // The certificates the operator issued first, then the tenants' own.
      eventually().until(() -> support.certificateRefs("rbac-gateway", "shared")
          .equals(List.of("rbac-a.a.rbac.example.com", "rbac-b/b-tls")));
      eventually().untilAsserted(() -> assertThat(support.condition("rbac-a", "web", "CertificatesReady"))
          .hasValue("True/CertificatesIssued"));
      assertThat(admin.resources(Lease.class).inNamespace(NAMESPACE).withName(TenantIngressOperator.LEASE_NAME)
          .get()).isNotNull();
      // The class's Ready condition is recorded as an Event (in "default", where kubectl looks for cluster-scoped
      // ones): Normal once Ready, a Warning if another test's leftovers keep it from being so.
      eventually().untilAsserted(() -> assertThat(admin.v1().events().inNamespace("default").list().getItems())
          .anySatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("rbac")));

      admin.resource(support.tenant("rbac-a", "web")).delete();
      eventually().until(() -> support.tenant("rbac-a", "web") == null);
      assertThat(support.certificateRefs("rbac-gateway", "shared")).containsExactly("rbac-b/b-tls");

      // A class in use stays, saying why; once unused it goes with its objects.
      admin.resources(TenantIngressClass.class).withName("rbac").delete();
      eventually().until(() -> admin.resources(TenantIngressClass.class).withName("rbac").get().getStatus()
          .conditions().stream().anyMatch(c -> "InUse".equals(c.getReason())));
      admin.resource(support.tenant("rbac-b", "web")).delete();
      eventually().until(() -> admin.resources(TenantIngressClass.class).withName("rbac").get() == null);
      assertThat(support.gateway("rbac-gateway", "shared")).isNull();
    }
    // Stopped gracefully, it hands the Lease over with the chart's RBAC alone.
    assertThat(admin.resources(Lease.class).inNamespace(NAMESPACE).withName(TenantIngressOperator.LEASE_NAME).get()
        .getSpec().getHolderIdentity()).isNull();
  }

  @Test
  void theListenerSetLayoutNeedsNothingMore() {
    OperatorTestSupport support = new OperatorTestSupport(admin);
    ControllerStandIns standIns = new ControllerStandIns(admin);
    try (TenantIngressOperator ignored = TenantIngressOperator.start(operatorClient, new SimpleMeterRegistry(),
        LeaderElection.withDefaults(NAMESPACE, "rbac-replica"))) {
      support.createClass("rbac-ls", """
          gateway: {namespace: rbac-ls-gateway}
          tenantListeners: ListenerSet
          clientIP: {proxyProtocol: {}}
          certificates:
            acme: {server: "https://acme.example.com/directory", email: a@example.com, solver: {http01: {}}}
          """);
      support.applyTenant("rbac-ls-a", "web", "className: rbac-ls\nhostnames: [a.rbacls.example.com]");
      eventually().until(() -> admin.resources(Certificate.class).inNamespace("rbac-ls-a")
          .withName("a.rbacls.example.com").get() != null);
      standIns.issue("rbac-ls-a", "a.rbacls.example.com");
      eventually().until(() -> admin.resources(ListenerSet.class).inNamespace("rbac-ls-a")
          .withName("tenantingress-shared").get() != null);
      eventually().untilAsserted(() -> assertThat(support.condition("rbac-ls-a", "web", "CertificatesReady"))
          .hasValue("True/CertificatesIssued"));
    }
  }

  @Test
  void whatTheChartDoesNotGrantIsRefused() {
    // No Secret, anywhere: not the tenants' keys, not the ACME account keys, not the operator's own namespace's.
    for (String namespace : List.of("default", "kube-system", NAMESPACE)) {
      assertForbidden(() -> operatorClient.secrets().inNamespace(namespace).list());
      assertForbidden(() -> operatorClient.secrets().inNamespace(namespace).withName("any").get());
    }
    assertForbidden(() -> operatorClient.secrets().inAnyNamespace().list());
    assertForbidden(() -> operatorClient.resource(new SecretBuilder().withNewMetadata().withName("stolen")
        .withNamespace("default").endMetadata().build()).create());
    assertForbidden(() -> operatorClient.namespaces().withName("default").delete());
    assertForbidden(() -> operatorClient.apps().deployments().inAnyNamespace().list());
    assertForbidden(() -> operatorClient.resources(Lease.class).inNamespace("default").list());
  }

  private static void assertForbidden(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).isEqualTo(403));
  }
}
