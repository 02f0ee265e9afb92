package io.tenantingress.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers the operator relies on, running for real beside the embedded API server: Envoy Gateway (with
 * the GatewayClass {@code eg}), cert-manager's controllers and Pebble. Only what cannot run on this machine is
 * played, by two named stand-ins: {@link EnvoyProxyStandIn} (kubelet and the cloud load balancer) and
 * {@link Http01ResponderStandIn} (the Envoy data plane and the HTTP-01 solver Pod).
 */
public final class RealControllers implements AutoCloseable {

  public static final String GATEWAY_CLASS = "eg";
  /** Where cert-manager keeps the Secrets of ClusterIssuers. */
  public static final String CERT_MANAGER_NAMESPACE = "cert-manager";

  private static final Logger log = LoggerFactory.getLogger(RealControllers.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final KubernetesClient client;
  private final Http01ResponderStandIn responder;
  private final Pebble pebble;
  private final EnvoyProxyStandIn proxyStandIn;
  private final ChildProcess envoyGateway;
  private final ChildProcess certManager;

  private RealControllers(KubernetesClient client, Http01ResponderStandIn responder, Pebble pebble,
      EnvoyProxyStandIn proxyStandIn, ChildProcess envoyGateway, ChildProcess certManager) {
    this.client = client;
    this.responder = responder;
    this.pebble = pebble;
    this.proxyStandIn = proxyStandIn;
    this.envoyGateway = envoyGateway;
    this.certManager = certManager;
  }

  static RealControllers start(KubernetesClient client, Path controllersDir, String kubeconfigYaml, Path workDir) {
    Http01ResponderStandIn responder = Http01ResponderStandIn.start(client);
    Pebble pebble = Pebble.start(controllersDir, responder.port(), workDir);
    EnvoyProxyStandIn proxyStandIn = EnvoyProxyStandIn.start(client);
    ChildProcess envoyGateway = EnvoyGatewayProcess.start(controllersDir.resolve("envoy-gateway"), client,
        kubeconfigYaml, workDir);
    ChildProcess certManager = startCertManager(client, controllersDir, kubeconfigYaml, workDir, pebble, responder);
    var controllers = new RealControllers(client, responder, pebble, proxyStandIn, envoyGateway, certManager);
    try {
      controllers.installGatewayClass();
    } catch (RuntimeException e) {
      controllers.close();
      throw e;
    }
    return controllers;
  }

  private static ChildProcess startCertManager(KubernetesClient client, Path controllersDir, String kubeconfigYaml,
      Path workDir, Pebble pebble, Http01ResponderStandIn responder) {
    try {
      Path dir = Files.createDirectories(workDir.resolve("cert-manager"));
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, kubeconfigYaml);
      client.resource(new NamespaceBuilder().withNewMetadata().withName(CERT_MANAGER_NAMESPACE).endMetadata()
          .build()).fieldManager(CrdInstaller.FIELD_MANAGER).serverSideApply();
      return ChildProcess.start("cert-manager", List.of(
              controllersDir.resolve("cert-manager-controller").toString(),
              "--kubeconfig=" + kubeconfig,
              "--cluster-resource-namespace=" + CERT_MANAGER_NAMESPACE,
              // A failed CertificateRequest is retried after seconds rather than cert-manager's default hour, so
              // that a test that fixes the cause sees the certificate issued.
              "--certificate-request-minimum-backoff-duration=5s",
              "--dns01-check-retry-period=1s"),
          Map.of("SSL_CERT_FILE", pebble.caBundle().toString(),
              // The HTTP-01 self-check reaches the responder stand-in as a proxy; the ACME server (localhost)
              // and the API server are reached directly.
              "HTTP_PROXY", "http://127.0.0.1:" + responder.port(),
              "NO_PROXY", "localhost,127.0.0.1"),
          dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare cert-manager's work folder", e);
    }
  }

  private void installGatewayClass() {
    client.resource(new GatewayClassBuilder().withNewMetadata().withName(GATEWAY_CLASS).endMetadata()
        .withNewSpec().withControllerName(EnvoyGatewayProcess.CONTROLLER_NAME).endSpec().build())
        .fieldManager(CrdInstaller.FIELD_MANAGER).serverSideApply();
    await("GatewayClass " + GATEWAY_CLASS + " Accepted by Envoy Gateway", () -> {
      GatewayClass gatewayClass = client.resources(GatewayClass.class).withName(GATEWAY_CLASS).get();
      return gatewayClass != null && gatewayClass.getStatus() != null && gatewayClass.getStatus().getConditions()
          .stream().anyMatch(c -> "Accepted".equals(c.getType()) && "True".equals(c.getStatus()));
    });
    log.info("Envoy Gateway accepted GatewayClass {}", GATEWAY_CLASS);
  }

  private void await(String what, Supplier<Boolean> done) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (!done.get()) {
      ensureAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + STARTUP_TIMEOUT + " waiting for " + what
            + "; Envoy Gateway's log: " + envoyGateway.tail());
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Fails with the process's own last words if one of the controllers has exited. */
  public void ensureAlive() {
    envoyGateway.ensureAlive();
    certManager.ensureAlive();
    pebble.ensureAlive();
  }

  /** The process ids of Envoy Gateway and cert-manager, for measuring what they cost. */
  public Map<String, Long> pids() {
    return Map.of("envoy-gateway", envoyGateway.pid(), "cert-manager", certManager.pid());
  }

  /** Pebble's ACME directory, for a class's {@code certificates.acme.server}. */
  public String acmeDirectoryUrl() {
    return pebble.directoryUrl();
  }

  @Override
  public void close() {
    certManager.close();
    envoyGateway.close();
    proxyStandIn.close();
    pebble.close();
    responder.close();
  }
}
