package io.tenantingress.desired;

import java.util.List;

/**
 * A class and the TenantIngresses that use it, each with its hostname decisions. {@code unavailableReason} is
 * set when the class cannot be rendered at all (it conflicts with an older class); nothing is rendered then.
 * {@code placement} follows from the rest; it is part of the plan so that it is computed once per plan, not once
 * per status computed from it. {@code handWrittenServed}: the Certificates someone wrote by hand in a shared
 * class's gateway namespace that its Gateway keeps serving, because they cover a name the operator does not serve
 * with a certificate of its own (yet): a cluster built by hand keeps every certificate while it moves to
 * TenantIngresses, and gets it back when it moves out again.
 */
public record ClassPlan(
    EffectiveClass tenantClass,
    List<TenantPlan> tenants,
    String unavailableReason,
    String unavailableMessage,
    List<String> hostnamesOverCapacity,
    ListenerSetPlacement placement,
    List<HandWrittenCertificate> handWrittenServed) {

  /** A class plan with the placement of its ListenerSet listeners, computed once here for every reader. */
  public ClassPlan(EffectiveClass tenantClass, List<TenantPlan> tenants, String unavailableReason,
      String unavailableMessage, List<String> hostnamesOverCapacity, List<HandWrittenCertificate> handWrittenServed) {
    this(tenantClass, tenants, unavailableReason, unavailableMessage, hostnamesOverCapacity,
        unavailableReason == null ? ListenerSetPlacement.of(tenantClass, tenants) : ListenerSetPlacement.NONE,
        handWrittenServed);
  }

  public boolean available() {
    return unavailableReason == null;
  }

  public long admittedHostnames() {
    return tenants.stream().mapToLong(t -> t.admitted().size()).sum();
  }
}
