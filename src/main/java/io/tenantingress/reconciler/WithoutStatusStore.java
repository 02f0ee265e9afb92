package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.CustomResource;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressStatus;

/**
 * {@link WithoutManagedFieldsStore}, and without the status as well, for the kinds whose status nobody reads
 * (ClientTrafficPolicies, Issuers, ReferenceGrants) and for the TenantIngresses as plans read them: their status is
 * the status reconciler's primary cache's, and plans read only {@code status.className}, which is kept.
 */
final class WithoutStatusStore<T extends HasMetadata> extends WithoutManagedFieldsStore<T> {

  @Override
  public T put(String key, T object) {
    if (object instanceof TenantIngress tenant) {
      // The class a tenant was served by is kept while the default class is unclear (ClassResolver).
      String className = tenant.getStatus() == null ? null : tenant.getStatus().className();
      tenant.setStatus(className == null ? null : new TenantIngressStatus(null, className, null, null, null));
    } else if (object instanceof CustomResource<?, ?> resource) {
      resource.setStatus(null);
    } else if (object instanceof Certificate certificate) {
      certificate.setStatus(null);
    } else if (object instanceof HTTPRoute route) {
      route.setStatus(null);
    } else if (object instanceof Gateway gateway) {
      gateway.setStatus(null);
    } else if (object instanceof Issuer issuer) {
      issuer.setStatus(null);
    }
    return super.put(key, object);
  }
}
