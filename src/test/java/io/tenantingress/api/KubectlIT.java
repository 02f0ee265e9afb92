package io.tenantingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.reconciler.OperatorTestSupport;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.testing.KubernetesExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  private static Path kubectl;
  private static Path kubeconfig;

  @BeforeAll
  static void tenantAndClass(EmbeddedKubernetes kube, KubernetesClient client) {
    kubectl = kube.location().binaryDir().resolve("kubectl");
    kubeconfig = kube.writeKubeconfig();
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
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
      assertThat(process.exitValue()).as(String.join(" ", args) + ": " + output).isZero();
      return output;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
