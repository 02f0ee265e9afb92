package io.tenantingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.reconciler.OperatorTestSupport;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.testing.KubernetesExtension;
import io.tenantingress.testing.Kubectl;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two kinds as users type them, with the real {@code kubectl} (the one hack/test-env.sh builds for the API
 * server): each kind by its singular, plural and short name, both through their category, and the columns in the
 * order the README shows them.
 */
@ExtendWith(KubernetesExtension.class)
class KubectlIT {

  private static Kubectl kubectl;

  @BeforeAll
  static void tenantAndClass(EmbeddedKubernetes kube, KubernetesClient client) {
    kubectl = new Kubectl(kube);
    OperatorTestSupport support = new OperatorTestSupport(client);
    support.createClass("kubectl-class", "gateway: {namespace: kubectl-gw}\nclientIP: {proxyProtocol: {}}\n"
        + "certificates: {issuerRef: {kind: ClusterIssuer, name: ca}}\n");
    support.applyTenant("kubectl-a", "team-a", "className: kubectl-class\nhostnames: [a.kubectl.example.com]");
    support.applyTenant("kubectl-a", "doomed", "className: kubectl-class\nhostnames: [d.kubectl.example.com]");
  }

  @Test
  void aTenantIngressByItsSingularPluralAndShortName() {
    for (String kind : List.of("tenantingress", "tenantingresses", "ti")) {
      assertThat(kubectl("get", kind, "team-a", "-n", "kubectl-a")).as(kind).startsWith("NAME ").contains("team-a");
    }
    assertThat(kubectl("describe", "tenantingress", "team-a", "-n", "kubectl-a")).contains("Name:", "team-a",
        "a.kubectl.example.com");
    assertThat(kubectl("delete", "tenantingress", "doomed", "-n", "kubectl-a", "--wait=false"))
        .contains("deleted");
  }

  @Test
  void theKindAloneListsOnlyThatKindAndTheCategoryListsBoth() {
    assertThat(kubectl("get", "tenantingress", "-A")).contains("team-a").doesNotContain("kubectl-class");
    assertThat(kubectl("get", "ti", "-A")).contains("team-a").doesNotContain("kubectl-class");
    assertThat(kubectl("get", "tic")).contains("kubectl-class").doesNotContain("team-a");
    assertThat(kubectl("get", "tenant-ingress", "-A")).contains("team-a", "kubectl-class");
  }

  @Test
  void theColumnsAreTheReadmes() {
    String header = kubectl("get", "ti", "-A").lines().findFirst().orElseThrow();
    assertThat(List.of(header.trim().split("\\s+")))
        .containsExactly("NAMESPACE", "NAME", "AGE", "HOSTNAMES", "CLASS", "REASON", "READY", "ADDRESS");
  }

  @Test
  void explainDescribesTheFields() {
    assertThat(kubectl("explain", "tenantingress.spec.hostnames")).contains("FIELD: hostnames");
    assertThat(kubectl("explain", "tic.spec.namespaceSelector")).contains("namespaceSelector");
  }

  private static String kubectl(String... args) {
    return kubectl.run(args);
  }
}
