package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.api.v1alpha1.HasConditions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The one way a status reaches the API server, for TenantIngresses and classes alike: compared with the status
 * shown, paced, server-side applied to the status subresource with the controller's field manager, handed to
 * java-operator-sdk's cache of the primary so that the next reconcile compares with what was written even before
 * the watch brings it back, and then its transitions recorded as events.
 *
 * @param <P> the custom resource
 * @param <S> its status
 */
final class StatusPipeline<P extends CustomResource<?, S>, S extends HasConditions> {

  private final Supplier<P> blank;
  private final TransitionEvents events;
  private final WritePacing pacing;
  private final BiPredicate<S, S> significant;

  /**
   * @param blank a new, empty resource of the kind: what is applied carries the status alone
   * @param pacing the least time between two writes of one resource's status (see {@link WritePacing})
   * @param significant whether a change from the status shown to the new one is written at once regardless
   */
  StatusPipeline(Supplier<P> blank, TransitionEvents events, WritePacing pacing, BiPredicate<S, S> significant) {
    this.blank = blank;
    this.events = events;
    this.pacing = pacing;
    this.significant = significant;
  }

  /**
   * Shows {@code status} on the resource unless it is shown already; when pacing puts the write off, how long to
   * wait before the resource is reconciled again.
   */
  Optional<Duration> publish(P resource, S status, Context<P> context) {
    S shown = resource.getStatus();
    String key = ResourceID.fromResource(resource).toString();
    if (Objects.equals(status, shown)) {
      pacing.settled(key);
      return Optional.empty();
    }
    Optional<Duration> wait = pacing.wait(key);
    if (wait.isPresent() && !significant.test(shown, status)) {
      pacing.putOff(key);
      return wait;
    }
    P applied = blank.get();
    applied.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
        .withNamespace(resource.getMetadata().getNamespace()).build());
    applied.setStatus(status);
    PrimaryUpdateAndCacheUtils.updateAndCacheResource(resource, context, r -> applied, r -> {
      // Server-side apply owns the status fields: without a resourceVersion, a concurrent change of the spec or
      // metadata does not turn this write into a conflict and a retry.
      r.getMetadata().setResourceVersion(null);
      return context.getClient().resource(r).subresource("status").patch(new PatchContext.Builder()
          .withFieldManager(context.getControllerConfiguration().fieldManager()).withForce(true)
          .withPatchType(PatchType.SERVER_SIDE_APPLY).build());
    });
    pacing.written(key);
    // Recorded once shown: an event never announces a status that failed to be written, and a tenant sees Ready
    // one request sooner than if the event went first.
    events.record(resource, shown == null ? null : shown.conditions(), status.conditions());
    return Optional.empty();
  }

  /** A resource that is gone: nothing of it is kept. */
  void forget(P resource) {
    pacing.forget(ResourceID.fromResource(resource).toString());
  }
}
