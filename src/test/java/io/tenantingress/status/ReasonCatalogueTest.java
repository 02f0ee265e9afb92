package io.tenantingress.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantingress.desired.HostnameReasons;
import io.tenantingress.desired.PlanReasons;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every reason the operator writes is in its catalogue, and docs/api.md explains every one of them. */
class ReasonCatalogueTest {

  @Test
  void docsApiExplainsEveryReason() throws IOException {
    String docs = Files.readString(Path.of("docs/api.md"));
    List<String> reasons = Stream.of(HostnameReasons.class, PlanReasons.class, StatusReasons.class)
        .flatMap(ReasonCatalogueTest::constants).toList();
    assertThat(reasons).hasSizeGreaterThan(30);
    assertThat(reasons).filteredOn(r -> !docs.contains("`" + r + "`")).as("reasons docs/api.md does not explain")
        .isEmpty();
  }

  @Test
  void theStatusComputersWriteNoReasonOutsideTheCatalogue() throws IOException {
    for (String computer : List.of("TenantIngressStatusComputer", "ClassStatusComputer")) {
      String source = Files.readString(Path.of("src/main/java/io/tenantingress/status/" + computer + ".java"));
      assertThat(source).as(computer).doesNotContainPattern("Verdict\\.(no|yes)\\(\"[A-Z]")
          .doesNotContainPattern("reason = \"[A-Z]");
    }
  }

  private static Stream<String> constants(Class<?> type) {
    return Arrays.stream(type.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(ReasonCatalogueTest::value);
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
