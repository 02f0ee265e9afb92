package io.tenantingress.desired;

import java.util.List;
import java.util.Optional;

/** Every class with its tenants, and the TenantIngresses that resolve to no class. */
public record Plan(List<ClassPlan> classes, List<TenantPlan> unresolved) {

  public Optional<ClassPlan> forClass(String className) {
    return classes.stream().filter(c -> c.tenantClass().name().equals(className)).findFirst();
  }
}
