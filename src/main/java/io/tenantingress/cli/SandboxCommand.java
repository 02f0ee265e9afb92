package io.tenantingress.cli;

import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a real kube-apiserver and etcd on this machine with every CRD installed, and keeps it running
 * until interrupted, so that a user can try TenantIngresses without a cluster.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Start an embedded kube-apiserver with the upstream CRDs installed; runs until Ctrl-C.")
final class SandboxCommand implements Callable<Integer> {

  @Option(names = "--project-dir", defaultValue = ".",
      description = "Checkout whose hack/test-env.sh builds the binaries when they are missing (default: ${DEFAULT-VALUE}).")
  Path projectDir;

  @Option(names = "--exit-when-ready",
      description = "Stop again once everything is up (for scripted checks of this command).")
  boolean exitWhenReady;

  @Override
  public Integer call() throws InterruptedException {
    var location = TestEnvironmentLocation.resolve(projectDir.toAbsolutePath());
    var stopped = new CountDownLatch(1);
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(location)) {
      Path kubeconfig = kube.writeKubeconfig();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        kube.close();
        stopped.countDown();
      }, "sandbox-shutdown"));
      System.out.printf("%nSandbox API server is ready (Kubernetes %s).%n", location.kubernetesVersion());
      System.out.printf("  export KUBECONFIG=%s%n", kubeconfig);
      System.out.printf("  %s get crds%n", location.binaryDir().resolve("kubectl"));
      if (exitWhenReady) {
        return 0;
      }
      System.out.println("Press Ctrl-C to stop.");
      stopped.await();
    }
    return 0;
  }
}
