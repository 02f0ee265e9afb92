package io.tenantingress.reconciler;

import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.EffectiveClass;
import io.tenantingress.desired.HandWrittenCertificate;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.desired.WriteStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What a class's passes found current, namespace by namespace: what its tenants' plans were, and the keys of the
 * objects rendered from them. A namespace's objects follow from the class and its own tenants alone
 * ({@link WriteStep}), so a pass need not render a namespace whose tenants the plan decides as before and whose
 * objects nobody changed since (the applier still vouches for each): at thousands of tenants, a pass onboarding
 * one renders that one's namespace instead of every object of the class. The gateway namespace, whose objects
 * follow from every tenant, is always rendered, and so is every namespace after the class itself changed.
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

  private record Found(List<Rendered> from, List<String> keys) {
  }

  private record ClassState(ClassInputs inputs, Map<String, Found> namespaces) {
  }

  /**
   * What one pass over a plan may leave out: each namespace's tenants as the plan decides them (computed once per
   * pass, read again when the pass is remembered), and the namespaces found as before.
   */
  static final class Unchanged {

    private final Map<String, List<Rendered>> inputs;
    private final Map<String, Found> kept;

    private Unchanged(Map<String, List<Rendered>> inputs, Map<String, Found> kept) {
      this.inputs = inputs;
      this.kept = kept;
    }

    /** Whether a pass renders a namespace. */
    boolean renders(String namespace) {
      return !kept.containsKey(namespace);
    }

    Set<String> namespaces() {
      return kept.keySet();
    }

    /** The keys of the objects of the namespaces left out, which stay wanted. */
    List<String> keys() {
      return kept.values().stream().flatMap(found -> found.keys().stream()).toList();
    }
  }

  private final Map<String, ClassState> byClass = new ConcurrentHashMap<>();

  /** @param stillCurrent whether an object (by key) is still as a pass last found or made it */
  Unchanged unchanged(ClassPlan plan, Predicate<String> stillCurrent) {
    Map<String, List<Rendered>> inputs = byNamespace(plan);
    ClassState state = byClass.get(plan.tenantClass().name());
    Map<String, Found> kept = new HashMap<>();
    if (state != null && state.inputs().equals(ClassInputs.of(plan))) {
      inputs.forEach((namespace, from) -> {
        Found found = state.namespaces().get(namespace);
        if (found != null && found.from().equals(from) && found.keys().stream().allMatch(stillCurrent)) {
          kept.put(namespace, found);
        }
      });
    }
    return new Unchanged(inputs, kept);
  }

  /**
   * Remembers a pass that went through: a namespace it rendered is current when the applier vouches for every
   * object rendered there (none was refused, or someone else's name, or changed since).
   *
   * @param rendered the keys of the objects the pass rendered, by namespace
   */
  void passed(ClassPlan plan, Unchanged unchanged, Map<String, List<String>> rendered,
      Predicate<String> stillCurrent) {
    Map<String, Found> namespaces = new HashMap<>(unchanged.kept);
    unchanged.inputs.forEach((namespace, from) -> {
      List<String> keys = rendered.getOrDefault(namespace, List.of());
      if (unchanged.renders(namespace) && !namespace.equals(plan.tenantClass().gatewayNamespace())
          && from.stream().allMatch(Rendered::known) && keys.stream().allMatch(stillCurrent)) {
        namespaces.put(namespace, new Found(from, List.copyOf(keys)));
      }
    });
    byClass.put(plan.tenantClass().name(), new ClassState(ClassInputs.of(plan), namespaces));
  }

  void forget(String className) {
    byClass.remove(className);
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
