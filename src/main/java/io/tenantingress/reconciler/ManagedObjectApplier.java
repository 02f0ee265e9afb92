package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.desired.OwnershipLabels;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side applies the operator's objects with one stable field manager, and only when the cache shows they
 * differ from the desired state (see {@link AppliedState}). {@code force} takes over only the fields the
 * desired state names; everything else on the object stays whoever's it is.
 */
final class ManagedObjectApplier {

  static final String FIELD_MANAGER = "tenant-ingress-operator";
  private static final Logger log = LoggerFactory.getLogger(ManagedObjectApplier.class);

  enum Outcome { UNCHANGED, APPLIED, NAME_TAKEN }

  private final KubernetesClient client;
  private final WriteCounter writes;

  ManagedObjectApplier(KubernetesClient client, WriteCounter writes) {
    this.client = client;
    this.writes = writes;
  }

  /**
   * @param cached the object as the operator's cache has it, or null when the cache (which only holds objects
   *     labelled as the operator's) has none
   * @param adoptable whether an existing object of that name that is not the operator's may be taken over: true
   *     only for a shared Gateway's own objects in the gateway namespace, which the platform team may have
   *     written by hand before installing the operator; a tenant's object of the same name is never touched
   */
  Outcome apply(HasMetadata desired, HasMetadata cached, boolean adoptable) {
    HasMetadata stamped = AppliedState.stamped(desired);
    if (AppliedState.upToDate(stamped, cached)) {
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
    client.resource(stamped).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    writes.record(desired.getKind());
    log.info("applied {} {}/{}", desired.getKind(), desired.getMetadata().getNamespace(),
        desired.getMetadata().getName());
    return Outcome.APPLIED;
  }

  void delete(HasMetadata stale) {
    client.resource(stale).delete();
    writes.record(stale.getKind());
    log.info("deleted {} {}/{}", stale.getKind(), stale.getMetadata().getNamespace(), stale.getMetadata().getName());
  }

  static boolean managedByOperator(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && OwnershipLabels.OPERATOR.equals(labels.get(OwnershipLabels.MANAGED_BY));
  }
}
