package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.tenantingress.desired.Plan;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * A reconciler's events from the {@link Planner}: each new plan re-triggers the primaries its mapper names (given
 * the previous plan and the new one), so that a reconcile that read a plan not yet holding a change runs again with
 * one that does. It keeps nothing: the plan is read through {@link ClusterView}.
 */
final class PlanEvents<P extends HasMetadata> extends AbstractEventSource<Plan, P> {

  private final CompletableFuture<?> after;

  /** @param after what must be done before this source starts (and so before its reconciler's first reconcile) */
  PlanEvents(Planner planner, String name, CompletableFuture<?> after,
      BiFunction<PlanIndex, PlanIndex, Set<ResourceID>> concerned) {
    super(Plan.class, name);
    this.after = after;
    planner.onNewPlan((previous, next) -> {
      if (isRunning()) {
        concerned.apply(previous, next).forEach(id -> getEventHandler().handleEvent(new Event(id)));
      }
    });
  }

  @Override
  public void start() throws OperatorException {
    SharedInformerEventSource.awaitStarted(after, "the informers a plan reads");
    super.start();
  }

  @Override
  public Set<Plan> getSecondaryResources(P primary) {
    return Set.of();
  }
}
