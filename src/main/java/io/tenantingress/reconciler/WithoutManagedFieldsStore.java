package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer store that keeps objects without their {@code managedFields}: nothing but the namespace labels'
 * owners is read from them, and with thousands of tenants they are the largest part of every cached object
 * (each manager's field set, as nested maps). Namespaces, whose label owners the operator reads, keep theirs.
 */
public class WithoutManagedFieldsStore<T extends HasMetadata> extends BasicItemStore<T> {

  public WithoutManagedFieldsStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public T put(String key, T object) {
    object.getMetadata().setManagedFields(null);
    return super.put(key, object);
  }
}
