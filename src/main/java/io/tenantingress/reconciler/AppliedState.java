package io.tenantingress.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides, from the cache alone, whether an object already is what the operator would apply, so that a
 * reconcile with nothing to change sends nothing to the API server.
 *
 * <p>Two checks, both needed: the object carries the hash of the last desired state applied (an annotation the
 * apply itself writes), which catches a desired state that lost a field; and every field of the desired state
 * is present with the same value, which catches someone else's edit of a field the operator owns. Fields
 * others added (an annotation, a listener of their own) are ignored, as server-side apply leaves them alone.
 */
public final class AppliedState {

  static final String HASH_ANNOTATION = "tenantingress.io/applied-hash";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private AppliedState() {
  }

  /** A copy of the desired object carrying its hash annotation, ready to apply; {@code desired} is untouched. */
  static <T extends HasMetadata> T stamped(T desired) {
    T copy = SERIALIZATION.clone(desired);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (copy.getMetadata().getAnnotations() != null) {
      annotations.putAll(copy.getMetadata().getAnnotations());
    }
    annotations.put(HASH_ANNOTATION, hash(desired));
    copy.getMetadata().setAnnotations(annotations);
    return copy;
  }

  /** Whether {@code current} (from the cache, may be null) already holds {@code desired}, as rendered. */
  public static boolean upToDate(HasMetadata desired, HasMetadata current) {
    if (current == null || current.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    Map<String, String> annotations = current.getMetadata().getAnnotations();
    String applied = annotations == null ? null : annotations.get(HASH_ANNOTATION);
    if (!hash(desired).equals(applied)) {
      return false;
    }
    ObjectNode want = SERIALIZATION.convertValue(desired, ObjectNode.class);
    want.remove("status");
    return contains(SERIALIZATION.convertValue(current, JsonNode.class), want);
  }

  /** The hash of the desired state as rendered (without the annotation that carries it). */
  static String hash(HasMetadata desired) {
    try {
      byte[] json = SERIALIZATION.asJson(desired).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Every field of {@code want} is in {@code have} with the same value; list items match in any order. */
  static boolean contains(JsonNode have, JsonNode want) {
    if (want.isObject()) {
      if (!have.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = want.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = have.get(field.getKey());
        if (value == null || !contains(value, field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (want.isArray()) {
      if (!have.isArray()) {
        return false;
      }
      for (JsonNode item : want) {
        boolean found = false;
        for (JsonNode candidate : have) {
          if (contains(candidate, item)) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    return want.isNumber() && have.isNumber() ? want.decimalValue().compareTo(have.decimalValue()) == 0
        : want.equals(have);
  }
}
