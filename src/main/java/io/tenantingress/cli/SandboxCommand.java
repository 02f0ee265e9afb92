package io.tenantingress.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.reconciler.TenantIngressOperator;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.RealControllers;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts a real kube-apiserver and etcd on this machine with every CRD installed, the real Envoy Gateway,
 * cert-manager and Pebble beside it, runs the operator against it, applies the sandbox's examples, and keeps
 * running until interrupted, so that a user can watch TenantIngresses go to Ready without a cluster.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Start an embedded kube-apiserver with every CRD installed, Envoy Gateway, cert-manager and "
        + "Pebble, run the operator on it and apply the sandbox's examples; runs until Ctrl-C.")
final class SandboxCommand implements Callable<Integer> {

  @Option(names = "--project-dir", defaultValue = ".",
      description = "Checkout whose hack/test-env.sh builds the binaries when they are missing (default: ${DEFAULT-VALUE}).")
  Path projectDir;

  @Option(names = "--examples", defaultValue = "examples/sandbox",
      description = "Folder of manifests to apply once the operator runs; ${SANDBOX_ACME_DIRECTORY} in them "
          + "becomes Pebble's ACME directory (default: ${DEFAULT-VALUE}).")
  Path examples;

  @Option(names = "--exit-when-ready",
      description = "Stop once every TenantIngress has settled (Ready, or a reason that is not progress); exit "
          + "code 1 if one has not (for scripted checks of this command).")
  boolean exitWhenReady;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var location = TestEnvironmentLocation.resolve(projectDir.toAbsolutePath());
    var stopped = new CountDownLatch(1);
    var out = spec.commandLine().getOut();
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(location);
        KubernetesClient client = kube.newClient()) {
      RealControllers controllers = kube.startRealControllers();
      out.printf("Envoy Gateway, cert-manager and Pebble (ACME at %s) are running.%n", controllers.acmeDirectoryUrl());
      try (TenantIngressOperator operator = TenantIngressOperator.start(client)) {
        Path kubeconfig = kube.writeKubeconfig();
        boolean settled = new SandboxExamples(client, operator.writes(), out)
            .applyAndReport(resolve(examples), Map.of("SANDBOX_ACME_DIRECTORY", controllers.acmeDirectoryUrl()));
        out.printf("%nSandbox API server is ready (Kubernetes %s), with the operator, Envoy Gateway and cert-manager "
            + "running on it.%n", location.kubernetesVersion());
        out.printf("  export KUBECONFIG=%s%n", kubeconfig);
        out.printf("  %s get tenantingress -A%n", location.binaryDir().resolve("kubectl"));
        out.println("Nothing runs Pods here: Envoy's Deployment is marked available and its Service given an address "
            + "by a stand-in (docs/testing.md).");
        out.flush();
        if (exitWhenReady) {
          return settled ? 0 : 1;
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        // Ctrl-C: stop the operator, then the controllers, the API server and etcd, so no process outlives it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          operator.close();
          kube.close();
          stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
      }
    }
    return 0;
  }

  /** Relative to the checkout, so that the command works from any folder. */
  private Path resolve(Path folder) {
    return folder.isAbsolute() ? folder : projectDir.toAbsolutePath().resolve(folder);
  }
}
