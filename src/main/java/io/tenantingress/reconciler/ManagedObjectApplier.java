package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.desired.OwnershipLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
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
  private final Executor executor;
  private final Map<String, Current> current = new ConcurrentHashMap<>();

  /**
   * @param executor where the objects of one {@link #applyAll} batch are applied, concurrently: objects of one
   *     kind never depend on each other, and one request at a time would leave the API server idle between
   *     round trips
   */
  ManagedObjectApplier(KubernetesClient client, WriteCounter writes, Executor executor) {
    this.client = client;
    this.writes = writes;
    this.executor = executor;
  }

  /** One object to apply: its desired state, the cache's copy (null if none) and whether it may be adopted. */
  record Request(HasMetadata desired, HasMetadata cached, boolean adoptable) {
  }

  /**
   * Applies every request, concurrently, and returns once all are done, with the outcome of each in order. If
   * any failed, the first failure is thrown after the others finished, so the reconcile is retried as a whole.
   */
  List<Outcome> applyAll(List<Request> requests) {
    return runAll(requests, r -> apply(r.desired(), r.cached(), r.adoptable()));
  }

  /** Deletes every object, concurrently, and returns once all are gone. */
  void deleteAll(List<HasMetadata> stale) {
    runAll(stale, o -> {
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
    String key = key(desired);
    Current known = current.get(key);
    if (cached != null && known != null && cached.getMetadata().getDeletionTimestamp() == null
        && known.resourceVersion().equals(cached.getMetadata().getResourceVersion())
        && AppliedState.sameDesiredState(desired, known.stamped())) {
      return Outcome.UNCHANGED;
    }
    HasMetadata stamped = AppliedState.stamped(desired);
    if (AppliedState.upToDate(stamped, cached)) {
      current.put(key, new Current(stamped, cached.getMetadata().getResourceVersion()));
      return Outcome.UNCHANGED;
    }
    if (cached == null && !adoptable) {
      HasMetadata existing = client.resource(stamped).get();
      if (existing != null && !managedByOperator(existing)) {
        log.warn("{} {}/{} exists and is not managed by the operator; leaving it alone", desired.getKind(),
            desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        return Outcome.NAME_TAKEN;
      }
    }
    HasMetadata applied = client.resource(stamped).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    current.put(key, new Current(stamped, applied.getMetadata().getResourceVersion()));
    writes.record(desired.getKind());
    log.info("applied {} {}/{}", desired.getKind(), desired.getMetadata().getNamespace(),
        desired.getMetadata().getName());
    return Outcome.APPLIED;
  }

  private void delete(HasMetadata stale) {
    client.resource(stale).delete();
    current.remove(key(stale));
    writes.record(stale.getKind());
    log.info("deleted {} {}/{}", stale.getKind(), stale.getMetadata().getNamespace(), stale.getMetadata().getName());
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

  private <T, R> List<R> runAll(List<T> items, Function<T, R> action) {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      FutureTask<R> task = new FutureTask<>(() -> action.apply(item));
      executor.execute(task);
      futures.add(task);
    }
    List<R> results = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<R> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while applying", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }
}
