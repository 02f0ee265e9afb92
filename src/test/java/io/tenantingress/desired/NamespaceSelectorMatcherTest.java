package io.tenantingress.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceSelectorMatcherTest {

  private static final Map<String, String> WEB = Map.of("tier", "web", "team", "a");

  @Test
  void noSelectorSelectsEveryNamespace() {
    assertThat(NamespaceSelectorMatcher.matches(null, Map.of())).isTrue();
  }

  @Test
  void everyMatchLabelMustBeThere() {
    assertThat(NamespaceSelectorMatcher.matches(labels(Map.of("tier", "web")), WEB)).isTrue();
    assertThat(NamespaceSelectorMatcher.matches(labels(Map.of("tier", "web", "team", "b")), WEB)).isFalse();
    assertThat(NamespaceSelectorMatcher.matches(labels(Map.of("tier", "web")), null)).isFalse();
  }

  @Test
  void expressionsHaveKubernetesMeaning() {
    assertThat(matches("tier", "In", List.of("web", "api"))).isTrue();
    assertThat(matches("tier", "In", List.of("api"))).isFalse();
    assertThat(matches("tier", "NotIn", List.of("api"))).isTrue();
    assertThat(matches("zone", "NotIn", List.of("eu"))).as("absent is not in").isTrue();
    assertThat(matches("team", "Exists", List.of())).isTrue();
    assertThat(matches("zone", "Exists", List.of())).isFalse();
    assertThat(matches("zone", "DoesNotExist", List.of())).isTrue();
    assertThat(matches("tier", "Matches", List.of("web"))).as("an unknown operator selects nothing").isFalse();
  }

  @Test
  void theSelectorIsDescribedAsWritten() {
    LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(Map.of("tier", "web"))
        .addNewMatchExpression().withKey("team").withOperator("In").withValues("a", "b").endMatchExpression().build();
    assertThat(NamespaceSelectorMatcher.describe(selector)).isEqualTo("tier=web,team In (a,b)");
  }

  private static boolean matches(String key, String operator, List<String> values) {
    return NamespaceSelectorMatcher.matches(new LabelSelectorBuilder().addNewMatchExpression().withKey(key)
        .withOperator(operator).withValues(values).endMatchExpression().build(), WEB);
  }

  private static LabelSelector labels(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }
}
