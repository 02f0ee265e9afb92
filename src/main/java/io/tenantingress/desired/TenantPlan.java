package io.tenantingress.desired;

import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TlsMode;
import java.time.Instant;
import java.util.List;

/**
 * One TenantIngress with the class it resolved to (null when it resolves to none, with the reason; or kept,
 * with the reason, while the default class is unclear) and the decision for each of its hostnames, in
 * {@code spec.hostnames} order.
 */
public record TenantPlan(
    TenantIngress tenant,
    EffectiveClass tenantClass,
    String classProblemReason,
    String classProblemMessage,
    List<HostnamePlan> hostnames) {

  public TenantRef ref() {
    return TenantRef.of(tenant);
  }

  public String namespace() {
    return tenant.getMetadata().getNamespace();
  }

  public Instant created() {
    return Timestamps.created(tenant);
  }

  public boolean externalTls() {
    return tenant.getSpec().tls() != null && tenant.getSpec().tls().mode() == TlsMode.External;
  }

  public List<HostnamePlan> admitted() {
    return hostnames.stream().filter(HostnamePlan::admitted).toList();
  }
}
