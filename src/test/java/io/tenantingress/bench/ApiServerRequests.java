package io.tenantingress.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests the API server has served, by verb and resource (with subresource), from its own
 * {@code apiserver_request_total}: where the API server's time goes, whoever sent them.
 */
final class ApiServerRequests {

  private static final Pattern SAMPLE = Pattern.compile("^apiserver_request_total\\{([^}]*)} (\\S+)$",
      Pattern.MULTILINE);
  private static final Pattern CPU = Pattern.compile("^process_cpu_seconds_total (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private ApiServerRequests() {
  }

  static Map<String, Long> snapshot(KubernetesClient client) {
    Map<String, Long> counts = new TreeMap<>();
    Matcher sample = SAMPLE.matcher(client.raw("/metrics"));
    while (sample.find()) {
      Map<String, String> labels = new TreeMap<>();
      Matcher label = LABEL.matcher(sample.group(1));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      String verb = labels.getOrDefault("verb", "");
      if (verb.equals("WATCH") || verb.equals("CONNECT")) {
        continue;
      }
      String resource = labels.getOrDefault("resource", "") + (labels.getOrDefault("subresource", "").isEmpty()
          ? "" : "/" + labels.get("subresource"));
      counts.merge(verb + " " + resource, (long) Double.parseDouble(sample.group(2)), Long::sum);
    }
    return counts;
  }

  /** The CPU time the API server process has used so far, from its own {@code process_cpu_seconds_total}. */
  static double cpuSeconds(KubernetesClient client) {
    Matcher sample = CPU.matcher(client.raw("/metrics"));
    return sample.find() ? Double.parseDouble(sample.group(1)) : Double.NaN;
  }

  /** What was served between two snapshots, the most frequent first, without what did not move. */
  static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((key, count) -> {
      long served = count - before.getOrDefault(key, 0L);
      if (served > 0) {
        delta.put(key, served);
      }
    });
    Map<String, Long> sorted = new java.util.LinkedHashMap<>();
    delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
