package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the labels and annotations namespaces need (NamespaceMetadataDesiredState), with server-side apply so
 * that a label someone else also set (or any other label or annotation) survives: applying a namespace without a
 * key the operator set before removes the operator's claim on it, and the key goes only if nobody else claims it
 * too.
 */
final class NamespaceMetadataApplier {

  private static final Logger log = LoggerFactory.getLogger(NamespaceMetadataApplier.class);

  private final KubernetesClient client;
  private final ClusterView view;
  private final WriteCounter writes;
  private final ConcurrentRequests concurrently;
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();
  private final Map<String, Claims> claims = new ConcurrentHashMap<>();
  private final VerifiedNamespaces verified;

  /** What the operator sets on one namespace: labels and annotations. */
  private record Keys(Map<String, String> labels, Map<String, String> annotations) {

    static final Keys NONE = new Keys(Map.of(), Map.of());

    static Keys of(ObjectMeta metadata) {
      return new Keys(Objects.requireNonNullElse(metadata.getLabels(), Map.of()),
          Objects.requireNonNullElse(metadata.getAnnotations(), Map.of()));
    }
  }

  /** What was last applied to a namespace, and its resourceVersion before. */
  private record Applied(Keys keys, String before) {
  }

  /**
   * The label and annotation keys the operator's field manager owns on one version of a namespace. Every pass
   * reads them for every namespace, which parsed again each time were four walks of every namespace's managed
   * fields per pass.
   */
  private record Claims(String resourceVersion, Set<String> labels, Set<String> annotations) {

    static Claims of(Namespace namespace) {
      return new Claims(namespace.getMetadata().getResourceVersion(), claimed(namespace, "f:labels"),
          claimed(namespace, "f:annotations"));
    }

    boolean any() {
      return !labels.isEmpty() || !annotations.isEmpty();
    }
  }

  /** @param view whose informer the namespaces are read from; what is written goes back into it at once */
  NamespaceMetadataApplier(KubernetesClient client, ClusterView view, WriteCounter writes,
      ConcurrentRequests concurrently, Clock clock) {
    this.verified = new VerifiedNamespaces(clock);
    this.client = client;
    this.view = view;
    this.writes = writes;
    this.concurrently = concurrently;
  }

  /**
   * Every class's pass applies every namespace's metadata (that of all classes together, since one field
   * manager owns it all); one pass at a time, so that two classes' passes do not write the same keys twice. It
   * looks only at the namespaces that may need a write ({@link VerifiedNamespaces}).
   *
   * @param desired every namespace that needs labels or annotations, by name, with exactly those the operator sets
   *     on it
   * @param mayCreate namespaces the operator may create when missing (gateway namespaces); a tenant namespace
   *     that is gone is never brought back
   */
  synchronized void apply(Map<String, Namespace> desired, Set<String> mayCreate) {
    Optional<Set<String>> only = verified.toCheck(desired);
    try {
      Map<String, Namespace> current = new HashMap<>();
      Set<String> names = new TreeSet<>();
      if (only.isPresent()) {
        names.addAll(only.get());
        names.forEach(name -> view.namespaces().get(new ResourceID(name)).ifPresent(ns -> current.put(name, ns)));
        names.stream().filter(name -> !current.containsKey(name)).forEach(this::forget);
      } else {
        view.namespaces().list().forEach(ns -> current.put(ns.getMetadata().getName(), ns));
        names.addAll(desired.keySet());
        current.values().stream().filter(ns -> claimsOf(ns).any()).forEach(ns -> names.add(ns.getMetadata().getName()));
        applied.keySet().retainAll(current.keySet());
        claims.keySet().retainAll(current.keySet());
      }
      List<String> due = names.stream().filter(name -> needsApply(current.get(name), name, keysOf(desired, name),
          mayCreate)).toList();
      concurrently.runAll(due, name -> {
        Keys keys = keysOf(desired, name);
        Namespace before = current.get(name);
        Namespace after = client.resource(new NamespaceBuilder().withNewMetadata().withName(name)
            .withLabels(keys.labels()).withAnnotations(keys.annotations()).endMetadata().build())
            .fieldManager(ManagedObjectApplier.FIELD_MANAGER).forceConflicts().serverSideApply();
        applied.put(name, new Applied(keys, before == null ? null : before.getMetadata().getResourceVersion()));
        if (before == null) {
          view.namespaces().handleRecentResourceCreate(ResourceID.fromResource(after), after);
        } else {
          view.namespaces().handleRecentResourceUpdate(ResourceID.fromResource(after), after, before);
        }
        writes.record("Namespace");
        log.info("applied labels {} and annotations {} to namespace {}", keys.labels(), keys.annotations(), name);
        return null;
      });
      verified.checked(names, desired, only.isEmpty());
    } catch (RuntimeException e) {
      verified.failed();
      throw e;
    }
  }

