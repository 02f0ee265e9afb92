package io.tenantingress.testing;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.tenantingress.gatewayapi.ListenerSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Plays cert-manager and Envoy Gateway promptly for the benchmark: issues every Certificate, programs every
 * Gateway and ListenerSet (an https listener once the Secret it names is there, judged again when this player
 * issues it) and accepts every route the operator renders, at each new generation, as soon as they appear,
 * retrying while the API server is away. The operator's run and the baseline's are played alike, so that their
 * ratio compares like with like; {@link #awaitIdle} says when the last of these writes was done. Like the
 * controllers, it judges objects as its informers hold them and sends only its writes: one request per verdict, two
 * per issuance (the Secret, then the Certificate's status). A stand-in, because what is measured at 5,000 tenants
 * is the operator's own cost, and real issuance and programming on these 2 cores would measure the controllers
 * instead; {@code RealControllersBenchmark} runs P2 with the real ones at 500.
 */
public final class ControllerPlayer implements AutoCloseable {

  private final ControllerStandIns standIns;
  private final ExecutorService writers = Executors.newFixedThreadPool(8);
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final List<SharedIndexInformer<?>> informers;
  private final SharedIndexInformer<ListenerSet> listenerSets;
  /** The Secrets this player issued: what Envoy Gateway's cache of Secrets would hold (nobody else writes them). */
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private volatile long lastActivity = System.nanoTime();
  private volatile long lastDone = System.nanoTime();

  public ControllerPlayer(KubernetesClient client) {
    this.standIns = new ControllerStandIns(client);
    this.listenerSets = play(client.resources(ListenerSet.class).inAnyNamespace(), "l/",
        l -> standIns.programListenerSet(l, this::issued));
    this.informers = List.of(listenerSets,
        play(client.resources(Certificate.class).inAnyNamespace(), "c/", this::issue),
        play(client.resources(Gateway.class).inAnyNamespace(), "g/", g -> standIns.program(g, "192.0.2.1")),
        play(client.resources(HTTPRoute.class).inAnyNamespace().withLabel("app.kubernetes.io/managed-by",
            "tenant-ingress-operator"), "r/", standIns::acceptRoute));
  }

  /**
   * An informer whose every object is judged by {@code write} once per generation ({@link #on}), from the informer's
   * cache as it is when the write runs, as the controllers read theirs: a write retried after a conflict judges the
   * newer object.
   */
  private <T extends HasMetadata> SharedIndexInformer<T> play(Informable<T> resources, String kind,
      Consumer<T> write) {
    SharedIndexInformer<T> informer = resources.runnableInformer(0);
    informer.addEventHandler(on(kind, object -> judgeLatest(informer, object, write)));
    informer.run();
    return informer;
  }

  /** Calls {@code write} with the object as the informer holds it now, if it still does: one request. */
  private <T extends HasMetadata> void judgeLatest(SharedIndexInformer<T> informer, T object, Consumer<T> write) {
    T current = informer.getStore().get(object);
    if (current != null) {
      requests.incrementAndGet();
      write.accept(current);
    }
  }

  /**
   * cert-manager issues a Certificate into its Secret; Envoy Gateway, which watches the Secrets its listeners name,
   * judges again each ListenerSet that names it.
   */
  private void issue(Certificate certificate) {
    String namespace = certificate.getMetadata().getNamespace();
    String secret = certificate.getSpec().getSecretName();
    requests.incrementAndGet(); // the Secret; judgeLatest counted the status
    standIns.issue(certificate);
    secrets.add(namespace + "/" + secret);
    // The namespace's ListenerSets only: a scan of all 5,000 per issuance would cost the driver the cores it shares.
    listenerSets.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
        .filter(l -> l.getSpec().listeners().stream().anyMatch(listener -> listener.getTls() != null
            && listener.getTls().getCertificateRefs().stream().anyMatch(ref -> secret.equals(ref.getName()))))
        .forEach(l -> once("s/" + key(l) + "/" + secret + "/" + certificate.getMetadata().getGeneration(),
            () -> judgeLatest(listenerSets, l, current -> standIns.programListenerSet(current, this::issued))));
  }

  private boolean issued(String namespace, String secret) {
    return secrets.contains(namespace + "/" + secret);
  }

  /**
   * Waits until no write has been asked for or done for {@code quiet}; returns when the last one was done
   * (System.nanoTime()).
   */
  public long awaitIdle(Duration quiet) throws InterruptedException {
    while (pending.get() > 0 || System.nanoTime() - lastActivity < quiet.toNanos()) {
      Thread.sleep(50);
    }
    return lastDone;
  }

  /** The requests this player sent: what a real cert-manager and Envoy Gateway would have sent at least. */
  public long requests() {
    return requests.get();
  }

  /**
   * Plays {@code write} once per generation of each object, as the controllers answer each generation; again after
   * a failed attempt (the API server away), as they retry; and afresh for an object deleted and created again.
   */
  private <T extends HasMetadata> ResourceEventHandler<T> on(String kind, Consumer<T> write) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        once(kind + key(object) + "/" + object.getMetadata().getGeneration(), () -> write.accept(object));
      }

      @Override
      public void onUpdate(T before, T object) {
        onAdd(object);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        done.removeIf(k -> k.startsWith(kind + key(object) + "/"));
      }
    };
  }

  private void once(String key, Runnable write) {
    if (done.add(key)) {
      pending.incrementAndGet();
      lastActivity = System.nanoTime();
      writers.submit(() -> {
        try {
          write.run();
          lastDone = System.nanoTime();
        } catch (KubernetesClientException e) {
          done.remove(key);
          if (e.getCode() == 409) {
            // Another verdict on the same object was written meanwhile: judge it again at once, as a controller's
            // status writer does.
            once(key, write);
          } else if (e.getCode() != 404) {
            retries.schedule(() -> once(key, write), 1, TimeUnit.SECONDS);
          }
        } finally {
          lastActivity = System.nanoTime();
          pending.decrementAndGet();
        }
      });
    }
  }

  private static String key(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    retries.shutdownNow();
    writers.shutdownNow();
  }
}
