package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.Namespace;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.desired.TenantRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lookups into one plan, built once per plan: every status reconcile needs its own tenant and its namespace's
 * claims, every namespace event what the operator sets on that namespace, and scanning thousands of tenants for
 * them each time would cost more than the reconcile.
 */
record PlanIndex(Plan plan, Map<TenantRef, TenantPlan> byRef, Map<String, Set<String>> claimedByNamespace,
    Map<String, Long> classGenerations, Map<String, Namespace> namespaceMetadata) {

  /**
   * @param classes the classes the plan was made from (their generations say which spec it holds)
   * @param previous the index of the plan before, whose unchanged namespace metadata this one shares
   */
  static PlanIndex of(Plan plan, List<TenantIngressClass> classes, Optional<PlanIndex> previous) {
    Map<String, Set<String>> claimed = new HashMap<>();
    plan.classes().stream().map(ClassPlan::tenants).flatMap(List::stream)
        .forEach(t -> t.hostnames().stream().map(HostnamePlan::hostname)
            .forEach(h -> claimed.computeIfAbsent(t.namespace(), k -> new HashSet<>()).add(h)));
    Map<String, Long> generations = new HashMap<>();
    classes.forEach(c -> generations.put(c.getMetadata().getName(), c.getMetadata().getGeneration()));
    Map<String, Namespace> namespaceMetadata = new HashMap<>();
    Map<String, Namespace> earlier = previous.map(PlanIndex::namespaceMetadata).orElse(Map.of());
    NamespaceMetadataDesiredState.render(plan, earlier::get)
        .forEach(ns -> namespaceMetadata.put(ns.getMetadata().getName(), ns));
    return new PlanIndex(plan, byRef(plan), claimed, generations, namespaceMetadata);
  }

  /**
   * The index of a plan this one's issuance was decided again in ({@code TenantIngressPlanner.withIssuance}): what
   * the TenantIngresses claim, the classes' generations and what is set on namespaces (from admitted hostnames,
   * whether served yet or not) stay this index's.
   */
  PlanIndex withIssuance(Plan next) {
    return new PlanIndex(next, byRef(next), claimedByNamespace, classGenerations, namespaceMetadata);
  }

  private static Map<TenantRef, TenantPlan> byRef(Plan plan) {
    Map<TenantRef, TenantPlan> byRef = new HashMap<>();
    Stream.concat(plan.classes().stream().flatMap(c -> c.tenants().stream()), plan.unresolved().stream())
        .forEach(t -> byRef.putIfAbsent(t.ref(), t));
    return byRef;
  }

  /** Whether the plan was made from this generation of the class. */
  boolean holds(TenantIngressClass tenantClass) {
    return classGenerations.containsKey(tenantClass.getMetadata().getName()) && Objects.equals(
        classGenerations.get(tenantClass.getMetadata().getName()), tenantClass.getMetadata().getGeneration());
  }

  Optional<TenantPlan> tenant(TenantRef ref) {
    return Optional.ofNullable(byRef.get(ref));
  }

  /** What the operator sets on a namespace (its labels and annotations), if anything. */
  Optional<Namespace> namespaceMetadata(String namespace) {
    return Optional.ofNullable(namespaceMetadata.get(namespace));
  }

  /** Every hostname some TenantIngress of the namespace names, whatever was decided for it. */
  Set<String> claimedIn(String namespace) {
    return claimedByNamespace.getOrDefault(namespace, Set.of());
  }
}
