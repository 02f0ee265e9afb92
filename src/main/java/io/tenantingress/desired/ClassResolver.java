package io.tenantingress.desired;

import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which class a TenantIngress uses: its {@code spec.className}, or the one class marked default. */
final class ClassResolver {


  /**
   * {@code className} is null when unresolved; {@code reason} and {@code message} say why, and also name a
   * problem when a class is resolved all the same (the class the tenant had, kept while the default is unclear).
   */
  record Resolution(String className, String reason, String message) {
  }

  private final Set<String> names;
  private final List<String> defaults;

  ClassResolver(List<TenantIngressClass> classes) {
    this.names = classes.stream().filter(c -> c.getSpec() != null).map(c -> c.getMetadata().getName())
        .collect(Collectors.toSet());
    this.defaults = classes.stream().filter(c -> c.getSpec() != null && c.isDefaultClass())
        .map(c -> c.getMetadata().getName()).sorted().toList();
  }

  Resolution resolve(TenantIngress tenant) {
    String className = tenant.getSpec().className();
    if (className != null) {
      return names.contains(className) ? new Resolution(className, null, null)
          : new Resolution(null, PlanReasons.CLASS_NOT_FOUND, "TenantIngressClass " + className + " does not exist");
    }
    if (defaults.size() == 1) {
      return new Resolution(defaults.get(0), null, null);
    }
    Resolution failed = defaults.isEmpty()
        ? new Resolution(null, PlanReasons.NO_DEFAULT_CLASS, "spec.className is not set and no TenantIngressClass is "
            + "annotated " + TenantIngressClass.DEFAULT_CLASS_ANNOTATION + ": \"true\"; set spec.className")
        : new Resolution(null, PlanReasons.AMBIGUOUS_DEFAULT_CLASS, "spec.className is not set and TenantIngressClasses "
            + String.join(", ", defaults) + " are all marked default; set spec.className or keep one default");
    return stayOnTheClassItHad(tenant, failed);
  }

  /**
   * A tenant that was served by the default class keeps that class while there is no single default (a second
   * class marked default, or the mark taken away): what it is served stays as it was, and the status says why.
   * Only a tenant never served has nothing to keep.
   */
  private Resolution stayOnTheClassItHad(TenantIngress tenant, Resolution failed) {
    String had = tenant.getStatus() == null ? null : tenant.getStatus().className();
    if (had == null || !names.contains(had)) {
      return failed;
    }
    return new Resolution(had, failed.reason(), failed.message() + "; until then it stays on TenantIngressClass "
        + had + ", which served it so far");
  }
}
