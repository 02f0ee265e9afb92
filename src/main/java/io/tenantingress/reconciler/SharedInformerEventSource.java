package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The one informer of a kind, read by both reconcilers. It is the class reconciler's java-operator-sdk event
 * source, since that reconciler writes the objects: its writes go into the event source's recent-write cache
 * ({@code handleRecentResourceCreate/Update}), so that it reads them back at once and is not woken by their echo.
 * Every event is also handed, unfiltered, to the status reconciler's {@link ForwardedEventSource}s, which map it to
 * the TenantIngresses it concerns; java-operator-sdk 5 gives an informer event source to one controller only.
 */
final class SharedInformerEventSource<R extends HasMetadata> extends InformerEventSource<R, TenantIngressClass> {

  private final List<ResourceEventHandler<R>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<R>> observers = new CopyOnWriteArrayList<>();
  private final List<Consumer<R>> changeObservers = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();

  SharedInformerEventSource(InformerEventSourceConfiguration<R> configuration,
      EventSourceContext<TenantIngressClass> context) {
    super(configuration, context);
  }

  void forwardTo(ResourceEventHandler<R> listener) {
    listeners.add(listener);
  }

  /**
   * Hands every object added or updated to {@code observer} before the event can wake a reconciler: what it notes is
   * there for the reconcile the event brings.
   */
  void observeBeforeEvents(Consumer<R> observer) {
    observers.add(observer);
  }

  /**
   * Hands every object added, updated or deleted to {@code observer} twice: before the event can wake a reconciler,
   * so that the reconcile it brings knows; and after java-operator-sdk has handled it, when a write of the
   * operator's own that the event replaces is no longer what the cache returns, so that a reconcile that read that
   * meanwhile is told too.
   */
  void observeChanges(Consumer<R> observer) {
    changeObservers.add(observer);
  }

  /** A start that fails fails the forwarded sources waiting for it too, instead of leaving them waiting. */
  @Override
  public synchronized void start() {
    try {
      super.start();
      started.complete(null);
    } catch (RuntimeException e) {
      started.completeExceptionally(e);
      throw e;
    }
  }

  /** Completes once the informer has listed every object: a forwarded source starts after it. */
  CompletableFuture<Void> started() {
    return started;
  }

  /**
   * Waits, in another controller's event source's start, for informers to have listed ({@link #started()}, or
   * several of them combined): its first reconciles must not read a cache that is still filling.
   */
  static void awaitStarted(CompletableFuture<?> started, String what) {
    try {
      started.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      throw new OperatorException(e.getCause());
    }
  }

  @Override
  public void onAdd(R resource) {
    observers.forEach(o -> o.accept(resource));
    changeObservers.forEach(o -> o.accept(resource));
    super.onAdd(resource);
    changeObservers.forEach(o -> o.accept(resource));
    listeners.forEach(l -> l.onAdd(resource));
  }

  @Override
  public void onUpdate(R previous, R resource) {
    observers.forEach(o -> o.accept(resource));
    changeObservers.forEach(o -> o.accept(resource));
    super.onUpdate(previous, resource);
    changeObservers.forEach(o -> o.accept(resource));
    listeners.forEach(l -> l.onUpdate(previous, resource));
  }

  @Override
  public void onDelete(R resource, boolean deletedFinalStateUnknown) {
    changeObservers.forEach(o -> o.accept(resource));
    super.onDelete(resource, deletedFinalStateUnknown);
    changeObservers.forEach(o -> o.accept(resource));
    listeners.forEach(l -> l.onDelete(resource, deletedFinalStateUnknown));
  }
}
