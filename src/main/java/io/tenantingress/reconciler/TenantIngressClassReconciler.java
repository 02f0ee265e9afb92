package io.tenantingress.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.TenantIngressClassStatus;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.EffectiveClass;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.desired.Plan;
import io.tenantingress.status.ClassStatusComputer;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reconciles everything a class renders, from every TenantIngress at once: its Gateways (the shared one is
 * written here and only here, in one apply per change), ClientTrafficPolicies, Issuers, Certificates, routes,
 * ReferenceGrants, and the namespaces' access labels; then the class's status.
 *
 * <p>Every change to a TenantIngress's spec, a certificate's issuance, a namespace or what the operator wrote
 * re-triggers the classes ({@link ConcernedClasses}); status-only updates do not (the class's objects do not depend
 * on them), nor do the echoes of the operator's own writes that arrive after the write returned. A change after a
 * quiet spell is reconciled at once; events during a pass coalesce into one more pass, and passes are spaced by what
 * they compute ({@link PassPacing}); the writing itself is {@link ClassObjectsWriter}'s.
 */
@GradualRetry(maxAttempts = TenantIngressOperator.RETRY_FOREVER, initialInterval = 1_000, intervalMultiplier = 2,
    maxInterval = TenantIngressOperator.RETRY_CEILING_MILLIS)
@ControllerConfiguration(maxReconciliationInterval = @MaxReconciliationInterval(interval = 10,
    timeUnit = TimeUnit.MINUTES), name = TenantIngressClassReconciler.NAME)
public class TenantIngressClassReconciler implements Reconciler<TenantIngressClass>, Cleaner<TenantIngressClass> {

  public static final String NAME = "tenantingressclass";

  /**
   * The least time between two writes of a class's status whose only news are its counts (every tenant onboarded
   * changes them); any other change is written at once ({@link ClassStatusComputer#significantChange}).
   */
  private static final Duration STATUS_INTERVAL = Duration.ofSeconds(5);

  /** While a class being deleted is in use, how often it is looked at with no event. */
  private static final Duration IN_USE_RECHECK = Duration.ofSeconds(30);

  private final ClusterView view;
  private final ClassObjectsWriter writer;
  private final RefusalBackoff refusalBackoff;
  private final PassPacing pacing = new PassPacing();
  private final NamespaceMetadataApplier namespaceMetadata;
  private final TransitionEvents events;
  private final StatusPipeline<TenantIngressClass, TenantIngressClassStatus> statuses;
  private final Clock clock;

  /**
   * @param view the informers this reconciler opens and both reconcilers read
   * @param concurrently where the independent requests of one pass go; its owner closes it
   */
  TenantIngressClassReconciler(KubernetesClient client, ClusterView view, WriteCounter writes,
      ConcurrentRequests concurrently, Clock clock) {
    this.view = view;
    this.writer = new ClassObjectsWriter(client, view, writes, concurrently, clock);
    this.namespaceMetadata = new NamespaceMetadataApplier(client, view, writes, concurrently, clock);
    this.events = new TransitionEvents(client);
    this.statuses = new StatusPipeline<>(TenantIngressClass::new, events, new WritePacing(STATUS_INTERVAL, clock),
        ClassStatusComputer::significantChange);
    this.clock = clock;
    this.refusalBackoff = new RefusalBackoff(clock);
  }

  @Override
  public List<EventSource<?, TenantIngressClass>> prepareEventSources(EventSourceContext<TenantIngressClass> context) {
    List<EventSource<?, TenantIngressClass>> sources = view.open(context);
    view.observeWritten(writer::heard);
    view.observeWrittenChanges(writer::changed);
    view.namespaces().observeChanges(namespaceMetadata::changed);
    return sources;
  }

  /**
   * A class is planned from the shared informer, which may be a moment behind or ahead of this controller's own
   * cache of classes: a pass waits for a plan that holds the class's current generation (that plan brings the class
   * back: {@link PlanEvents}).
   */
  @Override
  public UpdateControl<TenantIngressClass> reconcile(TenantIngressClass tenantClass,
      Context<TenantIngressClass> context) {
    String name = tenantClass.getMetadata().getName();
    Optional<Duration> paced = pacing.wait(name);
    if (paced.isPresent()) {
      // A millisecond more, so that the pass comes back once the wait is over rather than just before.
      return UpdateControl.<TenantIngressClass>noUpdate().rescheduleAfter(paced.get().toMillis() + 1);
    }
    PlanIndex planned = view.index();
    if (!planned.holds(tenantClass)) {
      return UpdateControl.noUpdate();
    }
    Maintained maintained = pacing.pass(name, () -> maintain(tenantClass, planned.plan().forClass(name)
        .orElseThrow(), List.of()));
    Optional<Duration> statusWait = statuses.publish(tenantClass, maintained.status(), context);
    UpdateControl<TenantIngressClass> control = UpdateControl.noUpdate();
    soonest(maintained.retryAfter(), statusWait).ifPresent(w -> control.rescheduleAfter(w.toMillis()));
    return control;
  }

