package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.tenantingress.desired.OwnershipLabels;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side applies the operator's objects with one stable field manager, and only when the cache shows they
 * differ from the desired state (see {@link AppliedState}). {@code force} takes over only the fields the
 * desired state names; everything else on the object stays whoever's it is. The cache holds every object of the
 * kinds written, whoever wrote them ({@link ClusterView}): a name someone else already uses is known without asking
 * the API server. What is written goes back into the informer's recent-write cache (java-operator-sdk's
 * {@code handleRecentResourceCreate/Update}), so that the next pass reads it and its echo wakes nobody. An echo
 * often arrives before the write has returned, before that: each write therefore carries java-operator-sdk's
 * {@code javaoperatorsdk.io/previous} annotation (the informer's id, and the resourceVersion written over), from
 * which the informer tells its own write's echo apart on arrival.
 *
 * <p>At thousands of tenants a class holds tens of thousands of objects, and every pass checks all of them. So
 * it remembers, per object, a fingerprint of the desired state it last found or made current, and the
 * resourceVersion that held it: while neither moves, the check is a hash code instead of hashing and comparing
 * JSON trees. The fingerprint is 32 bits; so that a collision can never hide a change for long, what it
 * remembers is trusted for {@value #TRUSTED_MINUTES} minutes, then checked in full again.
 */
final class ManagedObjectApplier {

  static final String FIELD_MANAGER = "tenant-ingress-operator";
  private static final Logger log = LoggerFactory.getLogger(ManagedObjectApplier.class);

  /**
   * What became of an object sent: written; written after taking it over; left alone because the name is someone
   * else's; refused by the API server for what it is. One already as desired is not sent ({@link #isCurrent}).
   */
  enum Outcome { WRITTEN, ADOPTED, NAME_TAKEN, REFUSED }

  /**
   * What became of one request; {@code detail} is the API server's message when it refused the object, or what
   * taking over a hand-written object changed.
   */
  record Result(Outcome outcome, String detail) {
    static final Result WRITTEN = new Result(Outcome.WRITTEN, null);
    static final Result NAME_TAKEN = new Result(Outcome.NAME_TAKEN, null);

    boolean written() {
      return outcome == Outcome.WRITTEN || outcome == Outcome.ADOPTED;
    }
  }

  /**
   * Status codes with which the API server refuses an object for what it is (invalid, denied by an admission
   * policy or by RBAC, too large): sending it again unchanged gets the same answer. Other failures (the server
   * unreachable or overloaded, a conflict, a missing namespace) are passing and fail the pass, to be retried.
   */
  private static final Set<Integer> REFUSALS = Set.of(400, 403, 413, 422);

  static final long TRUSTED_MINUTES = 10;

  /**
   * That the object at this resourceVersion holds the desired state with this fingerprint (the hash code of the
   * rendered object, before stamping), as found or applied at {@code since} (nanoTime).
   */
  private record Current(Class<? extends HasMetadata> type, ResourceID id, int fingerprint, String resourceVersion,
      String className, long since) {

    Current(HasMetadata desired, int fingerprint, String resourceVersion) {
      this(desired.getClass(), ResourceID.fromResource(desired), fingerprint, resourceVersion,
          ManagedObjectApplier.className(desired), System.nanoTime());
    }

    boolean vouchesFor(int desired, HasMetadata cached) {
      return fingerprint == desired && stillHeldBy(cached);
    }

    /** The cached object is still the one found or made current, and that was recent enough to trust. */
    boolean stillHeldBy(HasMetadata cached) {
      return cached != null && cached.getMetadata().getDeletionTimestamp() == null
          && resourceVersion.equals(cached.getMetadata().getResourceVersion())
          && System.nanoTime() - since < java.util.concurrent.TimeUnit.MINUTES.toNanos(TRUSTED_MINUTES);
    }
  }

  private final KubernetesClient client;
  private final ClusterView view;
  private final WriteCounter writes;
  private final ConcurrentRequests concurrently;
  /** What it remembers, by namespace and key: a pass forgets what a namespace no longer holds without reading all. */
  private final Map<String, Map<String, Current>> current = new ConcurrentHashMap<>();

  /** @param concurrently where the objects of one {@link #applyAll} batch (never dependent on each other) go */
  ManagedObjectApplier(KubernetesClient client, ClusterView view, WriteCounter writes,
      ConcurrentRequests concurrently) {
    this.client = client;
    this.view = view;
    this.writes = writes;
    this.concurrently = concurrently;
  }

  /** One object to apply, and whether it may be adopted. */
  record Request(HasMetadata desired, boolean adoptable) {
  }

  /**
   * Applies every request, concurrently, and returns once all are done, with the result of each in order. The
   * requests are the objects {@link #isCurrent} found differing from the cache: the writer decides that once, before
   * it queues them, so that a pass holds only what it writes. An
   * object the API server refuses is a result, so that every other object is still applied; any other failure
   * is thrown after the others finished, so the reconcile is retried as a whole.
   */
  List<Result> applyAll(List<Request> requests) {
    return concurrently.runAll(requests, r -> apply(r.desired(), r.adoptable()));
  }

  /** Deletes every object, concurrently, and returns once all are gone. */
  void deleteAll(List<HasMetadata> stale) {
    concurrently.runAll(stale, o -> {
      delete(o);
      return null;
    });
  }

  /**
   * @param adoptable whether an existing object of that name that is not the operator's may be taken over: true
   *     only for a shared Gateway's own objects in the gateway namespace, which the platform team may have
   *     written by hand before installing the operator; a tenant's object of the same name is never touched
   */
  private Result apply(HasMetadata desired, boolean adoptable) {
    SharedInformerEventSource<HasMetadata> cache = cacheOf(desired);
    ResourceID id = ResourceID.fromResource(desired);
    HasMetadata cached = cache.get(id).orElse(null);
    String adopted = null;
    if (cached != null && !OwnershipLabels.isOperators(cached)) {
      if (!adoptable) {
        log.warn("{} {}/{} exists and is not managed by the operator; leaving it alone", desired.getKind(),
            desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        return Result.NAME_TAKEN;
      }
      // The cache keeps no managedFields; taking over needs them, and this happens once per hand-written object.
      HasMetadata existing = client.resource(desired).get();
      if (existing != null && !OwnershipLabels.isOperators(existing)) {
        adopted = takeOver(existing, desired);
      }
    }
    HasMetadata applied;
    try {
      HasMetadata stamped = cache.addPreviousAnnotation(cached == null ? null
          : cached.getMetadata().getResourceVersion(), AppliedState.stamped(desired));
      applied = client.resource(stamped).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      if (!REFUSALS.contains(e.getCode())) {
        throw e;
      }
      String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
          : e.getMessage();
      log.warn("the API server refused {} {}/{}: {}", desired.getKind(), desired.getMetadata().getNamespace(),
          desired.getMetadata().getName(), message);
      return new Result(Outcome.REFUSED, message);
    }
    if (cached == null) {
      cache.handleRecentResourceCreate(id, applied);
    } else {
      cache.handleRecentResourceUpdate(id, applied, cached);
    }
    remember(desired, new Current(desired, desired.hashCode(), applied.getMetadata().getResourceVersion()));
    writes.record(desired.getKind());
    log.info("applied {} {}/{}", desired.getKind(), desired.getMetadata().getNamespace(),
        desired.getMetadata().getName());
    return adopted == null ? Result.WRITTEN : new Result(Outcome.ADOPTED, adopted);
  }

  private SharedInformerEventSource<HasMetadata> cacheOf(HasMetadata object) {
    return cacheOf(object.getClass());
  }

  @SuppressWarnings("unchecked")
  private SharedInformerEventSource<HasMetadata> cacheOf(Class<? extends HasMetadata> type) {
    return (SharedInformerEventSource<HasMetadata>) view.ofWritten(type);
  }

  /**
   * Makes every field of a hand-written object the operator's (see {@link Adoption}), guarded by its
   * resourceVersion, and says what the operator's apply is about to change.
   */
  private String takeOver(HasMetadata existing, HasMetadata desired) {
    String what = existing.getKind() + " " + existing.getMetadata().getNamespace() + "/"
        + existing.getMetadata().getName();
    List<String> writers = Adoption.writers(existing);
    List<String> changes = Adoption.changes(existing, desired);
    String patch = "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":"
        + client.getKubernetesSerialization().asJson(existing.getMetadata().getResourceVersion())
        + "},{\"op\":\"replace\",\"path\":\"/metadata/managedFields\",\"value\":"
        + client.getKubernetesSerialization().asJson(Adoption.ownedBy(existing, FIELD_MANAGER, Instant.now())) + "}]";
    client.resource(existing).patch(PatchContext.of(PatchType.JSON), patch);
    String report = what + " (written by " + (writers.isEmpty() ? "an unknown manager" : String.join(", ", writers))
        + ") is now the operator's; " + (changes.isEmpty() ? "no value changes"
        : "changed: " + String.join("; ", changes));
    log.info("adopted {}", report);
    return report;
  }

  /** Whether the cache shows the operator's object already holding the desired state: applying would change nothing. */
  boolean isCurrent(HasMetadata desired) {
    HasMetadata cached = cacheOf(desired).get(ResourceID.fromResource(desired)).orElse(null);
    int fingerprint = desired.hashCode();
    Current known = inNamespace(desired.getMetadata().getNamespace()).get(key(desired));
    if (cached == null || !OwnershipLabels.isOperators(cached)) {
      return false;
    }
    if (known != null && known.vouchesFor(fingerprint, cached)) {
      return true;
    }
    if (AppliedState.upToDate(desired, cached)) {
      remember(desired, new Current(desired, fingerprint, cached.getMetadata().getResourceVersion()));
      return true;
    }
    return false;
  }

  /**
   * Whether the object of this key is still as this applier last found or made it current: nobody changed or
   * deleted it since, and that was less than {@value #TRUSTED_MINUTES} minutes ago.
   */
  boolean stillCurrent(String namespace, String key) {
    Current known = inNamespace(namespace).get(key);
    return known != null && known.stillHeldBy(cacheOf(known.type()).get(known.id()).orElse(null));
  }

  /** Whether it has found or made this object current, at any resourceVersion. */
  boolean knows(HasMetadata object) {
    return inNamespace(object.getMetadata().getNamespace()).containsKey(key(object));
  }

  private Map<String, Current> inNamespace(String namespace) {
    return current.getOrDefault(namespace, Collections.emptyMap());
  }

  /** Remembers inside the namespace's {@code compute}, so that {@link #forgetAllBut} never drops it with its map. */
  private void remember(HasMetadata object, Current known) {
    current.compute(object.getMetadata().getNamespace(), (namespace, remembered) -> {
      Map<String, Current> inNamespace = remembered == null ? new ConcurrentHashMap<>() : remembered;
      inNamespace.put(key(object), known);
      return inNamespace;
    });
  }

  private static String className(HasMetadata object) {
    return object.getMetadata().getLabels() == null ? null
        : object.getMetadata().getLabels().get(OwnershipLabels.CLASS);
  }

  private void delete(HasMetadata stale) {
    client.resource(stale).delete();
    inNamespace(stale.getMetadata().getNamespace()).remove(key(stale));
    writes.record(stale.getKind());
    log.info("deleted {} {}/{}", stale.getKind(), stale.getMetadata().getNamespace(), stale.getMetadata().getName());
  }

  /**
   * Forgets what it remembers of a class's objects that are no longer desired, in the namespaces given (every
   * namespace when none are).
   */
  void forgetAllBut(String className, Optional<Set<String>> namespaces, Set<String> desiredKeys) {
    for (String namespace : namespaces.orElseGet(() -> Set.copyOf(current.keySet()))) {
      inNamespace(namespace).entrySet().removeIf(e -> className.equals(e.getValue().className())
          && !desiredKeys.contains(e.getKey()));
      current.computeIfPresent(namespace, (k, known) -> known.isEmpty() ? null : known);
    }
  }

  static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

}
