package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the API server can serve the operator now: every {@link #INTERVAL} a read that the API server must confirm
 * with etcd (a list without a resourceVersion), which the operator's RBAC allows anyway. Informers stay connected
 * through an etcd outage and tell nothing of a hung server until their watch times out; a pod that can write
 * nothing should not be counted ready. One line when the API server stops answering, one when it is back.
 */
final class ApiServerProbe implements AutoCloseable {

  static final Duration INTERVAL = Duration.ofSeconds(2);
  /** Answers older than this no longer count: a probe hung on a frozen server is a failed one. */
  private static final long STALE_NANOS = INTERVAL.multipliedBy(3).toNanos();
  private static final Logger log = LoggerFactory.getLogger(ApiServerProbe.class);

  private final KubernetesClient client;
  /** One thread asks (and may hang on a frozen server); the other notices that no answer came. */
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread thread = new Thread(r, "api-server-probe");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long lastAnswer;
  private volatile boolean answering = true;

  ApiServerProbe(KubernetesClient client) {
    this.client = client;
    this.lastAnswer = System.nanoTime();
    timer.scheduleWithFixedDelay(this::probe, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::noticeSilence, INTERVAL.toMillis(), INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The API server answered a read confirmed by etcd within the last few intervals. */
  boolean answering() {
    return answering && System.nanoTime() - lastAnswer < STALE_NANOS;
  }

  private void noticeSilence() {
    if (answering && System.nanoTime() - lastAnswer >= STALE_NANOS) {
      answering = false;
      log.warn("the API server has not answered for {} s; not ready until it does",
          TimeUnit.NANOSECONDS.toSeconds(STALE_NANOS));
    }
  }

  private void probe() {
    try {
      client.resources(TenantIngressClass.class).list(new ListOptionsBuilder().withLimit(1L).build());
      lastAnswer = System.nanoTime();
      if (!answering) {
        log.info("the API server answers again");
      }
      answering = true;
    } catch (RuntimeException e) {
      if (answering) {
        log.warn("the API server does not answer ({}); not ready until it does", e.getMessage());
      }
      answering = false;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
