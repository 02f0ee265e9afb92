package io.tenantingress.bench;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.testing.ControllerStandIns;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays cert-manager and Envoy Gateway promptly for the benchmark: issues every Certificate, programs every
 * Gateway, programs every ListenerSet at each new generation, and accepts every route the operator renders, as soon
 * as they appear. The operator's run and the baseline's are played alike, so that their ratio compares like with
 * like; {@link #awaitIdle} says when the last of these writes was done. A stand-in, because what is measured at
 * 5,000 tenants is the operator's own cost, and real issuance and programming on these 2 cores would measure the
 * controllers instead; {@code RealControllersBenchmark} runs P2 with the real ones at 500.
 */
final class ControllerPlayer implements AutoCloseable {

  private final ControllerStandIns standIns;
  private final ExecutorService writers = Executors.newFixedThreadPool(8);
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final List<SharedIndexInformer<?>> informers;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private volatile long lastActivity = System.nanoTime();
  private volatile long lastDone = System.nanoTime();

  ControllerPlayer(KubernetesClient client) {
    this.standIns = new ControllerStandIns(client);
    this.informers = List.of(
        client.resources(Certificate.class).inAnyNamespace().inform(onAdd(c -> once("c/" + key(c), 3,
            () -> standIns.issue(c.getMetadata().getNamespace(), c.getMetadata().getName())))),
        client.resources(Gateway.class).inAnyNamespace().inform(onAdd(g -> once("g/" + key(g), 2,
            () -> standIns.program(g.getMetadata().getNamespace(), g.getMetadata().getName(), "192.0.2.1")))),
        client.resources(HTTPRoute.class).inAnyNamespace().withLabel("app.kubernetes.io/managed-by",
            "tenant-ingress-operator").inform(onAdd(r -> once("r/" + key(r), 2,
            () -> standIns.acceptRoute(r.getMetadata().getNamespace(), r.getMetadata().getName())))),
        client.resources(ListenerSet.class).inAnyNamespace().inform(onAddOrNewGeneration(l -> once("l/" + key(l)
            + "/" + l.getMetadata().getGeneration(), 2,
            () -> standIns.programListenerSet(l.getMetadata().getNamespace(), l.getMetadata().getName())))));
  }

  /**
   * Waits until no write has been asked for or done for {@code quiet}; returns when the last one was done
   * (System.nanoTime()).
   */
  long awaitIdle(Duration quiet) throws InterruptedException {
    while (pending.get() > 0 || System.nanoTime() - lastActivity < quiet.toNanos()) {
      Thread.sleep(50);
    }
    return lastDone;
  }

  /** The requests this player sent: what a real cert-manager and Envoy Gateway would have sent at least. */
  long requests() {
    return requests.get();
  }

  /** @param requests how many requests the write sends (its GET included) */
  private void once(String key, int requests, Runnable write) {
    if (done.add(key)) {
      pending.incrementAndGet();
      lastActivity = System.nanoTime();
      writers.submit(() -> {
        try {
          this.requests.addAndGet(requests);
          write.run();
          lastDone = System.nanoTime();
        } catch (RuntimeException e) {
          done.remove(key);
        } finally {
          lastActivity = System.nanoTime();
          pending.decrementAndGet();
        }
      });
    }
  }

  private static String key(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> onAdd(
      java.util.function.Consumer<T> action) {
    return on(action, false);
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> onAddOrNewGeneration(
      java.util.function.Consumer<T> action) {
    return on(action, true);
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> on(
      java.util.function.Consumer<T> action, boolean newGenerations) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        action.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (newGenerations && !java.util.Objects.equals(oldObj.getMetadata().getGeneration(),
            newObj.getMetadata().getGeneration())) {
          action.accept(newObj);
        }
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      }
    };
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    writers.shutdownNow();
  }
}
