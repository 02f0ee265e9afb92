package io.tenantingress.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests one client sends, by HTTP method (watches included, as the GETs they start with): what the
 * operator alone costs the API server, which the API server's own metrics cannot tell apart from the test's.
 */
public final class RequestCounter implements Interceptor {

  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();

  /** A client like {@code base} whose every request this counter counts. */
  public KubernetesClient countedClient(KubernetesClient base) {
    return new KubernetesClientBuilder().withConfig(base.getConfiguration())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("request-counter", this)).build();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    byMethod.computeIfAbsent(request.method(), m -> new LongAdder()).increment();
  }

  public Map<String, Long> byMethod() {
    Map<String, Long> counts = new TreeMap<>();
    byMethod.forEach((method, count) -> counts.put(method, count.sum()));
    return counts;
  }

  public long total() {
    return byMethod.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
