package io.tenantingress.reconciler;

import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.desired.TenantRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lookups into one plan, built once per plan: every status reconcile needs its own tenant and its namespace's
 * claims, and scanning thousands of tenants for them on each reconcile would cost more than the reconcile.
 */
record PlanIndex(Plan plan, Map<TenantRef, TenantPlan> byRef, Map<String, Set<String>> claimedByNamespace) {

  static PlanIndex of(Plan plan) {
    Map<TenantRef, TenantPlan> byRef = new HashMap<>();
    Map<String, Set<String>> claimed = new HashMap<>();
    Stream.concat(plan.classes().stream().flatMap(c -> c.tenants().stream()), plan.unresolved().stream())
        .forEach(t -> byRef.putIfAbsent(t.ref(), t));
    plan.classes().stream().map(ClassPlan::tenants).flatMap(java.util.List::stream)
        .forEach(t -> t.hostnames().stream().map(HostnamePlan::hostname)
            .forEach(h -> claimed.computeIfAbsent(t.namespace(), k -> new HashSet<>()).add(h)));
    return new PlanIndex(plan, byRef, claimed);
  }

  Optional<TenantPlan> tenant(TenantRef ref) {
    return Optional.ofNullable(byRef.get(ref));
  }

  /** Every hostname some TenantIngress of the namespace names, whatever was decided for it. */
  Set<String> claimedIn(String namespace) {
    return claimedByNamespace.getOrDefault(namespace, Set.of());
  }
}
