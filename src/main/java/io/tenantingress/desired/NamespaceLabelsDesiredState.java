package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The access label each namespace must carry, from every class at once: the gateway namespace of each shared
 * Gateway (for the redirect and ACME challenge routes that live there), and every namespace with a TenantIngress
 * on a Shared class that owns at least one hostname. Computed across classes because a namespace's labels are applied in one write with one
 * field manager, and a write that left a label out would take it away. Each Namespace returned carries only
 * the labels the operator sets: it is the apply configuration itself.
 */
public final class NamespaceLabelsDesiredState {

  private NamespaceLabelsDesiredState() {
  }

  public static List<Namespace> render(Plan plan) {
    Map<String, Map<String, String>> labels = new TreeMap<>();
    for (ClassPlan classPlan : plan.classes()) {
      EffectiveClass tenantClass = classPlan.tenantClass();
      if (!tenantClass.shared() || !classPlan.available()) {
        continue;
      }
      labels.computeIfAbsent(tenantClass.gatewayNamespace(), k -> new TreeMap<>())
          .put(tenantClass.accessLabelKey(), tenantClass.accessLabelValue());
      // A namespace whose hostnames are all denied or in conflict owns no traffic: it gets no access to the
      // shared listeners, port 80 included.
      classPlan.tenants().stream().filter(t -> !t.admitted().isEmpty())
          .forEach(t -> labels.computeIfAbsent(t.namespace(), k -> new TreeMap<>())
              .put(tenantClass.accessLabelKey(), tenantClass.accessLabelValue()));
    }
    return labels.entrySet().stream().map(e -> new NamespaceBuilder().withNewMetadata().withName(e.getKey())
        .withLabels(e.getValue()).endMetadata().build()).toList();
  }
}
