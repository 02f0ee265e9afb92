package io.tenantingress.desired;

import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which class a TenantIngress uses: its {@code spec.className}, or the one class marked default. */
final class ClassResolver {

  static final String CLASS_NOT_FOUND = "ClassNotFound";
  static final String NO_DEFAULT_CLASS = "NoDefaultClass";
  static final String AMBIGUOUS_DEFAULT_CLASS = "AmbiguousDefaultClass";

  /** {@code className} is null when unresolved; {@code reason} and {@code message} say why. */
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
          : new Resolution(null, CLASS_NOT_FOUND, "TenantIngressClass " + className + " does not exist");
    }
    if (defaults.size() == 1) {
      return new Resolution(defaults.get(0), null, null);
    }
    if (defaults.isEmpty()) {
      return new Resolution(null, NO_DEFAULT_CLASS, "spec.className is not set and no TenantIngressClass is "
          + "annotated " + TenantIngressClass.DEFAULT_CLASS_ANNOTATION + ": \"true\"; set spec.className");
    }
    return new Resolution(null, AMBIGUOUS_DEFAULT_CLASS, "spec.className is not set and TenantIngressClasses "
        + String.join(", ", defaults) + " are all marked default; set spec.className or keep one default");
  }
}
