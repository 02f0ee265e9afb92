package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An informer store that keeps objects without their {@code managedFields}: nothing but the namespace labels'
 * owners is read from them, and with thousands of tenants they are the largest part of every cached object
 * (each manager's field set, as nested maps). Namespaces keep the one entry the operator reads: its own
 * server-side apply of their labels and annotations.
 *
 * <p>The strings every object repeats (its namespace, label and annotation keys, label values such as the
 * operator's own and a tenant's namespace) are shared: each object arrives from the watch with copies of its own.
 */
public class WithoutManagedFieldsStore<T extends HasMetadata> extends BasicItemStore<T> {

  public WithoutManagedFieldsStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public T put(String key, T object) {
    ObjectMeta metadata = object.getMetadata();
    metadata.setManagedFields(object instanceof Namespace && metadata.getManagedFields() != null
        ? metadata.getManagedFields().stream().filter(NamespaceMetadataApplier::isOperatorsApply).toList() : null);
    metadata.setNamespace(share(metadata.getNamespace()));
    metadata.setLabels(shareAll(metadata.getLabels(), true));
    metadata.setAnnotations(shareAll(metadata.getAnnotations(), false));
    return super.put(key, object);
  }

  private static Map<String, String> shareAll(Map<String, String> entries, boolean values) {
    if (entries == null || entries.isEmpty()) {
      return entries;
    }
    Map<String, String> shared = new LinkedHashMap<>(entries.size() * 4 / 3 + 1);
    entries.forEach((k, v) -> shared.put(share(k), values ? share(v) : v));
    return shared;
  }

  private static String share(String value) {
    return value == null ? null : value.intern();
  }
}
