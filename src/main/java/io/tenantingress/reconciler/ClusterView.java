package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.CertificateIssuance;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.gatewayapi.ListenerSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The operator's one view of the cluster: one informer per kind, read by both reconcilers, the one plan computed
 * from it, and the one index into that plan that writes, statuses and metrics all read.
 *
 * <p>The informers are the class reconciler's event sources ({@link SharedInformerEventSource}); the status
 * reconciler hears of their events through {@link ForwardedEventSource}s. Every kind is watched whole, not only
 * what the operator labelled: whether a name the operator would write is already someone else's is then known from
 * the cache, without a request per object. The stores keep what is read: no {@code managedFields} (except on
 * Namespaces, whose label owners are read), and no status where nobody reads one.
 */
final class ClusterView implements AutoCloseable {

  /**
   * Objects per page of an informer's initial list (client-go's page size): in one response, a restart over
   * thousands of tenants holds a whole list's JSON and its objects at once beside the caches already filled. A
   * restart over 6,400 tenants in the chart's 512Mi ran out of heap while listing (docs/benchmarks.md).
   */
  static final long LIST_PAGE = 500;

  /** The index, on TenantIngresses and HTTPRoutes, of the hostnames they name. */
  static final String BY_HOSTNAME = "hostname";

  private SharedInformerEventSource<TenantIngressClass> classes;
  private SharedInformerEventSource<TenantIngress> tenants;
  private SharedInformerEventSource<Namespace> namespaces;
  private SharedInformerEventSource<Certificate> certificates;
  private SharedInformerEventSource<HTTPRoute> routes;
  private SharedInformerEventSource<Gateway> gateways;
  private SharedInformerEventSource<ListenerSet> listenerSets;
  private SharedInformerEventSource<ClientTrafficPolicy> policies;
  private SharedInformerEventSource<Issuer> issuers;
  private SharedInformerEventSource<ReferenceGrant> referenceGrants;
  private Map<Class<? extends HasMetadata>, SharedInformerEventSource<? extends HasMetadata>> written;
  private Planner planner;

  /**
   * Opens every informer as an event source of the class reconciler, which is woken by changes beyond the status
   * (and by a Certificate's issuance), each mapped to the classes it concerns.
   */
  List<EventSource<?, TenantIngressClass>> open(EventSourceContext<TenantIngressClass> context) {
    ConcernedClasses concerned = new ConcernedClasses(() -> context.getPrimaryCache().list(),
        () -> planner.published());
    // A class's own source: its spec as every plan reads it, its status as the status reconciler reads it.
    classes = source(TenantIngressClass.class, context, c -> Set.of(ResourceID.fromResource(c)),
        new WithoutManagedFieldsStore<>(), ClusterView::beyondStatus);
    // The TenantIngresses' status is the status reconciler's (its primary cache); plans read only status.className.
    // A TenantIngress wakes the classes through the plan that holds its change (PlanEvents), not before it.
    tenants = source(TenantIngress.class, context, t -> Set.of(), new WithoutStatusStore<>(),
        ClusterView::beyondStatus);
    namespaces = source(Namespace.class, context, concerned::ofNamespace, new WithoutManagedFieldsStore<>(),
        ClusterView::beyondStatus);
    // An issuance wakes the classes through the plan that holds it.
    certificates = source(Certificate.class, context, concerned::ofCertificate, new WithoutManagedFieldsStore<>(),
        ClusterView::beyondStatus);
    routes = source(HTTPRoute.class, context, concerned::labelled, new WithoutManagedFieldsStore<>(),
        ClusterView::beyondStatus);
    gateways = source(Gateway.class, context, concerned::labelled, new WithoutManagedFieldsStore<>(),
        ClusterView::beyondStatus);
    listenerSets = source(ListenerSet.class, context, concerned::labelled, new WithoutManagedFieldsStore<>(),
        ClusterView::beyondStatus);
    policies = source(ClientTrafficPolicy.class, context, concerned::all, new WithoutStatusStore<>(),
        ClusterView::beyondStatus);
    issuers = source(Issuer.class, context, concerned::labelled, new WithoutStatusStore<>(),
        ClusterView::beyondStatus);
    referenceGrants = source(ReferenceGrant.class, context, concerned::labelled, new WithoutStatusStore<>(),
        ClusterView::beyondStatus);
    routes.addIndexers(Map.of(BY_HOSTNAME, r -> r.getSpec() == null ? List.of() : r.getSpec().getHostnames()));
    written = Map.of(Gateway.class, gateways, ListenerSet.class, listenerSets, ClientTrafficPolicy.class, policies,
        Issuer.class, issuers, Certificate.class, certificates, HTTPRoute.class, routes,
        ReferenceGrant.class, referenceGrants);
    planner = new Planner(this::planFromCaches);
    classes.forwardTo(planner.input(ClusterView::beyondStatus));
    tenants.forwardTo(planner.input(ConcernedTenants::tenantUpdateConcernsItsPlan));
    // A plan reads only issued Certificates (the operator's own, as it writes them, are not yet), and namespaces'
    // labels only for a class's namespaceSelector.
    certificates.forwardTo(planner.input(Planner.Input.ISSUANCE, CertificateIssuance::issued, (updated, previous) ->
        CertificateIssuance.issued(updated) != CertificateIssuance.issued(previous)
            || CertificateIssuance.issued(updated) && beyondStatus(updated, previous)));
    namespaces.forwardTo(planner.input(Planner.Input.DECISIONS, n -> selectsNamespaces(), (updated, previous) ->
        selectsNamespaces() && !Objects.equals(updated.getMetadata().getLabels(), previous.getMetadata().getLabels())));
    return List.of(classes, tenants, namespaces, certificates, routes, gateways, listenerSets, policies, issuers,
        referenceGrants, new PlanEvents<>(planner, "plan", CompletableFuture.completedFuture(null),
            ConcernedClasses::ofNewPlan));
  }

