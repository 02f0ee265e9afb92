package io.tenantingress.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantingress.operations.LogFormat;
import io.tenantingress.operations.OperationsServer;
import io.tenantingress.operations.OperatorMetrics;
import io.tenantingress.reconciler.CompactSerialization;
import io.tenantingress.reconciler.LeaderElection;
import io.tenantingress.reconciler.TenantIngressOperator;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the operator against the cluster of the current kubeconfig, or in-cluster with its ServiceAccount. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator against the current cluster (kubeconfig or in-cluster credentials) until "
        + "stopped.")
final class RunCommand implements Callable<Integer> {

  @Option(names = "--metrics-port", defaultValue = "8080",
      description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--log-format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(names = "--leader-election",
      description = "Take the Lease " + TenantIngressOperator.LEASE_NAME + " before reconciling, for more than "
          + "one replica.")
  boolean leaderElection;

  @Option(names = "--leader-election-namespace", defaultValue = "${env:POD_NAMESPACE:-default}",
      description = "Namespace of the Lease (default: $POD_NAMESPACE, else default).")
  String leaseNamespace;

  @Option(names = "--lease-duration", defaultValue = "15s", converter = SimpleDuration.class,
      description = "How long followers wait after the leader's last renewal before taking the Lease "
          + "(default: ${DEFAULT-VALUE}).")
  Duration leaseDuration;

  @Option(names = "--renew-deadline", defaultValue = "10s", converter = SimpleDuration.class,
      description = "How long the leader keeps trying to renew before it stops leading and exits "
          + "(default: ${DEFAULT-VALUE}).")
  Duration renewDeadline;

  @Option(names = "--retry-period", defaultValue = "2s", converter = SimpleDuration.class,
      description = "How often replicas try to take or renew the Lease (default: ${DEFAULT-VALUE}).")
  Duration retryPeriod;

  /** The pod's name (the chart sets HOSTNAME to it), else a name unique to this process. */
  private static String identity() {
    String hostname = System.getenv("HOSTNAME");
    return hostname == null || hostname.isBlank() ? UUID.randomUUID().toString() : hostname;
  }

  /**
   * The kubeconfig or the pod's service account, with two of fabric8's defaults changed for outages. Watches
   * reconnect within seconds of the API server's return (fabric8 backs off up to 32 times this interval: 3.2 s
   * instead of 32 s, which kept the operator unready that long). A request fails after a few quick tries instead
   * of ten over some 20 s: the reconcile's own backoff ({@link TenantIngressOperator}) takes it from there without
   * holding a reconcile thread, and each failed attempt is told once.
   */
  private static Config clientConfig() {
    // Set on the auto-configured instance itself: a copy through ConfigBuilder would not re-read a rotated
    // service-account token.
    Config config = Config.autoConfigure(null);
    config.setWatchReconnectInterval(100);
    config.setRequestRetryBackoffLimit(2);
    return config;
  }

  @Override
  public Integer call() throws InterruptedException {
    LogFormat.use(logFormat);
    CountDownLatch stopped = new CountDownLatch(1);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The JVM's own: memory limits are set from these (heap, GC, threads, CPU).
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    try (JvmGcMetrics gc = new JvmGcMetrics();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig())
            .withKubernetesSerialization(CompactSerialization.create()).build();
        TenantIngressOperator operator = TenantIngressOperator.start(client, registry, leaderElection
            ? new LeaderElection(leaseNamespace, identity(), leaseDuration, renewDeadline, retryPeriod) : null);
        OperationsServer server = OperationsServer.start(metricsPort, registry,
            new OperatorMetrics(registry, operator), operator::ready)) {
      // SIGTERM (a pod being stopped) lets in-flight reconciles finish before the JVM exits.
      gc.bindTo(registry);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        operator.close();
        stopped.countDown();
      }, "operator-shutdown"));
      stopped.await();
    }
    return 0;
  }
}
