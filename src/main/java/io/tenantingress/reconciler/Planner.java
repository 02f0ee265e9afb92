package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the one plan of the whole cluster, on its own thread, whenever an input it reads changed, and publishes
 * it; every reconcile reads the latest published plan and none plans for itself. A new plan wakes whom it
 * concerns (its listeners: {@link PlanEvents}), so a reconcile that read a plan not yet holding a change is
 * reconciled again once one does.
 *
 * <p>With thousands of tenants a plan costs a tenth of a second or more. When each status reconcile asked for a
 * plan holding every change so far, a burst of tenants kept one core planning without pause and every reconcile
 * waited for it (63 % of the operator's CPU samples in a burst of 1,000 tenants beside 1,000 others:
 * docs/benchmarks.md). Here a change after a quiet spell is planned at once; while changes keep coming, the next
 * plan starts no sooner than twice what the last one of its kind (whole, or of issuance alone) took after the
 * last one ended, so planning takes at most about a third of a core and every change made meanwhile is in one plan.
 * (At half a core, planning and the class passes together took one of the two cores the API server needed in a
 * burst of 5,000 tenants.) Spaced by the last plan of any kind, a whole plan would follow a cheaper plan of issuance
 * alone sooner than its own cost allows (docs/benchmarks.md: 0.050 s of the operator's CPU per tenant in P2 then,
 * 0.040 s spaced by kind).
 */
final class Planner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Planner.class);
  private static final long RETRY_MILLIS = 1_000;
  /** While changes keep coming, plans start at least this many times what the last one took apart. */
  private static final int SPACING = 3;

  /** What an input is to a plan. */
  enum Input {
    /** Decides everything: classes, TenantIngresses, namespaces' labels. */
    DECISIONS,
    /** Decides only whether admitted hostnames are served yet: the certificates' issuance. */
    ISSUANCE
  }

  private final Function<Input, PlanIndex> compute;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "planner");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean due = new AtomicBoolean();
  /** Whether an input that decides more than issuance changed since the last plan started reading its inputs. */
  private final AtomicBoolean decisionsChanged = new AtomicBoolean();
  private final List<BiConsumer<PlanIndex, PlanIndex>> listeners = new CopyOnWriteArrayList<>();
  private volatile PlanIndex current;
  /** When the last plan started, and what the last one of each kind took: read and written by the planner only. */
  private long lastStarted;
  private final Map<Input, Long> took = new EnumMap<>(Input.class);

  /**
   * @param compute reads the caches and plans (with its index): from scratch, or, when only {@link Input#ISSUANCE}
   *     changed since the latest plan, from that plan
   */
  Planner(Function<Input, PlanIndex> compute) {
    this.compute = compute;
  }

  /** The latest plan; the first one is computed by whoever asks first. */
  PlanIndex current() {
    PlanIndex index = current;
    if (index != null) {
      return index;
    }
    synchronized (this) {
      if (current == null) {
        current = compute.apply(Input.DECISIONS);
      }
      return current;
    }
  }

  /** The latest plan, if one was made: unlike {@link #current()}, never plans. */
  Optional<PlanIndex> published() {
    return Optional.ofNullable(current);
  }

  /** Calls {@code listener} with the previous and the new plan each time one is published. */
  void onNewPlan(BiConsumer<PlanIndex, PlanIndex> listener) {
    listeners.add(listener);
  }

  /**
   * An informer's events as an input of the plan: the adds and deletes of objects {@code read} says a plan reads,
   * and the updates {@code changed} says change what it reads (given the object after and before).
   */
  <R extends HasMetadata> ResourceEventHandler<R> input(Input input, Predicate<R> read, BiPredicate<R, R> changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(R resource) {
        if (read.test(resource)) {
          inputChanged(input);
        }
      }

      @Override
      public void onUpdate(R previous, R resource) {
        if (changed.test(resource, previous)) {
          inputChanged(input);
        }
      }

      @Override
      public void onDelete(R resource, boolean deletedFinalStateUnknown) {
        if (read.test(resource)) {
          inputChanged(input);
        }
      }
    };
  }

  /** {@link #input(Input, Predicate, BiPredicate)} of a kind that decides everything, every object of it read. */
  <R extends HasMetadata> ResourceEventHandler<R> input(BiPredicate<R, R> changed) {
    return input(Input.DECISIONS, r -> true, changed);
  }

  /** An input the plan reads changed: a plan holding it will be published. */
  private void inputChanged(Input input) {
    // Marked before the plan is asked for: the plan that clears it reads the caches after, so it holds the change.
    if (input == Input.DECISIONS) {
      decisionsChanged.set(true);
    }
    if (due.compareAndSet(false, true)) {
      thread.execute(this::replan);
    }
  }

  private void replan() {
    long lastOfItsKind = took.getOrDefault(decisionsChanged.get() ? Input.DECISIONS : Input.ISSUANCE, 0L);
    long wait = lastStarted + SPACING * lastOfItsKind - System.nanoTime();
    if (lastOfItsKind > 0 && wait > 0) {
      thread.schedule(this::replan, wait, TimeUnit.NANOSECONDS);
      return;
    }
    // Cleared before the inputs are read: a change from now on is either read here or plans again.
    due.set(false);
    Input changed = decisionsChanged.getAndSet(false) ? Input.DECISIONS : Input.ISSUANCE;
    long start = System.nanoTime();
    PlanIndex previous;
    PlanIndex next;
    try {
      synchronized (this) {
        previous = current;
        if (previous == null) {
          // Still starting: the first plan is computed once every informer has listed (the first reconcile's).
          return;
        }
        next = compute.apply(changed);
        current = next;
      }
    } catch (RuntimeException e) {
      log.warn("planning failed; trying again in {} ms", RETRY_MILLIS, e);
      // What was not planned is planned from scratch: a failed plan leaves no telling what it had read.
      decisionsChanged.set(true);
      if (due.compareAndSet(false, true)) {
        thread.schedule(this::replan, RETRY_MILLIS, TimeUnit.MILLISECONDS);
      }
      return;
    } finally {
      lastStarted = start;
      took.put(changed, System.nanoTime() - start);
    }
    listeners.forEach(l -> l.accept(previous, next));
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
