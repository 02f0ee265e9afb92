package io.tenantingress.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.certmanager.api.model.acme.v1.Challenge;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.tenantingress.gatewayapi.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the Envoy data plane and cert-manager's HTTP-01 solver Pod, neither of which can run here (no
 * kubelet, no load balancer, no DNS). It answers {@code GET /.well-known/acme-challenge/<token>} for a hostname
 * only when a real Envoy would: cert-manager's solver HTTPRoute for that hostname and token exists and Envoy
 * Gateway has {@code Accepted} it (for its current generation) on a Gateway or ListenerSet with an HTTP listener
 * for that hostname. The answer
 * is the Challenge's key, as the solver Pod would serve it; anything else is a 404.
 *
 * <p>Both parties that check a challenge reach it: cert-manager's self-check through {@code HTTP_PROXY} (absolute
 * request URIs), and Pebble's validation through pebble-challtestsrv's DNS, which resolves every name to this
 * machine, on the port Pebble is configured to validate on (a Host header).
 */
final class Http01ResponderStandIn implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Http01ResponderStandIn.class);
  private static final String PREFIX = "/.well-known/acme-challenge/";
  private static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";

  private final KubernetesClient client;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  private Http01ResponderStandIn(KubernetesClient client, HttpServer server) {
    this.client = client;
    this.server = server;
  }

  static Http01ResponderStandIn start(KubernetesClient client) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      var responder = new Http01ResponderStandIn(client, server);
      server.createContext("/", responder::handle);
      server.setExecutor(responder.executor);
      server.start();
      log.info("HTTP-01 responder stand-in on {}", server.getAddress());
      return responder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the HTTP-01 responder stand-in", e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String host = host(exchange);
    Optional<String> key = path != null && path.startsWith(PREFIX) && host != null
        ? keyAuthorization(host, path.substring(PREFIX.length())) : Optional.empty();
    byte[] body = key.orElse("not found\n").getBytes(StandardCharsets.UTF_8);
    log.debug("HTTP-01 {} {} -> {}", host, path, key.isPresent() ? 200 : 404);
    exchange.sendResponseHeaders(key.isPresent() ? 200 : 404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String host(HttpExchange exchange) {
    String host = exchange.getRequestURI().getHost();
    if (host == null) {
      host = exchange.getRequestHeaders().getFirst("Host");
    }
    if (host == null) {
      return null;
    }
    int colon = host.lastIndexOf(':');
    return (colon > 0 ? host.substring(0, colon) : host).toLowerCase(java.util.Locale.ROOT);
  }

  private Optional<String> keyAuthorization(String host, String token) {
    return client.resources(Challenge.class).inAnyNamespace().list().getItems().stream()
        .filter(c -> token.equals(c.getSpec().getToken()) && host.equals(c.getSpec().getDnsName())
            && "HTTP-01".equals(c.getSpec().getType()))
        .filter(c -> servedByAnAcceptedSolverRoute(c.getMetadata().getNamespace(), host, token))
        .map(c -> c.getSpec().getKey()).findFirst();
  }

  private boolean servedByAnAcceptedSolverRoute(String namespace, String host, String token) {
    return client.resources(HTTPRoute.class).inNamespace(namespace).withLabel(SOLVER_LABEL, "true").list()
        .getItems().stream()
        .filter(r -> r.getSpec().getHostnames() != null && r.getSpec().getHostnames().contains(host))
        .filter(r -> r.getSpec().getRules().stream().flatMap(rule -> rule.getMatches().stream())
            .anyMatch(m -> m.getPath() != null && (PREFIX + token).equals(m.getPath().getValue())))
        .anyMatch(r -> acceptedOnAnHttpListener(r, host));
  }

  private boolean acceptedOnAnHttpListener(HTTPRoute route, String host) {
    if (route.getStatus() == null || route.getStatus().getParents() == null) {
      return false;
    }
    long generation = route.getMetadata().getGeneration();
    return route.getStatus().getParents().stream()
        .filter(p -> EnvoyGatewayProcess.CONTROLLER_NAME.equals(p.getControllerName()))
        .filter(p -> p.getConditions().stream().anyMatch(c -> accepted(c, generation)))
        .anyMatch(p -> hasHttpListener(p, route.getMetadata().getNamespace(), host));
  }

  private static boolean accepted(Condition condition, long generation) {
    return "Accepted".equals(condition.getType()) && "True".equals(condition.getStatus())
        && Objects.equals(condition.getObservedGeneration(), generation);
  }

  /** Whether the parent, a Gateway or a ListenerSet, has an HTTP listener the route meant that answers for the host. */
  private boolean hasHttpListener(RouteParentStatus parent, String routeNamespace, String host) {
    var ref = parent.getParentRef();
    String namespace = Objects.requireNonNullElse(ref.getNamespace(), routeNamespace);
    List<Listener> listeners;
    if ("ListenerSet".equals(ref.getKind())) {
      ListenerSet listenerSet = client.resources(ListenerSet.class).inNamespace(namespace).withName(ref.getName())
          .get();
      listeners = listenerSet == null ? List.of() : listenerSet.getSpec().listeners();
    } else if (ref.getKind() == null || "Gateway".equals(ref.getKind())) {
      Gateway gateway = client.resources(Gateway.class).inNamespace(namespace).withName(ref.getName()).get();
      listeners = gateway == null ? List.of() : gateway.getSpec().getListeners();
    } else {
      return false;
    }
    return listeners.stream().anyMatch(l -> "HTTP".equals(l.getProtocol())
        && (ref.getSectionName() == null || ref.getSectionName().equals(l.getName()))
        && (ref.getPort() == null || ref.getPort().equals(l.getPort()))
        && (l.getHostname() == null || l.getHostname().equals(host)
            || l.getHostname().startsWith("*.") && host.endsWith(l.getHostname().substring(1))));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
