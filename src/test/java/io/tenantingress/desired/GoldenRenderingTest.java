package io.tenantingress.desired;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantingress.cli.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rendering the walkthroughs' scenarios reproduces, field for field, the YAML they tell a person to write (the
 * expected files list every deliberate difference at their top).
 */
class GoldenRenderingTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @ParameterizedTest
  @ValueSource(strings = {"shared-direct", "dedicated-direct", "dedicated-proxy"})
  void rendersTheWalkthrough(String scenario) throws IOException {
    ManifestReader.Manifests input;
    try (InputStream in = resource(scenario + "/input.yaml")) {
      input = new ManifestReader().read(in, scenario).manifests();
    }
    Plan plan = TenantIngressPlanner.plan(input.classes(), input.tenants(), ObservedFacts.fromCertificates(input.certificates()));

    Map<String, JsonNode> rendered = byKey(DesiredObjects.all(plan));
    Map<String, JsonNode> expected;
    try (InputStream in = resource(scenario + "/expected.yaml")) {
      expected = byKey(new ManifestReaderForAnyKind().read(in));
    }

    assertThat(rendered.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((key, node) -> assertThat(rendered.get(key)).as(key).isEqualTo(node));
  }

  private static Map<String, JsonNode> byKey(List<? extends HasMetadata> objects) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    objects.forEach(o -> byKey.put(o.getKind() + " " + o.getMetadata().getNamespace() + "/"
        + o.getMetadata().getName(), SERIALIZATION.convertValue(o, JsonNode.class)));
    return byKey;
  }

  private static InputStream resource(String path) {
    return GoldenRenderingTest.class.getResourceAsStream("/golden/" + path);
  }

  /** The expected files hold every kind the operator writes, read as generic objects. */
  private static final class ManifestReaderForAnyKind {
    List<HasMetadata> read(InputStream in) {
      Object parsed = SERIALIZATION.unmarshal(in);
      return ((List<?>) parsed).stream().map(HasMetadata.class::cast).toList();
    }
  }
}
