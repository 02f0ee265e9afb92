package io.tenantingress.desired;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels on every object the operator writes: that it manages it, for which class, and for which tenant. The
 * operator's watches select its objects by {@link #MANAGED_BY}, and a person can find a tenant's objects with
 * {@code -l tenantingress.io/tenant-namespace=team-a}.
 */
public final class OwnershipLabels {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "tenant-ingress-operator";
  public static final String CLASS = "tenantingress.io/class";
  public static final String TENANT_NAMESPACE = "tenantingress.io/tenant-namespace";
  public static final String TENANT_NAME = "tenantingress.io/tenant";

  private OwnershipLabels() {
  }

  /** Whether the operator wrote this object (its managed-by label says so). */
  public static boolean isOperators(io.fabric8.kubernetes.api.model.HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && OPERATOR.equals(labels.get(MANAGED_BY));
  }

  /** Objects that serve every tenant of a class: the shared Gateway, its policy, issuer and redirect route. */
  public static Map<String, String> forClass(String className) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, OPERATOR);
    labels.put(CLASS, ResourceNames.labelValue(className));
    return labels;
  }

  /** Objects that serve every tenant of a class in one namespace (the Dedicated layout, ReferenceGrants). */
  public static Map<String, String> forNamespace(String className, String namespace) {
    Map<String, String> labels = forClass(className);
    labels.put(TENANT_NAMESPACE, namespace);
    return labels;
  }

  /** Objects that serve one TenantIngress: its Certificates and routes. */
  public static Map<String, String> forTenant(String className, TenantRef tenant) {
    Map<String, String> labels = forNamespace(className, tenant.namespace());
    labels.put(TENANT_NAME, ResourceNames.labelValue(tenant.name()));
    return labels;
  }
}
