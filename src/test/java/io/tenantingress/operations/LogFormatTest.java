package io.tenantingress.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatTest {

  private final PrintStream originalOut = System.out;

  @AfterEach
  void restoreLogging() throws Exception {
    System.setOut(originalOut);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void jsonWritesOneObjectPerLine() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

    LogFormat.use("json");
    LoggerFactory.getLogger("io.tenantingress.test").info("applied Gateway {}", "gateway/shared");

    String line = captured.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("applied Gateway")).findFirst().orElseThrow();
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("loggerName").asText()).isEqualTo("io.tenantingress.test");
    assertThat(json.get("formattedMessage").asText()).isEqualTo("applied Gateway gateway/shared");
  }

  @Test
  void textLeavesTheConfigurationAlone() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    int appenders = countAppenders(context);
    LogFormat.use("text");
    assertThat(countAppenders(context)).isEqualTo(appenders);
  }

  private static int countAppenders(LoggerContext context) {
    int count = 0;
    for (var it = context.getLogger("ROOT").iteratorForAppenders(); it.hasNext(); it.next()) {
      count++;
    }
    return count;
  }
}
