package io.tenantingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The committed CRDs are what the Java types generate: run hack/update-crds.sh after changing the API. */
class CrdDriftTest {

  static final java.util.List<String> PLURALS = OperatorCrds.PLURALS;

  @ParameterizedTest
  @FieldSource("PLURALS")
  void committedCrdsEqualTheGeneratedOnes(String plural) throws IOException {
    String generated;
    try (InputStream in = getClass().getResourceAsStream(OperatorCrds.generatedResource(plural))) {
      assertThat(in).as("generated CRD for %s on the test classpath", plural).isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String dir : new String[] {"crds", "charts/tenant-ingress-operator/crds"}) {
      Path committed = Path.of(dir, OperatorCrds.committedFileName(plural));
      assertThat(committed).exists();
      assertThat(Files.readString(committed))
          .as("%s differs from what the API types generate: run hack/update-crds.sh", committed)
          .isEqualTo(generated);
    }
  }
}
