package io.tenantingress.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tenantingress.testing.OperatorProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A benchmark's results: the machine and the operator's JVM beside them, as JSON and as a Markdown table. */
final class BenchReport {

  private BenchReport() {
  }

  /** Writes what is measured so far, beside the operator's JVM: a run cut short still leaves its finished scenarios. */
  static void write(Path out, Map<String, Object> results) throws IOException {
    results.put("operatorJvm", (String.join(" ", OperatorProcess.JVM_OPTIONS) + " "
        + System.getProperty("bench.operatorJvmArgs", "")).trim());
    writeWithoutOperator(out, results);
  }

  /** Writes the results of a benchmark that runs no operator process. */
  static void writeWithoutOperator(Path out, Map<String, Object> results) throws IOException {
    Files.createDirectories(out.getParent());
    results.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version"));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
    System.out.println();
    System.out.println("| metric | value |");
    System.out.println("|---|---|");
    results.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
  }
}