  private boolean selectsNamespaces() {
    return selectsNamespaces(classes.list());
  }

  private static boolean selectsNamespaces(Stream<TenantIngressClass> classes) {
    return classes.anyMatch(c -> c.getSpec() != null && c.getSpec().namespaceSelector() != null);
  }

  /** The plan of the caches as they are; when only the certificates' issuance changed, made from the latest one. */
  private PlanIndex planFromCaches(Planner.Input changed) {
    Optional<PlanIndex> previous = planner.published();
    ObservedFacts facts = ObservedFacts.fromCertificates(certificates.list().toList());
    if (changed == Planner.Input.ISSUANCE && previous.isPresent()) {
      return previous.get().withIssuance(TenantIngressPlanner.withIssuance(previous.get().plan(), facts));
    }
    List<TenantIngressClass> currentClasses = classes.list().toList();
    List<TenantIngress> currentTenants = tenants.list()
        .filter(t -> t.getMetadata().getDeletionTimestamp() == null).toList();
    if (selectsNamespaces(currentClasses.stream())) {
      // Namespaces' labels matter only to a class's namespaceSelector (and only then wake the planner).
      facts = facts.withNamespaces(namespaces.list().toList());
    }
    Plan plan = TenantIngressPlanner.plan(currentClasses, currentTenants, facts, previous.map(PlanIndex::plan));
    return PlanIndex.of(plan, currentClasses, previous);
  }

  /**
   * The status reconciler's events of new plans, mapped by {@code concerned}; they start once every informer a
   * plan reads has listed, so that its first reconciles never read a plan of caches still filling.
   */
  PlanEvents<TenantIngress> planEvents(BiFunction<PlanIndex, PlanIndex, Set<ResourceID>> concerned) {
    return new PlanEvents<>(planner, "plan", CompletableFuture.allOf(classes.started(), tenants.started(),
        certificates.started(), namespaces.started()), concerned);
  }

  /**
   * The reconcilers read these caches through this view, never through {@code Context#getSecondaryResources}: a
   * primary-to-secondary mapper that names none keeps java-operator-sdk from indexing every object under the
   * classes it maps to (a set entry per object, and a second call of the mapper per event, that nothing reads).
   */
  private static <R extends HasMetadata> SharedInformerEventSource<R> source(Class<R> type,
      EventSourceContext<TenantIngressClass> context, SecondaryToPrimaryMapper<R> mapper, ItemStore<R> store,
      OnUpdateFilter<R> changes) {
    return new SharedInformerEventSource<>(InformerEventSourceConfiguration.from(type, TenantIngressClass.class)
        .withName(type.getSimpleName()).withItemStore(store).withSecondaryToPrimaryMapper(mapper)
        .withPrimaryToSecondaryMapper(tenantClass -> Set.of())
        .withOnUpdateFilter(changes).withInformerListLimit(LIST_PAGE).build(), context);
  }

