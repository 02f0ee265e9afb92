package io.tenantingress.bench;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tenantingress.testing.ControllerStandIns;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays cert-manager and Envoy Gateway promptly for the benchmark: issues every Certificate the operator writes,
 * programs every Gateway, and accepts every route the operator renders, as soon as they appear.
 */
final class ControllerPlayer implements AutoCloseable {

  private final ControllerStandIns standIns;
  private final ExecutorService writers = Executors.newFixedThreadPool(8);
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private final List<SharedIndexInformer<?>> informers;

  ControllerPlayer(KubernetesClient client) {
    this.standIns = new ControllerStandIns(client);
    this.informers = List.of(
        client.resources(Certificate.class).inAnyNamespace().inform(onAdd(c -> once("c/" + key(c),
            () -> standIns.issue(c.getMetadata().getNamespace(), c.getMetadata().getName())))),
        client.resources(Gateway.class).inAnyNamespace().inform(onAdd(g -> once("g/" + key(g),
            () -> standIns.program(g.getMetadata().getNamespace(), g.getMetadata().getName(), "192.0.2.1")))),
        client.resources(HTTPRoute.class).inAnyNamespace().withLabel("app.kubernetes.io/managed-by",
            "tenant-ingress-operator").inform(onAdd(r -> once("r/" + key(r),
            () -> standIns.acceptRoute(r.getMetadata().getNamespace(), r.getMetadata().getName())))));
  }

  private void once(String key, Runnable write) {
    if (done.add(key)) {
      writers.submit(() -> {
        try {
          write.run();
        } catch (RuntimeException e) {
          done.remove(key);
        }
      });
    }
  }

  private static String key(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  private static <T> ResourceEventHandler<T> onAdd(java.util.function.Consumer<T> action) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        action.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
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
