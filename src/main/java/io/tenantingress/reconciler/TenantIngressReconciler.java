package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.RefusedObject;
import io.tenantingress.api.v1alpha1.TenantIngressStatus;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.GatewayDesiredState;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.SecretRef;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.desired.TenantRef;
import io.tenantingress.status.ObservedTenantObjects;
import io.tenantingress.status.TenantIngressStatusComputer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes each TenantIngress's status from what Envoy Gateway and cert-manager report, and holds its finalizer
 * until the class reconciler has removed everything rendered for it. It writes nothing else: the objects are
 * the class reconciler's alone. Each watched object re-triggers exactly the TenantIngresses it concerns.
 */
@GradualRetry(maxAttempts = TenantIngressOperator.RETRY_FOREVER, initialInterval = 1_000, intervalMultiplier = 2,
    maxInterval = TenantIngressOperator.RETRY_CEILING_MILLIS)
@ControllerConfiguration(maxReconciliationInterval = @MaxReconciliationInterval(interval = 10,
    timeUnit = TimeUnit.MINUTES), name = TenantIngressReconciler.NAME,
    informer = @Informer(itemStore = WithoutManagedFieldsStore.class, informerListLimit = ClusterView.LIST_PAGE))
public class TenantIngressReconciler implements Reconciler<TenantIngress>, Cleaner<TenantIngress> {

  public static final String NAME = "tenantingress";
  private static final long CLEANUP_POLL_MILLIS = 2_000;
  /**
   * Onboarding a tenant moves its status through many small steps (each certificate, listener and route as it
   * comes); with thousands of tenants, writing every step would cost the API server more than the objects do.
   * Steps are written at most every five seconds per tenant; Ready, a problem or a new generation at once. (30 s
   * saved 3 requests per tenant in a burst, but hid steps shorter than that, such as an accepted HTTP-01 challenge
   * route: docs/benchmarks.md.)
   */
  private static final Duration STATUS_INTERVAL = Duration.ofSeconds(5);
  /**
   * The tenants with an onboarding step waiting to be written share this many status writes a second: in a burst
   * of thousands, each tenant's steps are written every few minutes (Ready and problems still at once), instead of
   * every five seconds for each of them, which cost the API server more than the tenants' objects
   * (docs/benchmarks.md). With up to ten tenants waiting at once, every step is written within five seconds.
   */
  private static final double STATUS_STEPS_PER_SECOND = 2;

  private final Clock clock;
  private final ClusterView view;
  private final StatusPipeline<TenantIngress, TenantIngressStatus> statuses;

  /** @param view the cluster as the class reconciler's informers show it, and the plan made from it */
  TenantIngressReconciler(KubernetesClient client, ClusterView view, Clock clock) {
    this.clock = clock;
    this.view = view;
    this.statuses = new StatusPipeline<>(TenantIngress::new, new TransitionEvents(client),
        new WritePacing(STATUS_INTERVAL, STATUS_STEPS_PER_SECOND, clock),
        TenantIngressStatusComputer::significantChange);
  }

  @Override
  public List<EventSource<?, TenantIngress>> prepareEventSources(EventSourceContext<TenantIngress> context) {
    var primaries = context.getPrimaryCache();
    primaries.addIndexer(ClusterView.BY_HOSTNAME, ClusterView::hostnames);
    ConcernedTenants concerned = ConcernedTenants.over(primaries);
    return List.of(ClusterView.forwarded(view.classes(), concerned::ofClass,
            ConcernedTenants::classUpdateConcernsTenants),
        // A TenantIngress is planned from the shared cache: once a plan holds its change, it is reconciled again.
        view.planEvents(ConcernedTenants::ofNewPlan),
        ClusterView.forwarded(view.gateways(), concerned::ofRendered),
        ClusterView.forwarded(view.listenerSets(), concerned::ofRendered),
        ClusterView.forwarded(view.routes(), concerned::ofRoute),
        ClusterView.forwarded(view.certificates(), concerned::ofCertificate),
        ClusterView.forwarded(view.namespaces(), concerned::ofNamespace));
  }

  /**
   * The status is computed only from a plan that holds the TenantIngress's current generation: the plan is made
   * from the shared informer, which may be a moment behind or ahead of this reconciler's own; the plan that holds
   * it brings the TenantIngress back here ({@link PlanEvents}).
   */
  @Override
  public UpdateControl<TenantIngress> reconcile(TenantIngress tenant, Context<TenantIngress> context) {
    PlanIndex current = view.index();
    Optional<TenantPlan> tenantPlan = current.tenant(TenantRef.of(tenant));
    if (tenantPlan.isEmpty() || !Objects.equals(tenantPlan.get().tenant().getMetadata().getGeneration(),
        tenant.getMetadata().getGeneration())) {
      return UpdateControl.noUpdate();
    }
    Optional<GatewayInstance> gateway = gatewayFor(current.plan(), tenantPlan.get());
    TenantIngressStatus status = TenantIngressStatusComputer.compute(tenant, tenantPlan.get(), gateway,
        observed(current, tenant, tenantPlan.get(), gateway), clock.instant());
    return statuses.publish(tenant, status, context)
        .map(wait -> UpdateControl.<TenantIngress>noUpdate().rescheduleAfter(wait.toMillis()))
        .orElseGet(UpdateControl::noUpdate);
  }

