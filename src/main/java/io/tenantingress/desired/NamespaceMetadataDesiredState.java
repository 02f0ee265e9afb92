package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the operator sets on namespaces, from every class at once:
 * <ul>
 *   <li>the access label of each shared class: on its gateway namespace (for the redirect and ACME challenge
 *       routes that live there), and on every namespace whose TenantIngresses on that class own at least one
 *       hostname (a namespace whose hostnames are all denied or in conflict owns no traffic, port 80 included);</li>
 *   <li>the annotation {@value #OWNED_HOSTNAMES}: the hostnames the namespace owns on shared classes, sorted and
 *       separated by spaces. The chart's ValidatingAdmissionPolicy reads it (as {@code namespaceObject}) to refuse
 *       an HTTPRoute or ListenerSet on a class's shared Gateway for any other hostname, or for none.</li>
 * </ul>
 * Computed across classes because a namespace's metadata is applied in one write with one field manager, and a
 * write that left a label out would take it away. Each Namespace returned carries only what the operator sets:
 * it is the apply configuration itself.
 */
public final class NamespaceMetadataDesiredState {

  public static final String OWNED_HOSTNAMES = "tenantingress.io/hostnames";

  private NamespaceMetadataDesiredState() {
  }

  public static List<Namespace> render(Plan plan) {
    return render(plan, name -> null);
  }

  /**
   * As {@link #render(Plan)}, returning a namespace of {@code previous} (an earlier render's, by name) again where it
   * is unchanged: every plan holds what is set on every namespace, and a plan made while thousands of tenants
   * arrive outlives a collection or two, so what is new in each plan is copied on, and often into the old
   * generation; shared, the unchanged namespaces are not.
   */
  public static List<Namespace> render(Plan plan, Function<String, Namespace> previous) {
    // Hashed, and sorted once at the end: every plan renders every namespace's metadata.
    Map<String, Map<String, String>> labels = new HashMap<>();
    Map<String, List<String>> owned = new HashMap<>();
    for (ClassPlan classPlan : plan.classes()) {
      EffectiveClass tenantClass = classPlan.tenantClass();
      if (!tenantClass.shared() || !classPlan.available()) {
        continue;
      }
      labels.computeIfAbsent(tenantClass.gatewayNamespace(), k -> new TreeMap<>())
          .put(tenantClass.accessLabelKey(), tenantClass.accessLabelValue());
      for (TenantPlan tenant : classPlan.tenants()) {
        List<HostnamePlan> admitted = tenant.admitted();
        if (admitted.isEmpty()) {
          continue;
        }
        List<String> ownedHere = owned.computeIfAbsent(tenant.namespace(), k -> new ArrayList<>());
        admitted.forEach(h -> ownedHere.add(h.hostname()));
        labels.computeIfAbsent(tenant.namespace(), k -> new TreeMap<>())
            .put(tenantClass.accessLabelKey(), tenantClass.accessLabelValue());
      }
    }
    // A namespace that owns a hostname carries its class's access label, so the labelled ones are all there are.
    List<String> namespaces = new ArrayList<>(labels.keySet());
    Collections.sort(namespaces);
    List<Namespace> rendered = new ArrayList<>(namespaces.size());
    for (String name : namespaces) {
      Map<String, String> labelsOf = labels.get(name);
      List<String> ownedOf = owned.get(name);
      Map<String, String> annotationsOf = ownedOf == null ? Map.of()
          : Map.of(OWNED_HOSTNAMES, String.join(" ", new TreeSet<>(ownedOf)));
      Namespace before = previous.apply(name);
      rendered.add(before != null && labelsOf.equals(before.getMetadata().getLabels())
          && annotationsOf.equals(before.getMetadata().getAnnotations()) ? before
          : namespace(name, labelsOf, annotationsOf));
    }
    return rendered;
  }

  /** Built without fabric8's builders, which copy every map and list: this runs for each namespace of each plan. */
  private static Namespace namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name);
    metadata.setLabels(labels);
    metadata.setAnnotations(annotations);
    Namespace namespace = new Namespace();
    namespace.setMetadata(metadata);
    return namespace;
  }
}
