package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantingress.desired.Plan;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two reconcilers on one java-operator-sdk Operator, with the client it is given. */
public final class TenantIngressOperator implements AutoCloseable {

  /** The Lease that replicas compete for when leader election is on. */
  public static final String LEASE_NAME = "tenant-ingress-operator";

  /**
   * Reconciles are never abandoned: a failed one is retried with backoff from 1 s up to this ceiling for as long as
   * its cause lasts (an API server away for hours included), and every resource is reconciled at least every ten
   * minutes anyway, which catches whatever an event missed.
   */
  static final int RETRY_FOREVER = -1;
  static final long RETRY_CEILING_MILLIS = 120_000;

  private static final Logger log = LoggerFactory.getLogger(TenantIngressOperator.class);

  private final Operator operator;
  private volatile boolean closing;
  private final WriteCounter writes = new WriteCounter();
  private final ConcurrentRequests concurrentRequests = new ConcurrentRequests();
  private final ClusterView view = new ClusterView();

  private final KubernetesClient client;
  private final LeaderElection leaderElection;
  private final ApiServerProbe apiServer;

  private TenantIngressOperator(KubernetesClient client, MeterRegistry registry, LeaderElection leaderElection) {
    this.client = client;
    this.leaderElection = leaderElection;
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client).withCloseClientOnStop(false)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (leaderElection != null) {
        o.withLeaderElectionConfiguration(configuration(leaderElection));
      }
    });
    this.apiServer = new ApiServerProbe(client);
    // The class reconciler opens the informers both read: it is registered first.
    operator.register(new TenantIngressClassReconciler(client, view, writes, concurrentRequests, Clock.systemUTC()));
    operator.register(new TenantIngressReconciler(client, view, Clock.systemUTC()));
  }

  /**
   * A replica that loses the Lease while running exits, so that it restarts as a follower and never reconciles
   * beside the new leader. Losing it because this operator is being stopped is no reason to: exiting from a
   * shutdown hook would hang the JVM, so java-operator-sdk's own exit is off and this one is conditional.
   */
  private LeaderElectionConfiguration configuration(LeaderElection election) {
    return new LeaderElectionConfiguration(LEASE_NAME, election.namespace(), election.leaseDuration(),
        election.renewDeadline(), election.retryPeriod(), election.identity(),
        new LeaderCallbacks(() -> log.info("leading"), () -> {
          if (!closing) {
            log.error("lost the Lease {}/{}; exiting so that this replica restarts as a follower",
                election.namespace(), LEASE_NAME);
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
   * @param leaderElection how replicas share the work; null for none
   */
  public static TenantIngressOperator start(KubernetesClient client, MeterRegistry registry,
      LeaderElection leaderElection) {
    TenantIngressOperator tenantIngressOperator = new TenantIngressOperator(client, registry, leaderElection);
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

  /**
   * What readiness means: started, every informer synced and connected, and the API server answering reads it
   * must confirm with etcd, so that a pod that can write nothing is not counted ready.
   */
  public boolean ready() {
    var runtime = operator.getRuntimeInfo();
    return runtime.isStarted() && runtime.allEventSourcesAreHealthy() && apiServer.answering();
  }

  /**
   * Stops reconciling, lets reconciles in flight finish, and hands the Lease over: java-operator-sdk does not
   * release it, and a follower would otherwise wait for it to expire (a rolling update's leaderless seconds).
   */
  @Override
  public void close() {
    closing = true;
    operator.stop();
    concurrentRequests.close();
    view.close();
    apiServer.close();
    if (leaderElection != null) {
      releaseLease();
    }
  }

  private void releaseLease() {
    try {
      Lease lease = client.leases().inNamespace(leaderElection.namespace()).withName(LEASE_NAME).get();
      if (lease == null || lease.getSpec() == null
          || !leaderElection.identity().equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      // client-go's release: no holder and a one-second lease; the resourceVersion makes it conditional on
      // this replica still holding it.
      client.resource(new LeaseBuilder(lease).editSpec().withHolderIdentity(null).withLeaseDurationSeconds(1)
          .withAcquireTime(now).withRenewTime(now).endSpec().build()).update();
      log.info("released the Lease {}/{}", leaderElection.namespace(), LEASE_NAME);
    } catch (KubernetesClientException e) {
      log.warn("could not release the Lease {}/{} ({}); the next leader takes it when it expires",
          leaderElection.namespace(), LEASE_NAME, e.getMessage());
    }
  }
}