  /**
   * The class reconciler removes a deleted TenantIngress's Certificates, routes and certificate references; the
   * finalizer goes once nothing of it is left, so that a completed deletion means a completed cleanup.
   */
  @Override
  public ErrorStatusUpdateControl<TenantIngress> updateErrorStatus(TenantIngress resource, Context<TenantIngress> context,
      Exception e) {
    return FailedReconciles.report(resource, context, e);
  }

  @Override
  public DeleteControl cleanup(TenantIngress tenant, Context<TenantIngress> context) {
    statuses.forget(tenant);
    TenantRef ref = TenantRef.of(tenant);
    boolean objectsLeft = Stream.concat(view.certificates().list(), view.routes().list())
        .anyMatch(o -> renderedFor(o, ref));
    boolean referencesLeft = !staleReferences(view.plan(), ref).isEmpty();
    return objectsLeft || referencesLeft
        ? DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_POLL_MILLIS)
        : DeleteControl.defaultDelete();
  }

  private ObservedTenantObjects observed(PlanIndex plan, TenantIngress tenant, TenantPlan tenantPlan,
      Optional<GatewayInstance> gateway) {
    String namespace = tenant.getMetadata().getNamespace();
    Gateway observedGateway = gateway.flatMap(g -> operators(view.gateways(), g.namespace(), g.name()))
        .orElse(null);
    Map<SecretRef, Certificate> byRef = new HashMap<>();
    for (HostnamePlan hostname : tenantPlan.admitted()) {
      view.certificates().get(new ResourceID(hostname.secret().name(), hostname.secret().namespace()))
          .ifPresent(c -> byRef.put(hostname.secret(), c));
    }
    Set<String> claimed = plan.claimedIn(namespace);
    List<HTTPRoute> elsewhere = tenantPlan.admitted().stream()
        .flatMap(h -> view.routes().byIndex(ClusterView.BY_HOSTNAME, h.hostname()).stream())
        .filter(r -> !namespace.equals(r.getMetadata().getNamespace())).distinct().toList();
    return new ObservedTenantObjects(observedGateway, ClusterView.inNamespace(view.listenerSets(), namespace)
        .filter(OwnershipLabels::isOperators).toList(), ClusterView.inNamespace(view.routes(), namespace).toList(),
        elsewhere, byRef, claimed, refused(tenantPlan));
  }

  /** The tenant's objects the API server refused, as its class's status lists them. */
  private List<RefusedObject> refused(TenantPlan tenantPlan) {
    if (tenantPlan.tenantClass() == null) {
      return List.of();
    }
    String ref = tenantPlan.ref().toString();
    return view.classes().get(new ResourceID(tenantPlan.tenantClass().name()))
        .map(c -> c.getStatus() == null || c.getStatus().refused() == null ? List.<RefusedObject>of()
            : c.getStatus().refused().stream().filter(r -> ref.equals(r.tenant())).toList())
        .orElse(List.of());
  }

  /** References on the class's Gateways to Secrets that no current TenantIngress needs any more. */
  private List<SecretObjectReference> staleReferences(Plan plan, TenantRef deleted) {
    return plan.classes().stream().flatMap(c -> GatewayInstance.of(c).stream())
        .flatMap(g -> operators(view.gateways(), g.namespace(), g.name()).stream()
            .flatMap(observed -> observed.getSpec().getListeners().stream()
                .filter(l -> GatewayDesiredState.HTTPS_LISTENER.equals(l.getName()))
                .map(Listener::getTls).filter(Objects::nonNull)
                .flatMap(tls -> tls.getCertificateRefs().stream())
                .filter(ref -> ownedSecret(ref, g, deleted) && !stillNeeded(ref, g))))
        .toList();
  }

  /** The operator's object of that name: an object someone else wrote under it says nothing of the tenant. */
  private static <R extends HasMetadata> Optional<R> operators(SharedInformerEventSource<R> cache, String namespace,
      String name) {
    return cache.get(new ResourceID(name, namespace)).filter(OwnershipLabels::isOperators);
  }

  private static boolean ownedSecret(SecretObjectReference ref, GatewayInstance gateway, TenantRef deleted) {
    String namespace = ref.getNamespace() == null ? gateway.namespace() : ref.getNamespace();
    return namespace.equals(deleted.namespace()) || ref.getName().startsWith(deleted.namespace() + ".");
  }

  private static boolean stillNeeded(SecretObjectReference ref, GatewayInstance gateway) {
    String namespace = ref.getNamespace() == null ? gateway.namespace() : ref.getNamespace();
    return gateway.admittedHostnames().stream().anyMatch(h -> h.secret().equals(new SecretRef(namespace,
        ref.getName())));
  }

  private static boolean renderedFor(HasMetadata object, TenantRef tenant) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && OwnershipLabels.isOperators(object)
        && tenant.namespace().equals(labels.get(OwnershipLabels.TENANT_NAMESPACE))
        && tenant.name().equals(labels.get(OwnershipLabels.TENANT_NAME));
  }

  private static Optional<GatewayInstance> gatewayFor(Plan plan, TenantPlan tenant) {
    if (tenant.tenantClass() == null) {
      return Optional.empty();
    }
    ClassPlan classPlan = plan.forClass(tenant.tenantClass().name()).orElseThrow();
    // A shared class has one Gateway for all its tenants; a dedicated one, one per namespace.
    return GatewayInstance.of(classPlan).stream()
        .filter(g -> g.tenantClass().shared() || g.namespace().equals(tenant.namespace()))
        .filter(g -> !tenant.admitted().isEmpty())
        .findFirst();
  }
}
