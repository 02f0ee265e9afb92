package io.tenantingress.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tenantingress.api.v1alpha1.TenantIngress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** When each TenantIngress was first seen Ready=True at its current generation, from a watch. */
final class ReadyTracker implements AutoCloseable {

  private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
  private final SharedIndexInformer<TenantIngress> informer;

  ReadyTracker(KubernetesClient client) {
    informer = client.resources(TenantIngress.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(TenantIngress tenant) {
        observe(tenant);
      }

      @Override
      public void onUpdate(TenantIngress old, TenantIngress tenant) {
        observe(tenant);
      }

      @Override
      public void onDelete(TenantIngress tenant, boolean unknown) {
      }
    });
  }

  private void observe(TenantIngress tenant) {
    var status = tenant.getStatus();
    if (status != null && status.conditions() != null && status.conditions().stream().anyMatch(c ->
        "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
      readyAt.putIfAbsent(tenant.getMetadata().getNamespace() + "/" + tenant.getMetadata().getName(),
          System.nanoTime());
    }
  }

  Long readyAt(String namespace, String name) {
    return readyAt.get(namespace + "/" + name);
  }

  /**
   * Waits until every one of the tenants is Ready; returns the time the last became so. Gives up as soon as
   * {@code running} says the operator is gone.
   */
  long awaitAll(Collection<String> namespacedNames, Duration timeout, BooleanSupplier running)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!running.getAsBoolean()) {
        throw new IllegalStateException("the operator exited; see its log under target/bench");
      }
      if (readyAt.keySet().containsAll(namespacedNames)) {
        return namespacedNames.stream().mapToLong(readyAt::get).max().orElse(System.nanoTime());
      }
      Thread.sleep(20);
    }
    long missing = namespacedNames.stream().filter(n -> !readyAt.containsKey(n)).count();
    throw new IllegalStateException(missing + " of " + namespacedNames.size() + " tenants not Ready within "
        + timeout);
  }

  @Override
  public void close() {
    informer.close();
  }
}
