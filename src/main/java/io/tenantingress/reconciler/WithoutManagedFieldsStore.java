package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An informer store that keeps objects without their {@code managedFields}: nothing but the namespace labels'
 * owners is read from them, and with thousands of tenants they are the largest part of every cached object
 * (each manager's field set, as nested maps). Namespaces keep the one entry the operator reads: its own
 * server-side apply of their labels and annotations.
 *
 * <p>The strings every object repeats (its namespace, label and annotation keys, label values such as the
 * operator's own and a tenant's namespace) are shared: each object arrives from the watch with copies of its own.
 * Labels and annotations, and the field set of the one managedFields entry kept, are held in immutable maps sized
 * to their entries, an absent or empty one as the one shared empty map: fabric8 gives every object two
 * insertion-ordered maps, empty or not, and a field set is a map per field; at 2,000 tenants these maps were about
 * a sixth of the live heap (docs/benchmarks.md). Cached objects are read, never edited in place.
 */
public class WithoutManagedFieldsStore<T extends HasMetadata> extends BasicItemStore<T> {

  public WithoutManagedFieldsStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public T put(String key, T object) {
    ObjectMeta metadata = object.getMetadata();
    metadata.setManagedFields(object instanceof Namespace && metadata.getManagedFields() != null
        ? metadata.getManagedFields().stream().filter(NamespaceMetadataApplier::isOperatorsApply)
            .map(WithoutManagedFieldsStore::withSharedFields).toList() : null);
    metadata.setNamespace(share(metadata.getNamespace()));
    metadata.setLabels(compact(metadata.getLabels(), WithoutManagedFieldsStore::share));
    // Annotation values are often long (a last-applied configuration) and rarely repeated.
    metadata.setAnnotations(compact(metadata.getAnnotations(), UnaryOperator.identity()));
    return super.put(key, object);
  }

  private static ManagedFieldsEntry withSharedFields(ManagedFieldsEntry entry) {
    if (entry.getFieldsV1() != null) {
      entry.getFieldsV1().setAdditionalProperties(compact(entry.getFieldsV1().getAdditionalProperties(),
          WithoutManagedFieldsStore::shareField));
    }
    return entry;
  }

  /** A field of a field set ({@code {"f:metadata": {"f:labels": {"f:team": {}}}}}): nested maps, compact too. */
  @SuppressWarnings("unchecked")
  private static Object shareField(Object value) {
    return value instanceof Map<?, ?> nested ? compact((Map<String, Object>) nested,
        WithoutManagedFieldsStore::shareField) : value;
  }

  /** An immutable copy with shared keys and each value as {@code value} makes it; empty is the shared empty map. */
  private static <V> Map<String, V> compact(Map<String, V> entries, UnaryOperator<V> value) {
    if (entries == null || entries.isEmpty()) {
      return Map.of();
    }
    if (entries.containsValue(null)) {
      // Never from the API server; immutable maps refuse a null value, and an object is cached as it is.
      return entries;
    }
    @SuppressWarnings("unchecked")
    Map.Entry<String, V>[] shared = new Map.Entry[entries.size()];
    int i = 0;
    for (Map.Entry<String, V> entry : entries.entrySet()) {
      shared[i++] = Map.entry(share(entry.getKey()), value.apply(entry.getValue()));
    }
    return Map.ofEntries(shared);
  }

  private static String share(String value) {
    return value == null ? null : value.intern();
  }
}
