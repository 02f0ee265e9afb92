package io.tenantingress.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantingress.desired.Plan;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two reconcilers on one java-operator-sdk Operator, with the client it is given. */
public final class TenantIngressOperator implements AutoCloseable {

  /** The Lease that replicas compete for when leader election is on. */
  public static final String LEASE_NAME = "tenant-ingress-operator";

  private static final Logger log = LoggerFactory.getLogger(TenantIngressOperator.class);

  private final Operator operator;
  private volatile boolean closing;
  private final WriteCounter writes = new WriteCounter();
  private final ConcurrentRequests concurrentRequests = new ConcurrentRequests();
  private final ClusterView view = new ClusterView();

  private TenantIngressOperator(KubernetesClient client, MeterRegistry registry, String leaseNamespace) {
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client).withCloseClientOnStop(false)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (leaseNamespace != null) {
        o.withLeaderElectionConfiguration(leaderElection(leaseNamespace));
      }
    });
    // The class reconciler opens the informers both read: it is registered first.
    operator.register(new TenantIngressClassReconciler(client, view, writes, concurrentRequests, Clock.systemUTC()));
    operator.register(new TenantIngressReconciler(client, view, Clock.systemUTC()));
  }

  /**
   * A replica that loses the Lease while running exits, so that it restarts as a follower and never reconciles
   * beside the new leader. Losing it because this operator is being stopped is no reason to: exiting from a
   * shutdown hook would hang the JVM, so java-operator-sdk's own exit is off and this one is conditional.
   */
  private LeaderElectionConfiguration leaderElection(String leaseNamespace) {
    return new LeaderElectionConfiguration(LEASE_NAME, leaseNamespace,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null,
        new LeaderCallbacks(() -> log.info("leading"), () -> {
          if (!closing) {
            log.error("lost the Lease {}/{}; exiting so that this replica restarts as a follower", leaseNamespace,
                LEASE_NAME);
            new Thread(() -> System.exit(1), "lost-lease-exit").start();
          }
        }, leader -> log.info("leader is {}", leader)),
        false);
  }

  /** Starts both reconcilers; returns once their caches are synced. */
  public static TenantIngressOperator start(KubernetesClient client) {
    return start(client, new SimpleMeterRegistry(), null);
  }

  /**
   * @param registry where java-operator-sdk's reconcile metrics go
   * @param leaseNamespace with leader election, the namespace of its Lease; null without
   */
  public static TenantIngressOperator start(KubernetesClient client, MeterRegistry registry, String leaseNamespace) {
    TenantIngressOperator tenantIngressOperator = new TenantIngressOperator(client, registry, leaseNamespace);
    tenantIngressOperator.operator.start();
    return tenantIngressOperator;
  }

  /** The writes this operator sent, by kind. */
  public WriteCounter writes() {
    return writes;
  }

  /** The latest plan of the whole cluster, once the class reconciler's caches are up. */
  public Optional<Plan> plan() {
    return operator.getRuntimeInfo().isStarted() ? Optional.of(view.plan()) : Optional.empty();
  }

  /** Started and every informer connected: what readiness means. */
  public boolean healthy() {
    var runtime = operator.getRuntimeInfo();
    return runtime.isStarted() && runtime.allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    closing = true;
    operator.stop();
    concurrentRequests.close();
  }
}
