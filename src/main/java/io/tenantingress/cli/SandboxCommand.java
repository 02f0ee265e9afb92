package io.tenantingress.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.reconciler.TenantIngressOperator;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts a real kube-apiserver and etcd on this machine with every CRD installed, runs the operator against
 * it, applies the examples, and keeps running until interrupted, so that a user can try TenantIngresses
 * without a cluster. Envoy Gateway and cert-manager do not run here: Gateways are never programmed and
 * certificates never issued, and the statuses say so.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Start an embedded kube-apiserver with every CRD installed, run the operator on it and apply "
        + "the examples; runs until Ctrl-C.")
final class SandboxCommand implements Callable<Integer> {

  @Option(names = "--project-dir", defaultValue = ".",
      description = "Checkout whose hack/test-env.sh builds the binaries when they are missing (default: ${DEFAULT-VALUE}).")
  Path projectDir;

  @Option(names = "--examples", defaultValue = "examples",
      description = "Folder of manifests to apply once the operator runs (default: ${DEFAULT-VALUE}).")
  Path examples;

  @Option(names = "--exit-when-ready",
      description = "Stop again once everything is up (for scripted checks of this command).")
  boolean exitWhenReady;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var location = TestEnvironmentLocation.resolve(projectDir.toAbsolutePath());
    var stopped = new CountDownLatch(1);
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(location);
        KubernetesClient client = kube.newClient();
        TenantIngressOperator operator = TenantIngressOperator.start(client)) {
      Path kubeconfig = kube.writeKubeconfig();
      new SandboxExamples(client, operator.writes(), spec.commandLine().getOut()).applyAndReport(examples);
      var out = spec.commandLine().getOut();
      out.printf("%nSandbox API server is ready (Kubernetes %s), with the operator running on it.%n",
          location.kubernetesVersion());
      out.printf("  export KUBECONFIG=%s%n", kubeconfig);
      out.printf("  %s get tenantingress -A%n", location.binaryDir().resolve("kubectl"));
      out.println("Envoy Gateway and cert-manager do not run here: Gateways stay unprogrammed and certificates "
          + "unissued, as the statuses say.");
      out.flush();
      if (exitWhenReady) {
        return 0;
      }
      out.println("Press Ctrl-C to stop.");
      out.flush();
      // Ctrl-C: stop the operator, then the API server and etcd, so no process outlives the sandbox.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        operator.close();
        kube.close();
        stopped.countDown();
      }, "sandbox-shutdown"));
      stopped.await();
    }
    return 0;
  }
}
