package io.tenantingress.desired;

/**
 * The reasons the planner gives for a whole TenantIngress or class, beside the states of single hostnames
 * ({@link HostnameReasons}); docs/api.md explains each.
 */
public final class PlanReasons {

  public static final String CLASS_NOT_FOUND = "ClassNotFound";
  public static final String NO_DEFAULT_CLASS = "NoDefaultClass";
  public static final String AMBIGUOUS_DEFAULT_CLASS = "AmbiguousDefaultClass";
  public static final String GATEWAY_NAMESPACE_IN_USE = "GatewayNamespaceInUse";

  private PlanReasons() {
  }
}
