package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The status reconciler's events from a {@link SharedInformerEventSource}: each add, update and delete re-triggers the TenantIngresses its mapper names. It keeps nothing: the reconciler reads the shared
 * informer's cache through {@link ClusterView}, not through {@code Context#getSecondaryResources}.
 */
final class ForwardedEventSource<R extends HasMetadata> extends AbstractEventSource<R, TenantIngress>
    implements ResourceEventHandler<R> {

  private final SharedInformerEventSource<R> shared;
  private final SecondaryToPrimaryMapper<R> mapper;
  private final BiPredicate<R, R> updateConcerns;

  /** @param updateConcerns whether an update (the object after, before) can change a status at all */
  ForwardedEventSource(SharedInformerEventSource<R> shared, SecondaryToPrimaryMapper<R> mapper,
      BiPredicate<R, R> updateConcerns) {
    super(shared.resourceType(), shared.name() + "-forwarded");
    this.shared = shared;
    this.mapper = mapper;
    this.updateConcerns = updateConcerns;
    shared.forwardTo(this);
  }

  /**
   * Waits for the shared informer's first listing (the class reconciler starts it, concurrently): the status
   * reconciler's first reconciles must not read a cache that is still filling. Events before this are not needed,
   * since every TenantIngress is reconciled once its own controller starts.
   */
  @Override
  public void start() throws OperatorException {
    SharedInformerEventSource.awaitStarted(shared.started(), "the " + shared.name() + " informer");
    super.start();
  }

  @Override
  public Status getStatus() {
    return shared.getStatus();
  }

  @Override
  public Set<R> getSecondaryResources(TenantIngress primary) {
    return Set.of();
  }

  @Override
  public void onAdd(R resource) {
    trigger(resource);
  }

  /** A change of spec or labels may also concern whom the object concerned before (a route's old hostnames). */
  @Override
  public void onUpdate(R previous, R resource) {
    if (!isRunning() || !updateConcerns.test(resource, previous)) {
      return;
    }
    Set<ResourceID> ids = new HashSet<>(mapper.toPrimaryResourceIDs(resource));
    if (ClusterView.beyondStatus(resource, previous)) {
      ids.addAll(mapper.toPrimaryResourceIDs(previous));
    }
    ids.forEach(id -> getEventHandler().handleEvent(new Event(id)));
  }

  @Override
  public void onDelete(R resource, boolean deletedFinalStateUnknown) {
    trigger(resource);
  }

  private void trigger(R resource) {
    if (isRunning()) {
      mapper.toPrimaryResourceIDs(resource).forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }
  }
}
