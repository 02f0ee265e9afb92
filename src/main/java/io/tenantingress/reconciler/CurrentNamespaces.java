package io.tenantingress.reconciler;

import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.EffectiveClass;
import io.tenantingress.desired.HandWrittenCertificate;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.desired.WriteStep;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * What a class's passes found current, namespace by namespace: what its tenants' plans were, and the keys of the
 * objects rendered from them. A namespace's objects follow from the class and its own tenants alone
 * ({@link WriteStep}), so a pass need not render a namespace whose tenants the plan decides as before and where
 * nothing of the kinds written changed since a pass found it current ({@link #changed}, heard from the informers):
 * at thousands of tenants, a pass onboarding one renders that one's namespace instead of every object of the class,
 * and looks up nothing in the cache for the others. A namespace found current is trusted so for
 * {@value ManagedObjectApplier#TRUSTED_MINUTES} minutes, as the applier trusts what it remembers, then rendered and
 * checked again. The gateway namespace, whose objects follow from every tenant, is always rendered, and so is every
 * namespace after the class itself changed.
 *
 * <p>For the same reason a pass need not look everywhere for what its class no longer renders: after a pass that
 * looked and deleted, such objects can only be where that pass or this one renders something new (the namespaces
 * they render, the gateway namespace, the namespaces whose last tenant left), or where someone else wrote an object
 * with the class's labels ({@link #heard}). A pass looks everywhere when no pass before it looked, or when the class
 * changed.
 */
final class CurrentNamespaces {

  /**
   * What a namespace's objects are rendered from, per tenant: its spec (as of its generation) and its hostnames'
   * plans.
   */
  private record Rendered(String uid, Long generation, List<HostnamePlan> hostnames) {

    /** Whether the API server said which spec this is (an object never written there has no uid nor generation). */
    boolean known() {
      return uid != null && generation != null;
    }
  }

  /** What the class's objects everywhere follow from. */
  private record ClassInputs(EffectiveClass tenantClass, String unavailableReason,
      List<HandWrittenCertificate> handWrittenServed) {

    static ClassInputs of(ClassPlan plan) {
      return new ClassInputs(plan.tenantClass(), plan.unavailableReason(), plan.handWrittenServed());
    }
  }

  /** @param at when a pass found the namespace's objects current */
  private record Found(List<Rendered> from, List<String> keys, Instant at) {
  }

  /**
   * @param tenantNamespaces the namespaces of the pass's tenants
   * @param swept whether the pass looked for what the class no longer renders, and deleted it
   */
  private record ClassState(ClassInputs inputs, Map<String, Found> namespaces, Set<String> tenantNamespaces,
      boolean swept) {

    /**
     * The state while a pass is under way: not swept, and without the namespaces where something changed, which
     * the pass renders; should it fail, the next one renders them too.
     */
    ClassState underWay(Set<String> changed) {
      Map<String, Found> unchanged = namespaces;
      if (changed.stream().anyMatch(namespaces::containsKey)) {
        unchanged = new HashMap<>(namespaces);
        unchanged.keySet().removeAll(changed);
      }
      return new ClassState(inputs, unchanged, tenantNamespaces, false);
    }

    /** A class's first pass: nothing found yet, nothing swept. */
    static ClassState first(ClassPlan plan) {
      return new ClassState(ClassInputs.of(plan), Map.of(), Set.of(), false);
    }
  }

  /**
   * What one pass over a plan may leave out: each namespace's tenants as the plan decides them (computed once per
   * pass, read again when the pass is remembered), and the namespaces found as before.
   */
  static final class Unchanged {

    private final Map<String, List<Rendered>> inputs;
    private final Map<String, Found> kept;
    private final Optional<Set<String>> leftoversIn;
    private final Instant began;

    private Unchanged(Map<String, List<Rendered>> inputs, Map<String, Found> kept,
        Optional<Set<String>> leftoversIn, Instant began) {
      this.inputs = inputs;
      this.kept = kept;
      this.leftoversIn = leftoversIn;
      this.began = began;
    }

    /** Whether a pass renders a namespace. */
    boolean renders(String namespace) {
      return !kept.containsKey(namespace);
    }

    Set<String> namespaces() {
      return kept.keySet();
    }

    /**
     * The namespaces where objects the class no longer renders may be; none when they may be anywhere (the pass
     * looks in every namespace).
     */
    Optional<Set<String>> leftoversIn() {
      return leftoversIn;
    }

    /** The keys of the objects of the namespaces left out where leftovers are looked for: they stay wanted. */
    List<String> keysWhereLeftoversMayBe() {
      return kept.entrySet().stream()
          .filter(e -> leftoversIn.isEmpty() || leftoversIn.get().contains(e.getKey()))
          .flatMap(e -> e.getValue().keys().stream()).toList();
    }
  }

  /**
   * What was heard about a class's namespaces since its last pass began: where someone else wrote an object with its
   * labels ({@link #heard}), and where any object of the kinds written changed ({@link #changed}).
   */
  private record Heard(HeardNames leftovers, HeardNames changes) {

    Heard() {
      this(new HeardNames(), new HeardNames());
    }
  }

  private final Map<String, ClassState> byClass = new ConcurrentHashMap<>();
  private final Map<String, Heard> heard = new ConcurrentHashMap<>();
  private final Clock clock;

  CurrentNamespaces(Clock clock) {
    this.clock = clock;
  }

  /**
   * What a pass over a plan may leave out. Until the pass is {@link #passed}, the class counts as not swept: a pass
   * that fails may have written what the next one no longer renders.
   */
  Unchanged unchanged(ClassPlan plan) {
    Instant began = clock.instant();
    String className = plan.tenantClass().name();
    Map<String, List<Rendered>> inputs = byNamespace(plan);
    Heard since = heard.computeIfAbsent(className, k -> new Heard());
    Set<String> announced = since.leftovers().drain();
    Set<String> changed = since.changes().drain();
    ClassState state = byClass.get(className);
    byClass.put(className, state == null ? ClassState.first(plan) : state.underWay(changed));
    Map<String, Found> kept = new HashMap<>();
    boolean sameClass = state != null && state.inputs().equals(ClassInputs.of(plan));
    if (sameClass) {
      Instant trustedSince = began.minus(ManagedObjectApplier.TRUSTED_MINUTES, ChronoUnit.MINUTES);
      inputs.forEach((namespace, from) -> {
        Found found = state.namespaces().get(namespace);
        if (found != null && !changed.contains(namespace) && found.at().isAfter(trustedSince)
            && found.from().equals(from)) {
          kept.put(namespace, found);
        }
      });
    }
    Optional<Set<String>> leftoversIn = Optional.empty();
    if (sameClass && state.swept()) {
      Set<String> where = new HashSet<>(announced);
      inputs.keySet().stream().filter(namespace -> !kept.containsKey(namespace)).forEach(where::add);
      state.tenantNamespaces().stream().filter(namespace -> !inputs.containsKey(namespace)).forEach(where::add);
      where.add(plan.tenantClass().gatewayNamespace());
      leftoversIn = Optional.of(where);
    }
    return new Unchanged(inputs, kept, leftoversIn, began);
  }

  /**
   * Remembers a pass that went through: a namespace it rendered is current when the applier vouches for every
   * object rendered there (none was refused, or someone else's name, or changed since).
   *
   * @param rendered the keys of the objects the pass rendered, by namespace
   * @param swept whether the pass deleted what its class no longer renders where {@link Unchanged#leftoversIn}
   */
  void passed(ClassPlan plan, Unchanged unchanged, Map<String, List<String>> rendered,
      BiPredicate<String, String> stillCurrent, boolean swept) {
    Map<String, Found> namespaces = new HashMap<>(unchanged.kept);
    unchanged.inputs.forEach((namespace, from) -> {
      List<String> keys = rendered.getOrDefault(namespace, List.of());
      if (unchanged.renders(namespace) && !namespace.equals(plan.tenantClass().gatewayNamespace())
          && from.stream().allMatch(Rendered::known)
          && keys.stream().allMatch(key -> stillCurrent.test(namespace, key))) {
        namespaces.put(namespace, new Found(from, List.copyOf(keys), unchanged.began));
      }
    });
    byClass.put(plan.tenantClass().name(), new ClassState(ClassInputs.of(plan), namespaces,
        Set.copyOf(unchanged.inputs.keySet()), swept));
  }

  /**
   * Someone else wrote an object with the class's labels in a namespace: the next pass looks there for leftovers.
   * Only for a class that had a pass: before its first, a pass looks everywhere (and labels naming no class are
   * not remembered).
   */
  void heard(String className, String namespace) {
    Heard since = heard.get(className);
    if (since != null) {
      since.leftovers().add(namespace);
    }
  }

  /**
   * An object of a kind written was added, changed or deleted in a namespace: every class's next pass renders that
   * namespace again. Heard before the event can wake a pass, so that the pass it brings knows; and again once
   * java-operator-sdk has let go of the operator's own write that the event replaces, so that a pass that read that
   * meanwhile looks again.
   */
  void changed(String namespace) {
    heard.values().forEach(since -> since.changes().add(namespace));
  }

  void forget(String className) {
    byClass.remove(className);
    heard.remove(className);
  }

  private static Map<String, List<Rendered>> byNamespace(ClassPlan plan) {
    Map<String, List<Rendered>> byNamespace = new HashMap<>();
    for (TenantPlan tenant : plan.tenants()) {
      byNamespace.computeIfAbsent(tenant.namespace(), k -> new ArrayList<>()).add(new Rendered(
          tenant.tenant().getMetadata().getUid(), tenant.tenant().getMetadata().getGeneration(), tenant.hostnames()));
    }
    return byNamespace;
  }
}
