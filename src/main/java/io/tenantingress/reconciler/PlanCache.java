package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.TenantIngressPlanner;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The plan for the whole cluster, shared by every reconcile that needs it. With thousands of tenants, planning
 * costs milliseconds, and during a burst every status reconcile would otherwise plan again for itself.
 *
 * <p>Two things keep that down. The plan is recomputed only when an input moved (a fingerprint of the
 * inputs' names and resourceVersions). And callers that arrive while a plan is being computed share the next
 * one: a reconcile starts after the informer has cached the event that triggered it, so any plan whose inputs
 * were read after the caller arrived already reflects that event; one computation serves all such callers.
 */
final class PlanCache {

  private final Supplier<List<TenantIngressClass>> classes;
  private final Supplier<List<TenantIngress>> tenants;
  private final Supplier<List<Certificate>> certificates;
  private final Supplier<List<Namespace>> namespaces;
  private final AtomicLong arrivals = new AtomicLong();
  private long fingerprint;
  private long readAfterArrival = -1;
  private Plan plan;

  PlanCache(Supplier<List<TenantIngressClass>> classes, Supplier<List<TenantIngress>> tenants,
      Supplier<List<Certificate>> certificates, Supplier<List<Namespace>> namespaces) {
    this.classes = classes;
    this.tenants = tenants;
    this.certificates = certificates;
    this.namespaces = namespaces;
  }

  Plan get() {
    long arrival = arrivals.incrementAndGet();
    synchronized (this) {
      if (plan != null && readAfterArrival >= arrival) {
        return plan;
      }
      long readAt = arrivals.get();
      List<TenantIngressClass> currentClasses = classes.get();
      List<TenantIngress> currentTenants = tenants.get().stream()
          .filter(t -> t.getMetadata().getDeletionTimestamp() == null).toList();
      List<Certificate> currentCertificates = certificates.get();
      List<Namespace> currentNamespaces = namespaces.get();
      long current = ((fingerprint(currentClasses) * 31 + fingerprint(currentTenants)) * 31
          + fingerprint(currentCertificates)) * 31 + fingerprint(currentNamespaces);
      if (plan == null || current != fingerprint) {
        plan = TenantIngressPlanner.plan(currentClasses, currentTenants,
            ObservedFacts.fromCertificates(currentCertificates).withNamespaces(currentNamespaces));
        fingerprint = current;
      }
      readAfterArrival = readAt;
      return plan;
    }
  }

  private static long fingerprint(List<? extends HasMetadata> objects) {
    long sum = objects.size();
    for (HasMetadata object : objects) {
      var metadata = object.getMetadata();
      // Order-independent (the caches list objects in no particular order), and without building strings.
      sum += Objects.hash(metadata.getNamespace(), metadata.getName(), metadata.getResourceVersion())
          * 0x9E3779B97F4A7C15L;
    }
    return sum;
  }
}
