package io.tenantingress.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (the process serves requests) and {@code /readyz} (the
 * operator started, every informer connected, the API server answering reads confirmed by etcd), on the JDK's own
 * HTTP server: three fixed endpoints need no web framework in the image.
 */
public final class OperationsServer implements AutoCloseable {

  private final HttpServer server;

  private OperationsServer(HttpServer server) {
    this.server = server;
  }

  public static OperationsServer start(int port, PrometheusMeterRegistry registry, OperatorMetrics metrics,
      BooleanSupplier ready) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      server.createContext("/metrics", exchange -> {
        metrics.refresh();
        respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
      });
      server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
      server.createContext("/readyz", exchange -> {
        boolean isReady = ready.getAsBoolean();
        respond(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "not ready\n");
      });
      server.start();
      return new OperationsServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics and health on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
  }
}
