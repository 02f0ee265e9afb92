package io.tenantingress.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantingress.reconciler.OperatorTestSupport;
import io.tenantingress.reconciler.TenantIngressOperator;
import io.tenantingress.testing.KubernetesExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /metrics, /healthz and /readyz of a running operator, as the chart's probes and ServiceMonitor use them. */
@ExtendWith(KubernetesExtension.class)
class OperationsEndpointsIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metricsHealthAndReadinessAreServed(KubernetesClient client) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (TenantIngressOperator operator = TenantIngressOperator.start(client, registry, null);
        OperationsServer server = OperationsServer.start(0, registry, new OperatorMetrics(registry, operator),
            operator::ready)) {
      OperatorTestSupport support = new OperatorTestSupport(client);
      support.createClass("ops", """
          gateway: {namespace: ops-gateway}
          clientIP: {proxyProtocol: {}}
          certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
          """);
      support.applyTenant("ops-a", "web", "className: ops\nhostnames: [a.ops.example.com]");

      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        String metrics = get(server, "/metrics").body();
        assertThat(metrics).contains("tenantingress_tenants{class=\"ops\",state=\"Pending\"} 1.0")
            .contains("tenantingress_hostnames{class=\"ops\",state=\"Pending\"} 1.0")
            .contains("tenantingress_writes{kind=\"Gateway\"}")
            .contains("operator_sdk_reconciliations");
      });
    }
  }

  private HttpResponse<String> get(OperationsServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
