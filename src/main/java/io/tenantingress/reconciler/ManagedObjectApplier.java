package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.desired.OwnershipLabels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side applies the operator's objects with one stable field manager, and only when the cache shows they
 * differ from the desired state (see {@link AppliedState}). {@code force} takes over only the fields the
 * desired state names; everything else on the object stays whoever's it is.
 *
 * <p>At thousands of tenants a class holds tens of thousands of objects, and every pass checks all of them. So
 * it remembers, per object, the desired state it last found or made current and the resourceVersion that held
 * it: while neither moves, the check is an equality test instead of hashing and comparing JSON trees.
 */
final class ManagedObjectApplier {

  static final String FIELD_MANAGER = "tenant-ingress-operator";
  private static final Logger log = LoggerFactory.getLogger(ManagedObjectApplier.class);

  enum Outcome { UNCHANGED, APPLIED, NAME_TAKEN }

  /** The desired state (stamped with its hash) that the object with this resourceVersion holds. */
  private record Current(HasMetadata stamped, String resourceVersion) {
  }

  private final KubernetesClient client;
  private final WriteCounter writes;
  private final ConcurrentRequests concurrently;
  private final Map<String, Current> current = new ConcurrentHashMap<>();

  /** @param concurrently where the objects of one {@link #applyAll} batch (never dependent on each other) go */
  ManagedObjectApplier(KubernetesClient client, WriteCounter writes, ConcurrentRequests concurrently) {
    this.client = client;
    this.writes = writes;
    this.concurrently = concurrently;
  }

  /** One object to apply: its desired state, the cache's copy (null if none) and whether it may be adopted. */
  record Request(HasMetadata desired, HasMetadata cached, boolean adoptable) {
  }

  /**
   * Applies every request, concurrently, and returns once all are done, with the outcome of each in order. If
   * any failed, the first failure is thrown after the others finished, so the reconcile is retried as a whole.
   */
  List<Outcome> applyAll(List<Request> requests) {
    return concurrently.runAll(requests, r -> apply(r.desired(), r.cached(), r.adoptable()));
  }

  /** Deletes every object, concurrently, and returns once all are gone. */
  void deleteAll(List<HasMetadata> stale) {
    concurrently.runAll(stale, o -> {
      delete(o);
      return null;
    });
  }

  /**
   * @param cached the object as the operator's cache has it, or null when the cache (which only holds objects
   *     labelled as the operator's) has none
   * @param adoptable whether an existing object of that name that is not the operator's may be taken over: true
   *     only for a shared Gateway's own objects in the gateway namespace, which the platform team may have
   *     written by hand before installing the operator; a tenant's object of the same name is never touched
   */
  private Outcome apply(HasMetadata desired, HasMetadata cached, boolean adoptable) {
    if (isCurrent(desired, cached)) {
      return Outcome.UNCHANGED;
    }
    HasMetadata stamped = AppliedState.stamped(desired);
    if (cached == null && !adoptable) {
      HasMetadata existing = client.resource(stamped).get();
      if (existing != null && !managedByOperator(existing)) {
        log.warn("{} {}/{} exists and is not managed by the operator; leaving it alone", desired.getKind(),
            desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        return Outcome.NAME_TAKEN;
      }
    }
    HasMetadata applied = client.resource(stamped).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    current.put(key(desired), new Current(stamped, applied.getMetadata().getResourceVersion()));
    writes.record(desired.getKind());
    log.info("applied {} {}/{}", desired.getKind(), desired.getMetadata().getNamespace(),
        desired.getMetadata().getName());
    return Outcome.APPLIED;
  }

  /** Whether the cached object already holds the desired state, so that applying it would change nothing. */
  boolean isCurrent(HasMetadata desired, HasMetadata cached) {
    String key = key(desired);
    Current known = current.get(key);
    if (cached != null && known != null && cached.getMetadata().getDeletionTimestamp() == null
        && known.resourceVersion().equals(cached.getMetadata().getResourceVersion())
        && AppliedState.sameDesiredState(desired, known.stamped())) {
      return true;
    }
    HasMetadata stamped = AppliedState.stamped(desired);
    if (AppliedState.upToDate(stamped, cached)) {
      current.put(key, new Current(stamped, cached.getMetadata().getResourceVersion()));
      return true;
    }
    return false;
  }

  private void delete(HasMetadata stale) {
    client.resource(stale).delete();
    current.remove(key(stale));
    writes.record(stale.getKind());
    log.info("deleted {} {}/{}", stale.getKind(), stale.getMetadata().getNamespace(), stale.getMetadata().getName());
  }

  /**
   * Whether a watch event only reports this operator's own write: the object is at the resourceVersion the
   * operator's last apply of it returned. Reconciling on it would find nothing to do.
   */
  boolean isOwnWrite(HasMetadata object) {
    Current known = current.get(key(object));
    return known != null && known.resourceVersion().equals(object.getMetadata().getResourceVersion());
  }

  /** Forgets what it remembers of a class's objects that are no longer desired. */
  void forgetAllBut(String className, Set<String> desiredKeys) {
    current.entrySet().removeIf(e -> className.equals(e.getValue().stamped().getMetadata().getLabels()
        .get(OwnershipLabels.CLASS)) && !desiredKeys.contains(e.getKey()));
  }

  static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  static boolean managedByOperator(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && OwnershipLabels.OPERATOR.equals(labels.get(OwnershipLabels.MANAGED_BY));
  }
}
