package io.tenantingress.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tenantingress.reconciler.TenantIngressOperator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** Runs the operator against the cluster of the current kubeconfig, or in-cluster with its ServiceAccount. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator against the current cluster (kubeconfig or in-cluster credentials) until "
        + "stopped.")
final class RunCommand implements Callable<Integer> {

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    try (KubernetesClient client = new KubernetesClientBuilder().build();
        TenantIngressOperator operator = TenantIngressOperator.start(client)) {
      // SIGTERM (a pod being stopped) finishes in-flight reconciles before the JVM exits.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        operator.close();
        stopped.countDown();
      }, "operator-shutdown"));
      stopped.await();
    }
    return 0;
  }
}