  /** A pass's status for the class, and when to come back (a refused object, a Gateway write put off). */
  private record Maintained(TenantIngressClassStatus status, Optional<Duration> retryAfter) {
  }

  /**
   * Everything a class renders, applied from the plan, and the class's status; {@code users} are the
   * TenantIngresses that keep a class being deleted in place.
   */
  private Maintained maintain(TenantIngressClass tenantClass, ClassPlan classPlan, List<String> users) {
    applyNamespaceLabels(Optional.empty());
    ClassObjectsWriter.ClassWrite written = writer.write(classPlan);
    written.adopted().forEach(report -> events.adopted(tenantClass, report));
    TenantIngressClassStatus status = ClassStatusComputer.compute(tenantClass, classPlan,
        view.policies().list().toList(), written.namesTaken(), written.refused(), written.adopted(), users,
        clock.instant());
    Optional<Duration> retry = refusalBackoff.next(tenantClass.getMetadata().getName(), !written.refused().isEmpty());
    return new Maintained(status, soonest(retry, written.deferredFor()));
  }

  @SafeVarargs
  private static Optional<Duration> soonest(Optional<Duration>... waits) {
    return Stream.of(waits).flatMap(Optional::stream).min(Comparator.naturalOrder());
  }

  /**
   * A class still in use is not deleted: its finalizer stays, everything it renders is still maintained
   * (repaired, onboarded, offboarded) as in any pass, and its status names the TenantIngresses that use it, until
   * they move or go. Then its objects are removed, the shared Gateway last.
   */
  @Override
  public ErrorStatusUpdateControl<TenantIngressClass> updateErrorStatus(TenantIngressClass resource, Context<TenantIngressClass> context,
      Exception e) {
    return FailedReconciles.report(resource, context, e);
  }

  @Override
  public DeleteControl cleanup(TenantIngressClass tenantClass, Context<TenantIngressClass> context) {
    Plan plan = view.plan();
    ClassPlan classPlan = plan.forClass(tenantClass.getMetadata().getName()).orElse(null);
    List<String> users = classPlan == null ? List.of()
        : classPlan.tenants().stream().map(t -> t.ref().toString()).toList();
    if (!users.isEmpty()) {
      Maintained maintained = maintain(tenantClass, classPlan, users);
      Optional<Duration> statusWait = statuses.publish(tenantClass, maintained.status(), context);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(soonest(maintained.retryAfter(), statusWait,
          Optional.of(IN_USE_RECHECK)).orElseThrow().toMillis());
    }
    writer.deleteAll(tenantClass.getMetadata().getName());
    applyNamespaceLabels(Optional.of(tenantClass.getMetadata().getName()));
    statuses.forget(tenantClass);
    pacing.forget(tenantClass.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }

  /**
   * Every class's pass applies every namespace's labels, from the plan of all classes. Plan and cache are read
   * once this pass has the label writer to itself: a pass holding an older plan would otherwise take away a
   * label that another class's pass, with a newer plan, had just set.
   *
   * @param leaving a class being deleted, whose tenants' labels go with it
   */
  private void applyNamespaceLabels(Optional<String> leaving) {
    synchronized (namespaceMetadata) {
      PlanIndex index = view.index();
      if (leaving.isEmpty()) {
        namespaceMetadata.apply(index.namespaceMetadata(), gatewayNamespaces(index.plan()));
        return;
      }
      Plan plan = new Plan(index.plan().classes().stream()
          .filter(c -> !c.tenantClass().name().equals(leaving.get())).toList(), index.plan().unresolved());
      namespaceMetadata.apply(NamespaceMetadataDesiredState.render(plan).stream()
          .collect(Collectors.toMap(ns -> ns.getMetadata().getName(), ns -> ns)), gatewayNamespaces(plan));
    }
  }

  private static Set<String> gatewayNamespaces(Plan plan) {
    return plan.classes().stream().map(ClassPlan::tenantClass).filter(EffectiveClass::shared)
        .map(EffectiveClass::gatewayNamespace).collect(Collectors.toSet());
  }
}
