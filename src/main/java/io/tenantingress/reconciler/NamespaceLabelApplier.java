package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the access labels namespaces need, with server-side apply so that a label someone else also set (or
 * any other label) survives: applying a namespace without a label the operator set before removes the
 * operator's claim on it, and the label goes only if nobody else claims it too.
 */
final class NamespaceLabelApplier {

  private static final Logger log = LoggerFactory.getLogger(NamespaceLabelApplier.class);

  private final KubernetesClient client;
  private final WriteCounter writes;
  private final ConcurrentRequests concurrently;
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();

  /** The labels last applied to a namespace, and its resourceVersions before and after. */
  private record Applied(Map<String, String> labels, String before, String after) {
  }

  NamespaceLabelApplier(KubernetesClient client, WriteCounter writes, ConcurrentRequests concurrently) {
    this.client = client;
    this.writes = writes;
    this.concurrently = concurrently;
  }

  /**
   * Every class's pass applies every namespace's labels (the labels of all classes together, since one field
   * manager owns them all); one pass at a time, so that two classes' passes do not write the same labels twice.
   *
   * @param desired every namespace that needs labels, with exactly the labels the operator sets on it
   * @param cached every namespace as the cache has it, read once this pass has the applier to itself
   * @param mayCreate namespaces the operator may create when missing (gateway namespaces); a tenant namespace
   *     that is gone is never brought back
   */
  synchronized void apply(List<Namespace> desired, Supplier<Collection<Namespace>> cached, Set<String> mayCreate) {
    Map<String, Namespace> current = new HashMap<>();
    cached.get().forEach(ns -> current.put(ns.getMetadata().getName(), ns));
    Map<String, Map<String, String>> wanted = new HashMap<>();
    desired.forEach(ns -> wanted.put(ns.getMetadata().getName(), ns.getMetadata().getLabels()));
    Set<String> names = new TreeSet<>(wanted.keySet());
    current.values().stream().filter(ns -> !labelsClaimed(ns).isEmpty()).forEach(ns -> names.add(ns.getMetadata().getName()));

    applied.keySet().retainAll(current.keySet());
    List<String> due = names.stream().filter(name -> needsLabels(current.get(name), name,
        wanted.getOrDefault(name, Map.of()), mayCreate)).toList();
    concurrently.runAll(due, name -> {
      Map<String, String> labels = wanted.getOrDefault(name, Map.of());
      Namespace before = current.get(name);
      Namespace after = client.resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
          .endMetadata().build()).fieldManager(ManagedObjectApplier.FIELD_MANAGER).forceConflicts().serverSideApply();
      applied.put(name, new Applied(labels, before == null ? null : before.getMetadata().getResourceVersion(),
          after.getMetadata().getResourceVersion()));
      writes.record("Namespace");
      log.info("applied labels {} to namespace {}", labels, name);
      return null;
    });
  }

  private boolean needsLabels(Namespace namespace, String name, Map<String, String> labels, Set<String> mayCreate) {
    if (namespace == null) {
      return mayCreate.contains(name);
    }
    if (namespace.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    Applied last = applied.get(name);
    if (last != null && last.labels().equals(labels)
        && namespace.getMetadata().getResourceVersion().equals(last.before())) {
      // The cache still shows the namespace as it was before this operator's write of these very labels.
      return false;
    }
    return !labelsClaimed(namespace).equals(labels.keySet())
        || !java.util.Objects.requireNonNullElse(namespace.getMetadata().getLabels(), Map.<String, String>of())
            .entrySet().containsAll(labels.entrySet());
  }

  /** Whether a watch event only reports this operator's own label write (see ManagedObjectApplier#isOwnWrite). */
  boolean isOwnWrite(Namespace namespace) {
    Applied last = applied.get(namespace.getMetadata().getName());
    return last != null && namespace.getMetadata().getResourceVersion().equals(last.after());
  }

  /** The label keys the operator's field manager owns on a namespace. */
  @SuppressWarnings("unchecked")
  static Set<String> labelsClaimed(Namespace namespace) {
    Set<String> keys = new TreeSet<>();
    List<ManagedFieldsEntry> entries = namespace.getMetadata().getManagedFields();
    if (entries == null) {
      return keys;
    }
    for (ManagedFieldsEntry entry : entries) {
      if (!ManagedObjectApplier.FIELD_MANAGER.equals(entry.getManager()) || entry.getFieldsV1() == null
          || !"Apply".equals(entry.getOperation())) {
        continue;
      }
      Object metadata = entry.getFieldsV1().getAdditionalProperties().get("f:metadata");
      Object labels = metadata instanceof Map<?, ?> m ? m.get("f:labels") : null;
      if (labels instanceof Map<?, ?> l) {
        ((Map<String, Object>) l).keySet().stream().filter(k -> k.startsWith("f:"))
            .forEach(k -> keys.add(k.substring(2)));
      }
    }
    return keys;
  }
}
