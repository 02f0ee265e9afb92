package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.RefusedObject;
import io.tenantingress.api.v1alpha1.TenantIngressClassStatus;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.DesiredObjects;
import io.tenantingress.desired.EffectiveClass;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.Plan;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.status.ClassStatusComputer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Reconciles everything a class renders, from every TenantIngress at once: its Gateways (the shared one is
 * written here and only here, in one apply per change), ClientTrafficPolicies, Issuers, Certificates, routes,
 * ReferenceGrants, and the namespaces' access labels; then the class's status.
 *
 * <p>Every change to a TenantIngress's spec, a certificate's issuance, a namespace or what the operator wrote re-triggers the
 * classes; status-only updates do not (the class's objects do not depend on them), nor do the echoes of the
 * operator's own writes. A change after a quiet spell
 * is reconciled at once; events during a pass coalesce into one more pass, and a burst is spread over passes by
 * {@link TokenBucketRateLimiter}; a Gateway is written at most once a second ({@link WritePacing}), so
 * a hundred tenants created at once cost a handful of Gateway writes while every tenant's own objects are
 * written at once.
 */
@ControllerConfiguration(name = TenantIngressClassReconciler.NAME, rateLimiter = TokenBucketRateLimiter.class)
public class TenantIngressClassReconciler implements Reconciler<TenantIngressClass>, Cleaner<TenantIngressClass> {

  public static final String NAME = "tenantingressclass";
  private static final List<Class<? extends HasMetadata>> OWNED_KINDS = List.of(Gateway.class, ListenerSet.class,
      ClientTrafficPolicy.class, Issuer.class, Certificate.class, HTTPRoute.class, ReferenceGrant.class);

  /** While a class being deleted is in use, how often it is looked at with no event. */
  private static final Duration IN_USE_RECHECK = Duration.ofSeconds(30);

  private final ManagedObjectApplier applier;
  private final WritePacing gatewayPacing;
  private final RefusalBackoff refusalBackoff;
  private final NamespaceMetadataApplier namespaceMetadata;
  private final TransitionEvents events;
  private final StatusPipeline<TenantIngressClass, TenantIngressClassStatus> statuses;
  private final Clock clock;
  private final Map<Class<? extends HasMetadata>, InformerEventSource<? extends HasMetadata, TenantIngressClass>>
      owned = new java.util.LinkedHashMap<>();
  private InformerEventSource<TenantIngress, TenantIngressClass> tenants;
  private InformerEventSource<Namespace, TenantIngressClass> namespaces;
  private InformerEventSource<ClientTrafficPolicy, TenantIngressClass> policies;
  private PlanCache plans;

  /** @param concurrently where the independent requests of one pass go; its owner closes it */
  TenantIngressClassReconciler(io.fabric8.kubernetes.client.KubernetesClient client, WriteCounter writes,
      ConcurrentRequests concurrently, Clock clock) {
    this.applier = new ManagedObjectApplier(client, writes, concurrently);
    this.namespaceMetadata = new NamespaceMetadataApplier(client, writes, concurrently);
    this.events = new TransitionEvents(client);
    this.statuses = new StatusPipeline<>(TenantIngressClass::new, events, clock);
    this.clock = clock;
    // Every write of a Gateway makes Envoy Gateway recompute and push the configuration of all its listeners.
    this.gatewayPacing = new WritePacing(Duration.ofSeconds(1), clock);
    this.refusalBackoff = new RefusalBackoff(clock);
  }

  @Override
  public List<EventSource<?, TenantIngressClass>> prepareEventSources(EventSourceContext<TenantIngressClass> context) {
    ConcernedClasses concerned = new ConcernedClasses(() -> context.getPrimaryCache().list());
    tenants = Watches.allChanges(TenantIngress.class, context, concerned::all, t -> false);
    namespaces = Watches.allChanges(Namespace.class, context, concerned::all, namespaceMetadata::isOwnWrite);
    policies = Watches.allChanges(ClientTrafficPolicy.class, context, concerned::all, applier::isOwnWrite);
    List<EventSource<?, TenantIngressClass>> sources = new ArrayList<>(List.of(tenants, namespaces, policies));
    for (Class<? extends HasMetadata> kind : OWNED_KINDS) {
      if (kind == ClientTrafficPolicy.class) {
        continue;
      }
      // A hand-written Certificate may be one a class's Gateway keeps serving: every class looks.
      InformerEventSource<? extends HasMetadata, TenantIngressClass> source = kind == Certificate.class
          ? Watches.certificates(context, concerned::ofCertificate, applier::isOwnWrite)
          : Watches.ownedChanges(kind, context, concerned::labelled, applier::isOwnWrite);
      owned.put(kind, source);
      sources.add(source);
    }
    plans = new PlanCache(() -> context.getPrimaryCache().list().toList(), () -> tenants.list().toList(),
        () -> certificates(), () -> namespaces.list().toList());
    return sources;
  }

  @SuppressWarnings("unchecked")
  private List<Certificate> certificates() {
    return ((InformerEventSource<Certificate, TenantIngressClass>) owned.get(Certificate.class)).list().toList();
  }

  Optional<Plan> currentPlan() {
    return plans == null ? Optional.empty() : Optional.of(plans.get());
  }

  @Override
  public UpdateControl<TenantIngressClass> reconcile(TenantIngressClass tenantClass,
      Context<TenantIngressClass> context) {
    Maintained maintained = maintain(tenantClass, plans.get().forClass(tenantClass.getMetadata().getName())
        .orElseThrow(), List.of());
    statuses.publish(tenantClass, maintained.status(), context);
    UpdateControl<TenantIngressClass> control = UpdateControl.noUpdate();
    maintained.retryAfter().ifPresent(w -> control.rescheduleAfter(w.toMillis()));
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
    applyNamespaceLabels(p -> p);
    AppliedObjects applied = applyClassObjects(classPlan);
    applied.adopted().forEach(report -> events.adopted(tenantClass, report));
    TenantIngressClassStatus status = ClassStatusComputer.compute(tenantClass, classPlan, policies.list().toList(),
        applied.namesTaken(), applied.refused(), applied.adopted(), users, clock.instant());
    Optional<Duration> retry = refusalBackoff.next(tenantClass.getMetadata().getName(), !applied.refused().isEmpty());
    Optional<Duration> wait = applied.gatewayDeferredFor().isEmpty() ? retry : retry.isEmpty()
        ? applied.gatewayDeferredFor() : Optional.of(java.util.Collections.min(List.of(retry.get(),
        applied.gatewayDeferredFor().get())));
    return new Maintained(status, wait);
  }

  /**
   * A class still in use is not deleted: its finalizer stays, everything it renders is still maintained
   * (repaired, onboarded, offboarded) as in any pass, and its status names the TenantIngresses that use it, until
   * they move or go. Then its objects are removed, the shared Gateway last.
   */
  @Override
  public DeleteControl cleanup(TenantIngressClass tenantClass, Context<TenantIngressClass> context) {
    Plan plan = plans.get();
    ClassPlan classPlan = plan.forClass(tenantClass.getMetadata().getName()).orElse(null);
    List<String> users = classPlan == null ? List.of()
        : classPlan.tenants().stream().map(t -> t.ref().toString()).toList();
    if (!users.isEmpty()) {
      Maintained maintained = maintain(tenantClass, classPlan, users);
      statuses.publish(tenantClass, maintained.status(), context);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(maintained.retryAfter()
          .orElse(IN_USE_RECHECK).toMillis());
    }
    // The Gateway last: its tenants' listeners, policies and routes go first.
    Map<Boolean, List<HasMetadata>> gatewaysOrNot = ownedBy(tenantClass.getMetadata().getName())
        .collect(Collectors.partitioningBy(o -> o instanceof Gateway));
    applier.deleteAll(gatewaysOrNot.get(false));
    applier.deleteAll(gatewaysOrNot.get(true));
    applyNamespaceLabels(p -> new Plan(p.classes().stream()
        .filter(c -> !c.tenantClass().name().equals(tenantClass.getMetadata().getName())).toList(), p.unresolved()));
    statuses.forget(tenantClass);
    return DeleteControl.defaultDelete();
  }

  /**
   * Every class's pass applies every namespace's labels, from the plan of all classes. Plan and cache are read
   * once this pass has the label writer to itself: a pass holding an older plan would otherwise take away a
   * label that another class's pass, with a newer plan, had just set.
   */
  private void applyNamespaceLabels(UnaryOperator<Plan> which) {
    synchronized (namespaceMetadata) {
      Plan plan = which.apply(plans.get());
      namespaceMetadata.apply(NamespaceMetadataDesiredState.render(plan), () -> namespaces.list().toList(),
          gatewayNamespaces(plan));
    }
  }

  /**
   * What a pass wrote: names it found taken, objects the API server refused, and how long a Gateway write was put
   * off for, if one was.
   */
  private record AppliedObjects(List<String> namesTaken, List<RefusedObject> refused, List<String> adopted,
      Optional<Duration> gatewayDeferredFor) {
  }

  private AppliedObjects applyClassObjects(ClassPlan plan) {
    EffectiveClass tenantClass = plan.tenantClass();
    List<String> namesTaken = new ArrayList<>();
    List<RefusedObject> refused = new ArrayList<>();
    List<String> adopted = new ArrayList<>();
    Set<String> wanted = new HashSet<>();
    Duration deferred = null;
    // Kinds in DesiredObjects' order, one after the other; the objects of one kind all at once.
    for (List<HasMetadata> ofKind : byKindInOrder(DesiredObjects.forClass(plan))) {
      List<HasMetadata> due = new ArrayList<>();
      for (HasMetadata object : ofKind) {
        String key = ManagedObjectApplier.key(object);
        wanted.add(key);
        Optional<Duration> wait = object instanceof Gateway ? gatewayPacing.wait(key) : Optional.empty();
        if (wait.isPresent() && !applier.isCurrent(object, cached(object))) {
          deferred = deferred == null || wait.get().compareTo(deferred) < 0 ? wait.get() : deferred;
        } else {
          due.add(object);
        }
      }
      List<ManagedObjectApplier.Result> results = applier.applyAll(due.stream().map(object ->
          new ManagedObjectApplier.Request(object, cached(object), tenantClass.shared() && tenantClass.adopt()
              && !(object instanceof Certificate)
              && tenantClass.gatewayNamespace().equals(object.getMetadata().getNamespace()))).toList());
      for (int i = 0; i < due.size(); i++) {
        HasMetadata object = due.get(i);
        ManagedObjectApplier.Outcome outcome = results.get(i).outcome();
        if (outcome == ManagedObjectApplier.Outcome.ADOPTED) {
          adopted.add(results.get(i).detail());
        }
        if ((outcome == ManagedObjectApplier.Outcome.APPLIED || outcome == ManagedObjectApplier.Outcome.ADOPTED)
            && object instanceof Gateway) {
          gatewayPacing.written(ManagedObjectApplier.key(object));
        } else if (outcome == ManagedObjectApplier.Outcome.NAME_TAKEN) {
          namesTaken.add(object.getKind() + " " + object.getMetadata().getNamespace() + "/"
              + object.getMetadata().getName());
        } else if (outcome == ManagedObjectApplier.Outcome.REFUSED) {
          refused.add(refusal(object, results.get(i).detail()));
        }
      }
    }
    // While a Gateway still references what a tenant leaves behind, that stays too, until the Gateway's turn; and
    // nothing goes while an object that would replace it was refused.
    if (deferred == null && refused.isEmpty()) {
      applier.deleteAll(ownedBy(tenantClass.name()).filter(o -> !wanted.contains(ManagedObjectApplier.key(o)))
          .toList());
    }
    applier.forgetAllBut(tenantClass.name(), wanted);
    return new AppliedObjects(namesTaken, refused, adopted, Optional.ofNullable(deferred));
  }

  private static RefusedObject refusal(HasMetadata object, String message) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String tenant = labels == null || labels.get(OwnershipLabels.TENANT_NAMESPACE) == null
        || labels.get(OwnershipLabels.TENANT_NAME) == null ? null
        : labels.get(OwnershipLabels.TENANT_NAMESPACE) + "/" + labels.get(OwnershipLabels.TENANT_NAME);
    return new RefusedObject(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName(),
        tenant, message);
  }

  private Stream<HasMetadata> ownedBy(String className) {
    Stream<HasMetadata> objects = owned.values().stream().flatMap(source -> source.list().map(HasMetadata.class::cast));
    return Stream.concat(objects, policies.list().filter(OwnershipLabels::isOperators))
        .filter(o -> OwnershipLabels.isOperators(o)
            && className.equals(o.getMetadata().getLabels().get(OwnershipLabels.CLASS)))
        .filter(o -> o.getMetadata().getDeletionTimestamp() == null);
  }

  private HasMetadata cached(HasMetadata desired) {
    ResourceID id = new ResourceID(desired.getMetadata().getName(), desired.getMetadata().getNamespace());
    InformerEventSource<? extends HasMetadata, TenantIngressClass> source =
        desired instanceof ClientTrafficPolicy ? policies : owned.get(desired.getClass());
    HasMetadata current = source.get(id).orElse(null);
    return current != null && OwnershipLabels.isOperators(current) ? current : null;
  }

  private static Set<String> gatewayNamespaces(Plan plan) {
    return plan.classes().stream().map(ClassPlan::tenantClass).filter(EffectiveClass::shared)
        .map(EffectiveClass::gatewayNamespace).collect(Collectors.toSet());
  }

  /** Consecutive objects of one kind, grouped, in their order. */
  private static List<List<HasMetadata>> byKindInOrder(List<HasMetadata> objects) {
    List<List<HasMetadata>> groups = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (groups.isEmpty() || !groups.get(groups.size() - 1).get(0).getKind().equals(object.getKind())) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(object);
    }
    return groups;
  }
}
