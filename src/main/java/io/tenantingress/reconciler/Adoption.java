package io.tenantingress.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Taking over an object someone wrote by hand (the platform team's Gateway, ClientTrafficPolicy, Issuer or
 * redirect route from the walkthrough): pure functions for what the take-over changes and who owned it, and for
 * the managed fields that hand every field to the operator's field manager, the way kubectl's upgrade from
 * client-side to server-side apply does. Without that, a field only kubectl's manager owns (a certificateRef, a
 * listener) stays co-owned, and a later apply that leaves it out can fail on the API server's side.
 */
final class Adoption {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final int MAX_CHANGES = 12;

  private Adoption() {
  }

  /** The managers that wrote the object's fields (not its status). */
  static List<String> writers(HasMetadata existing) {
    return entries(existing).stream().filter(e -> !isSubresource(e)).map(ManagedFieldsEntry::getManager)
        .filter(Objects::nonNull).distinct().sorted().toList();
  }

  /**
   * The object's managed fields with every field of its spec and metadata owned by {@code manager} alone, as one
   * Apply entry, and the status entries of the controllers that write it left as they are.
   */
  static List<ManagedFieldsEntry> ownedBy(HasMetadata existing, String manager, Instant now) {
    Map<String, Object> fields = new LinkedHashMap<>();
    List<ManagedFieldsEntry> kept = new ArrayList<>();
    for (ManagedFieldsEntry entry : entries(existing)) {
      if (isSubresource(entry)) {
        kept.add(entry);
      } else if (entry.getFieldsV1() != null) {
        merge(fields, entry.getFieldsV1().getAdditionalProperties());
      }
    }
    FieldsV1 owned = new FieldsV1();
    fields.forEach(owned::setAdditionalProperty);
    kept.add(0, new ManagedFieldsEntryBuilder().withManager(manager).withOperation("Apply")
        .withApiVersion(existing.getApiVersion()).withFieldsType("FieldsV1")
        .withFieldsV1(owned).withTime(now.truncatedTo(ChronoUnit.SECONDS).toString()).build());
    return kept;
  }

  /**
   * The fields whose value the desired state changes or drops, as paths ({@code spec.listeners[https].tls}), the
   * operator's own labels and annotations aside; at most {@value #MAX_CHANGES}, then how many more.
   */
  static List<String> changes(HasMetadata existing, HasMetadata desired) {
    JsonNode before = relevant(existing);
    JsonNode after = relevant(desired);
    List<String> changes = new ArrayList<>();
    diff("", before, after, changes);
    if (changes.size() > MAX_CHANGES) {
      int more = changes.size() - MAX_CHANGES;
      changes = new ArrayList<>(changes.subList(0, MAX_CHANGES));
      changes.add("and " + more + " more");
    }
    return changes;
  }

  private static JsonNode relevant(HasMetadata object) {
    ObjectNode node = SERIALIZATION.convertValue(object, ObjectNode.class);
    ObjectNode relevant = node.objectNode();
    if (node.has("spec")) {
      relevant.set("spec", node.get("spec"));
    }
    return relevant;
  }

  private static void diff(String path, JsonNode before, JsonNode after, List<String> changes) {
    if (before == null || before.isNull() || before.equals(after)) {
      return;
    }
    if (after == null || after.isNull()) {
      changes.add(path + " (removed)");
    } else if (before.isObject() && after.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      before.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        diff(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), changes);
      }
    } else if (before.isArray() && after.isArray() && keyed(before) && keyed(after)) {
      for (Iterator<JsonNode> items = before.elements(); items.hasNext(); ) {
        JsonNode item = items.next();
        String name = item.get("name").asText();
        JsonNode match = null;
        for (JsonNode candidate : after) {
          if (name.equals(candidate.get("name").asText())) {
            match = candidate;
          }
        }
        diff(path + "[" + name + "]", item, match, changes);
      }
    } else {
      changes.add(path + ": " + before + " -> " + after);
    }
  }

  /** A list whose items are told apart by name (listeners), compared item by item. */
  private static boolean keyed(JsonNode list) {
    for (JsonNode item : list) {
      if (!item.isObject() || !item.has("name")) {
        return false;
      }
    }
    return true;
  }

  private static List<ManagedFieldsEntry> entries(HasMetadata object) {
    return object.getMetadata().getManagedFields() == null ? List.of() : object.getMetadata().getManagedFields();
  }

  private static boolean isSubresource(ManagedFieldsEntry entry) {
    return entry.getSubresource() != null && !entry.getSubresource().isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach((key, value) -> {
      Object present = into.get(key);
      if (present instanceof Map<?, ?> p && value instanceof Map<?, ?> v) {
        merge((Map<String, Object>) p, (Map<String, Object>) v);
      } else if (value instanceof Map<?, ?> v) {
        Map<String, Object> copy = new LinkedHashMap<>();
        merge(copy, (Map<String, Object>) v);
        into.put(key, copy);
      } else {
        into.putIfAbsent(key, value);
      }
    });
  }
}
