package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.TenantIngressPlanner;
import java.util.List;
import java.util.function.Supplier;

/**
 * The plan for the whole cluster, recomputed only when an input changed: every TenantIngress reconcile needs
 * it, and with thousands of tenants recomputing it each time would cost far more than fingerprinting the
 * inputs (their names and resourceVersions) to see whether they moved.
 */
final class PlanCache {

  private final Supplier<List<TenantIngressClass>> classes;
  private final Supplier<List<TenantIngress>> tenants;
  private final Supplier<List<Secret>> secrets;
  private long fingerprint;
  private Plan plan;

  PlanCache(Supplier<List<TenantIngressClass>> classes, Supplier<List<TenantIngress>> tenants,
      Supplier<List<Secret>> secrets) {
    this.classes = classes;
    this.tenants = tenants;
    this.secrets = secrets;
  }

  synchronized Plan get() {
    List<TenantIngressClass> currentClasses = classes.get();
    List<TenantIngress> currentTenants = tenants.get().stream()
        .filter(t -> t.getMetadata().getDeletionTimestamp() == null).toList();
    List<Secret> currentSecrets = secrets.get();
    long current = fingerprint(currentClasses) * 31 * 31 + fingerprint(currentTenants) * 31
        + fingerprint(currentSecrets);
    if (plan == null || current != fingerprint) {
      plan = TenantIngressPlanner.plan(currentClasses, currentTenants, ObservedFacts.fromSecrets(currentSecrets));
      fingerprint = current;
    }
    return plan;
  }

  private static long fingerprint(List<? extends HasMetadata> objects) {
    long sum = objects.size();
    for (HasMetadata object : objects) {
      // Order-independent: the caches list objects in no particular order.
      sum += (object.getMetadata().getNamespace() + "/" + object.getMetadata().getName() + "@"
          + object.getMetadata().getResourceVersion()).hashCode() * 0x9E3779B97F4A7C15L;
    }
    return sum;
  }
}
