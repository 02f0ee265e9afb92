package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Whether a namespace's labels match a label selector, with Kubernetes' semantics (every term must hold). */
final class NamespaceSelectorMatcher {

  private NamespaceSelectorMatcher() {
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
        .allMatch(e -> Objects.equals(actual.get(e.getKey()), e.getValue()))) {
      return false;
    }
    return selector.getMatchExpressions() == null
        || selector.getMatchExpressions().stream().allMatch(r -> holds(r, actual));
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(requirement.getKey());
      case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
      // The API server validates the operator; anything else selects nothing rather than everything.
      default -> false;
    };
  }

  /** The selector as a user would write it, for messages. */
  static String describe(LabelSelector selector) {
    String labels = selector.getMatchLabels() == null ? "" : selector.getMatchLabels().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(","));
    String expressions = selector.getMatchExpressions() == null ? "" : selector.getMatchExpressions().stream()
        .map(r -> r.getKey() + " " + r.getOperator() + (r.getValues() == null || r.getValues().isEmpty() ? ""
            : " (" + String.join(",", r.getValues()) + ")")).collect(Collectors.joining(","));
    return labels.isEmpty() ? expressions : expressions.isEmpty() ? labels : labels + "," + expressions;
  }
}
