package io.tenantingress.desired;

import io.tenantingress.api.v1alpha1.TenantIngress;
import java.util.Comparator;

/** A TenantIngress by namespace and name. */
public record TenantRef(String namespace, String name) implements Comparable<TenantRef> {

  private static final Comparator<TenantRef> ORDER =
      Comparator.comparing(TenantRef::namespace).thenComparing(TenantRef::name);

  public static TenantRef of(TenantIngress tenant) {
    return new TenantRef(tenant.getMetadata().getNamespace(), tenant.getMetadata().getName());
  }

  @Override
  public int compareTo(TenantRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