  /** The status reconciler's events of one kind, mapped by {@code mapper} to the TenantIngresses concerned. */
  static <R extends HasMetadata> ForwardedEventSource<R> forwarded(SharedInformerEventSource<R> source,
      SecondaryToPrimaryMapper<R> mapper) {
    return new ForwardedEventSource<>(source, mapper, (updated, previous) -> true);
  }

  /** {@link #forwarded}, for updates only when {@code updateConcerns} says one can change a status. */
  static <R extends HasMetadata> ForwardedEventSource<R> forwarded(SharedInformerEventSource<R> source,
      SecondaryToPrimaryMapper<R> mapper, BiPredicate<R, R> updateConcerns) {
    return new ForwardedEventSource<>(source, mapper, updateConcerns);
  }

  /** The latest plan of the whole cluster ({@link Planner}). */
  Plan plan() {
    return planner.current().plan();
  }

  /** The latest plan with its index. */
  PlanIndex index() {
    return planner.current();
  }

  /** Stops planning. */
  @Override
  public void close() {
    if (planner != null) {
      planner.close();
    }
  }

  SharedInformerEventSource<TenantIngressClass> classes() {
    return classes;
  }

  SharedInformerEventSource<TenantIngress> tenants() {
    return tenants;
  }

  SharedInformerEventSource<Namespace> namespaces() {
    return namespaces;
  }

  SharedInformerEventSource<Certificate> certificates() {
    return certificates;
  }

  SharedInformerEventSource<HTTPRoute> routes() {
    return routes;
  }

  SharedInformerEventSource<Gateway> gateways() {
    return gateways;
  }

  SharedInformerEventSource<ListenerSet> listenerSets() {
    return listenerSets;
  }

  SharedInformerEventSource<ClientTrafficPolicy> policies() {
    return policies;
  }

  /** The informer of a kind the operator writes. */
  @SuppressWarnings("unchecked")
  <R extends HasMetadata> SharedInformerEventSource<R> ofWritten(Class<R> kind) {
    return (SharedInformerEventSource<R>) Objects.requireNonNull(written.get(kind), kind::getName);
  }

  /** Hands every object of the kinds the operator writes, as it is added or updated, to {@code observer} first. */
  void observeWritten(Consumer<HasMetadata> observer) {
    written.values().forEach(source -> source.observeBeforeEvents(observer::accept));
  }

  /** Hands every object of the kinds the operator writes, as it is added, updated or deleted, to {@code observer}. */
  void observeWrittenChanges(Consumer<HasMetadata> observer) {
    written.values().forEach(source -> source.observeChanges(observer::accept));
  }

  /** Every object of the kinds the operator writes, whoever wrote it. */
  Stream<HasMetadata> allWritten() {
    return written.values().stream().flatMap(source -> source.list().map(HasMetadata.class::cast));
  }

  /** The objects of the kinds the operator writes in one namespace, whoever wrote them. */
  Stream<HasMetadata> writtenIn(String namespace) {
    return written.values().stream().flatMap(source -> inNamespace(source, namespace).map(HasMetadata.class::cast));
  }

  /**
   * The objects of one namespace, through the informer's namespace index: java-operator-sdk's
   * {@code list(namespace)} scans the whole cache, which at thousands of tenants costs more than the reconcile
   * asking for one namespace's objects.
   */
  static <R extends HasMetadata> Stream<R> inNamespace(IndexedResourceCache<R> cache, String namespace) {
    return cache.byIndex(Cache.NAMESPACE_INDEX, namespace).stream();
  }

  /** The hostnames a TenantIngress names, for the {@link #BY_HOSTNAME} index. */
  static List<String> hostnames(TenantIngress tenant) {
    return tenant.getSpec() == null ? List.of() : tenant.getSpec().hostnames();
  }

  /**
   * Whether an update changed more than the status: the spec (every kind watched has a status subresource or
   * none, so a spec change moves the generation), labels, annotations, or the start of a deletion.
   */
  static boolean beyondStatus(HasMetadata updated, HasMetadata previous) {
    var now = updated.getMetadata();
    var before = previous.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getLabels(), before.getLabels())
        || !Objects.equals(now.getAnnotations(), before.getAnnotations())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }
}