  /** The namespace informer heard a namespace added, changed or deleted: the next pass looks at it. */
  void changed(Namespace namespace) {
    verified.changed(namespace.getMetadata().getName());
  }

  private void forget(String name) {
    applied.remove(name);
    claims.remove(name);
  }

  private static Keys keysOf(Map<String, Namespace> desired, String name) {
    Namespace metadata = desired.get(name);
    return metadata == null ? Keys.NONE : Keys.of(metadata.getMetadata());
  }

  private boolean needsApply(Namespace namespace, String name, Keys keys, Set<String> mayCreate) {
    if (namespace == null) {
      return mayCreate.contains(name);
    }
    if (namespace.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    Applied last = applied.get(name);
    if (last != null && last.keys().equals(keys)
        && namespace.getMetadata().getResourceVersion().equals(last.before())) {
      // The cache still shows the namespace as it was before this operator's write of these very keys.
      return false;
    }
    return !carries(namespace, claimsOf(namespace), keys);
  }

  /** {@link Claims#of}, parsed once per version of a namespace. */
  private Claims claimsOf(Namespace namespace) {
    String name = namespace.getMetadata().getName();
    Claims known = claims.get(name);
    if (known != null && known.resourceVersion() != null
        && known.resourceVersion().equals(namespace.getMetadata().getResourceVersion())) {
      return known;
    }
    Claims parsed = Claims.of(namespace);
    claims.put(name, parsed);
    return parsed;
  }

  /**
   * Whether a namespace carries exactly what the operator sets on it: the labels and annotations of
   * {@code desired} (null: none), with those values, and no other key claimed by the operator.
   */
  static boolean carries(Namespace namespace, Namespace desired) {
    return carries(namespace, Claims.of(namespace), desired == null ? Keys.NONE : Keys.of(desired.getMetadata()));
  }

  private static boolean carries(Namespace namespace, Claims claimed, Keys keys) {
    Keys present = Keys.of(namespace.getMetadata());
    return claimed.labels().equals(keys.labels().keySet())
        && claimed.annotations().equals(keys.annotations().keySet())
        && present.labels().entrySet().containsAll(keys.labels().entrySet())
        && present.annotations().entrySet().containsAll(keys.annotations().entrySet());
  }

  /** Whether a managedFields entry is the operator's server-side apply: the only one {@link #claimed} reads. */
  static boolean isOperatorsApply(ManagedFieldsEntry entry) {
    return ManagedObjectApplier.FIELD_MANAGER.equals(entry.getManager()) && "Apply".equals(entry.getOperation());
  }

  /** The keys of {@code metadata.labels} or {@code metadata.annotations} the operator's field manager owns. */
  @SuppressWarnings("unchecked")
  private static Set<String> claimed(Namespace namespace, String field) {
    Set<String> keys = new TreeSet<>();
    List<ManagedFieldsEntry> entries = namespace.getMetadata().getManagedFields();
    if (entries == null) {
      return keys;
    }
    for (ManagedFieldsEntry entry : entries) {
      if (!isOperatorsApply(entry) || entry.getFieldsV1() == null) {
        continue;
      }
      Object metadata = entry.getFieldsV1().getAdditionalProperties().get("f:metadata");
      Object owned = metadata instanceof Map<?, ?> m ? m.get(field) : null;
      if (owned instanceof Map<?, ?> l) {
        ((Map<String, Object>) l).keySet().stream().filter(k -> k.startsWith("f:"))
            .forEach(k -> keys.add(k.substring(2)));
      }
    }
    return keys;
  }
}
