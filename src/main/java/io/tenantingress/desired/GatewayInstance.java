package io.tenantingress.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Gateway a class renders, with the tenants it serves: the shared Gateway with every tenant of the class
 * (even none, so that deleting the last tenant leaves the Gateway in place), or a tenant namespace's dedicated
 * Gateway with that namespace's tenants (while one of their hostnames is admitted). {@code placement} says which
 * of its hostnames are served through ListenerSets attached to it (none on a dedicated Gateway).
 */
public record GatewayInstance(EffectiveClass tenantClass, String namespace, String name, List<TenantPlan> tenants,
    ListenerSetPlacement placement) {

  public static List<GatewayInstance> of(ClassPlan plan) {
    if (!plan.available()) {
      return List.of();
    }
    EffectiveClass tenantClass = plan.tenantClass();
    if (tenantClass.shared()) {
      return List.of(new GatewayInstance(tenantClass, tenantClass.gatewayNamespace(), tenantClass.gatewayName(),
          plan.tenants(), plan.placement()));
    }
    Map<String, List<TenantPlan>> byNamespace = new TreeMap<>();
    plan.tenants().stream().filter(t -> !t.admitted().isEmpty())
        .forEach(t -> byNamespace.computeIfAbsent(t.namespace(), k -> new ArrayList<>()).add(t));
    return byNamespace.entrySet().stream().map(e -> new GatewayInstance(tenantClass, e.getKey(),
        ResourceNames.dedicatedGatewayName(e.getKey()), List.copyOf(e.getValue()), ListenerSetPlacement.NONE))
        .toList();
  }

  /** Labels for objects that serve every tenant of this Gateway. */
  public Map<String, String> labels() {
    return tenantClass.shared() ? OwnershipLabels.forClass(tenantClass.name())
        : OwnershipLabels.forNamespace(tenantClass.name(), namespace);
  }

  public List<HostnamePlan> admittedHostnames() {
    return tenants.stream().flatMap(t -> t.admitted().stream()).toList();
  }
}
