package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
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
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.TenantIngressClassStatus;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.DesiredObjects;
import io.tenantingress.desired.EffectiveClass;
import io.tenantingress.desired.NamespaceLabelsDesiredState;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.Plan;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.status.ClassStatusComputer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reconciles everything a class renders, from every TenantIngress at once: its Gateways (the shared one is
 * written here and only here, in one apply per change), ClientTrafficPolicies, Issuers, Certificates, routes,
 * ReferenceGrants, and the namespaces' access labels; then the class's status.
 *
 * <p>Every change to a TenantIngress, a TLS Secret or an object the operator owns re-triggers the classes;
 * while a reconcile runs, further events coalesce into one more, and the rate limit spreads a burst of many
 * tenants over few passes, so a hundred tenants created at once cost a handful of Gateway writes.
 */
@ControllerConfiguration(name = TenantIngressClassReconciler.NAME)
@RateLimited(maxReconciliations = 2, within = 1)
public class TenantIngressClassReconciler implements Reconciler<TenantIngressClass>, Cleaner<TenantIngressClass> {

  public static final String NAME = "tenantingressclass";
  private static final List<Class<? extends HasMetadata>> OWNED_KINDS = List.of(Gateway.class, ListenerSet.class,
      ClientTrafficPolicy.class, Issuer.class, Certificate.class, HTTPRoute.class, ReferenceGrant.class);

  private final ManagedObjectApplier applier;
  private final NamespaceLabelApplier namespaceLabels;
  private final TransitionEvents events;
  private final Clock clock;
  private final Map<Class<? extends HasMetadata>, InformerEventSource<? extends HasMetadata, TenantIngressClass>>
      owned = new java.util.LinkedHashMap<>();
  private InformerEventSource<TenantIngress, TenantIngressClass> tenants;
  private InformerEventSource<Secret, TenantIngressClass> secrets;
  private InformerEventSource<Namespace, TenantIngressClass> namespaces;
  private InformerEventSource<ClientTrafficPolicy, TenantIngressClass> policies;
  private PlanCache plans;

