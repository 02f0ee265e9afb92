package io.tenantingress.desired;

import java.util.List;

/**
 * A class and the TenantIngresses that use it, each with its hostname decisions. {@code unavailableReason} is
 * set when the class cannot be rendered at all (it conflicts with an older class); nothing is rendered then.
 */
public record ClassPlan(
    EffectiveClass tenantClass,
    List<TenantPlan> tenants,
    String unavailableReason,
    String unavailableMessage,
    List<String> hostnamesOverCapacity) {

  public boolean available() {
    return unavailableReason == null;
  }

  public long admittedHostnames() {
    return tenants.stream().mapToLong(t -> t.admitted().size()).sum();
  }
}