  public TenantIngressClassReconciler(io.fabric8.kubernetes.client.KubernetesClient client, WriteCounter writes,
      Clock clock) {
    this.applier = new ManagedObjectApplier(client, writes);
    this.namespaceLabels = new NamespaceLabelApplier(client, writes);
    this.events = new TransitionEvents(client);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, TenantIngressClass>> prepareEventSources(EventSourceContext<TenantIngressClass> context) {
    SecondaryToPrimaryMapper<HasMetadata> allClasses = r -> context.getPrimaryCache().list()
        .map(ResourceID::fromResource).collect(Collectors.toSet());
    SecondaryToPrimaryMapper<HasMetadata> labelledClass = r -> {
      String className = r.getMetadata().getLabels() == null ? null
          : r.getMetadata().getLabels().get(OwnershipLabels.CLASS);
      return className == null ? Set.of() : Set.of(new ResourceID(className));
    };
    tenants = Watches.all(TenantIngress.class, context, allClasses::toPrimaryResourceIDs);
    secrets = Watches.tlsSecrets(context, allClasses::toPrimaryResourceIDs);
    namespaces = Watches.all(Namespace.class, context, allClasses::toPrimaryResourceIDs);
    policies = Watches.all(ClientTrafficPolicy.class, context, allClasses::toPrimaryResourceIDs);
    List<EventSource<?, TenantIngressClass>> sources = new ArrayList<>(List.of(tenants, secrets, namespaces, policies));
    for (Class<? extends HasMetadata> kind : OWNED_KINDS) {
      if (kind == ClientTrafficPolicy.class) {
        continue;
      }
      InformerEventSource<? extends HasMetadata, TenantIngressClass> source =
          Watches.owned(kind, context, labelledClass::toPrimaryResourceIDs);
      owned.put(kind, source);
      sources.add(source);
    }
    plans = new PlanCache(() -> context.getPrimaryCache().list().toList(), () -> tenants.list().toList(),
        () -> secrets.list().toList());
    return sources;
  }

  Optional<Plan> currentPlan() {
    return plans == null ? Optional.empty() : Optional.of(plans.get());
  }

  @Override
  public UpdateControl<TenantIngressClass> reconcile(TenantIngressClass tenantClass,
      Context<TenantIngressClass> context) {
    Plan plan = plans.get();
    ClassPlan classPlan = plan.forClass(tenantClass.getMetadata().getName()).orElseThrow();
    namespaceLabels.apply(NamespaceLabelsDesiredState.render(plan), namespaces.list().toList(),
        gatewayNamespaces(plan));
    List<String> namesTaken = applyClassObjects(classPlan);
    TenantIngressClassStatus status = ClassStatusComputer.compute(tenantClass, classPlan, policies.list().toList(),
        namesTaken, List.of(), clock.instant());
    return statusUpdate(tenantClass, status);
  }

  /**
   * A class still in use is not deleted: its finalizer stays, and its status names the TenantIngresses that
   * use it, until they move or go. Then its objects are removed, the shared Gateway last.
   */
  @Override
  public DeleteControl cleanup(TenantIngressClass tenantClass, Context<TenantIngressClass> context) {
    Plan plan = plans.get();
    ClassPlan classPlan = plan.forClass(tenantClass.getMetadata().getName()).orElse(null);
    List<String> users = classPlan == null ? List.of()
        : classPlan.tenants().stream().map(t -> t.ref().toString()).toList();
    if (!users.isEmpty()) {
      TenantIngressClassStatus status = ClassStatusComputer.compute(tenantClass, classPlan, List.of(), List.of(),
          users, clock.instant());
      if (!Objects.equals(status, tenantClass.getStatus())) {
        recordTransitions(tenantClass, status);
        tenantClass.setStatus(status);
        context.getClient().resource(tenantClass).patchStatus();
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(30_000);
    }
    // The Gateway last: its tenants' listeners, policies and routes go first.
    ownedBy(tenantClass.getMetadata().getName()).sorted(java.util.Comparator.comparing(o -> o instanceof Gateway))
        .forEach(applier::delete);
    Plan withoutThisClass = plans.get();
    namespaceLabels.apply(NamespaceLabelsDesiredState.render(new Plan(withoutThisClass.classes().stream()
            .filter(c -> !c.tenantClass().name().equals(tenantClass.getMetadata().getName())).toList(),
            withoutThisClass.unresolved())), namespaces.list().toList(), Set.of());
    return DeleteControl.defaultDelete();
  }

  private List<String> applyClassObjects(ClassPlan plan) {
    EffectiveClass tenantClass = plan.tenantClass();
    List<HasMetadata> desired = DesiredObjects.forClass(plan);
    List<String> namesTaken = new ArrayList<>();
    Set<String> wanted = new HashSet<>();
    for (HasMetadata object : desired) {
      wanted.add(key(object));
      boolean adoptable = tenantClass.shared() && !(object instanceof Certificate)
          && tenantClass.gatewayNamespace().equals(object.getMetadata().getNamespace());
      if (applier.apply(object, cached(object), adoptable) == ManagedObjectApplier.Outcome.NAME_TAKEN) {
        namesTaken.add(object.getKind() + " " + object.getMetadata().getNamespace() + "/"
            + object.getMetadata().getName());
      }
    }
    ownedBy(tenantClass.name()).filter(o -> !wanted.contains(key(o))).forEach(applier::delete);
    return namesTaken;
  }

  private Stream<HasMetadata> ownedBy(String className) {
    Stream<HasMetadata> objects = owned.values().stream().flatMap(source -> source.list().map(HasMetadata.class::cast));
    return Stream.concat(objects, policies.list().filter(ManagedObjectApplier::managedByOperator))
        .filter(o -> className.equals(o.getMetadata().getLabels().get(OwnershipLabels.CLASS)))
        .filter(o -> o.getMetadata().getDeletionTimestamp() == null);
  }

  private HasMetadata cached(HasMetadata desired) {
    ResourceID id = new ResourceID(desired.getMetadata().getName(), desired.getMetadata().getNamespace());
    InformerEventSource<? extends HasMetadata, TenantIngressClass> source =
        desired instanceof ClientTrafficPolicy ? policies : owned.get(desired.getClass());
    HasMetadata current = source.get(id).orElse(null);
    return current != null && ManagedObjectApplier.managedByOperator(current) ? current : null;
  }

  private static Set<String> gatewayNamespaces(Plan plan) {
    return plan.classes().stream().map(ClassPlan::tenantClass).filter(EffectiveClass::shared)
        .map(EffectiveClass::gatewayNamespace).collect(Collectors.toSet());
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private UpdateControl<TenantIngressClass> statusUpdate(TenantIngressClass tenantClass,
      TenantIngressClassStatus status) {
    if (Objects.equals(status, tenantClass.getStatus())) {
      return UpdateControl.noUpdate();
    }
    recordTransitions(tenantClass, status);
    tenantClass.setStatus(status);
    // Server-side apply owns the status fields; without the resourceVersion a concurrent spec or metadata
    // change does not turn the patch into a conflict and a retry.
    tenantClass.getMetadata().setResourceVersion(null);
    return UpdateControl.patchStatus(tenantClass);
  }

  private void recordTransitions(TenantIngressClass tenantClass, TenantIngressClassStatus status) {
    events.record(tenantClass, tenantClass.getStatus() == null ? null : tenantClass.getStatus().conditions(),
        status.conditions());
  }
}
