package io.tenantingress.sandbox;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tenantingress.reconciler.CompactSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real kube-apiserver and etcd on this machine (fabric8 kube-api-test, with downloading switched off),
 * with the upstream CRDs installed, and on request a kube-controller-manager and the real controllers the
 * operator relies on ({@link RealControllers}) beside it.
 */
public final class EmbeddedKubernetes implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKubernetes.class);
  private static final int STARTUP_TIMEOUT_MILLIS = 120_000;

  private final TestEnvironmentLocation location;
  private final KubeAPIServer apiServer;
  private final Path workDir;
  private ChildProcess controllerManager;
  private RealControllers realControllers;
  private KubernetesClient realControllersClient;
  private boolean closed;

  private EmbeddedKubernetes(TestEnvironmentLocation location, KubeAPIServer apiServer, Path workDir) {
    this.location = location;
    this.apiServer = apiServer;
    this.workDir = workDir;
  }

  /**
   * Starts the API server and installs the upstream Gateway API, Envoy Gateway and cert-manager CRDs, and the
   * operator's own.
   */
  public static EmbeddedKubernetes start(TestEnvironmentLocation location) {
    var apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(location.kubeApiTestDir().toString())
        .withApiServerVersion(location.kubernetesVersion())
        .withOfflineMode(true)
        .withStartupTimeout(STARTUP_TIMEOUT_MILLIS)
        .build());
    try {
      Duration wait = waitForStartupDeadline(LocalTime.now(), Duration.ofMillis(STARTUP_TIMEOUT_MILLIS));
      if (!wait.isZero()) {
        log.info("starting the API server in {} s, after midnight: kube-api-test's readiness deadline would wrap",
            wait.toSeconds());
        Thread.sleep(wait.toMillis());
      }
      apiServer.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before starting the API server", e);
    } catch (RuntimeException e) {
      // etcd may be up when the API server is not: without this it outlives the failed start.
      try {
        apiServer.stop();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
    Path workDir;
    try {
      workDir = Files.createTempDirectory("tenant-ingress-kube-");
    } catch (IOException e) {
      apiServer.stop();
      throw new UncheckedIOException(e);
    }
    var kube = new EmbeddedKubernetes(location, apiServer, workDir);
    try (KubernetesClient client = kube.newClient()) {
      var installer = new CrdInstaller(client);
      installer.installAll(location.upstreamCrds());
      installer.installOperatorCrds();
    } catch (RuntimeException e) {
      kube.close();
      throw e;
    }
    return kube;
  }

  /**
   * How long to wait before starting so that kube-api-test can wait for readiness at all: its readiness deadline
   * (kube-api-test 7.5.2, {@code ProcessReadinessChecker}) is a time of day, start plus timeout, which wraps at
   * midnight, so a start whose deadline falls after midnight fails at once ("did not start properly"). Such a start
   * waits until just after midnight: at most the timeout, within the timeout's span before midnight only.
   */
  static Duration waitForStartupDeadline(LocalTime now, Duration timeout) {
    if (!now.plus(timeout).isBefore(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, LocalTime.MAX).plusSeconds(1);
  }

  /** Starts kube-controller-manager (garbage collector, namespace controller) once; later calls are no-ops. */
  public synchronized void startControllerManager() {
    if (controllerManager == null) {
      controllerManager = ControllerManagerProcess.start(location.kubeControllerManager(), kubeconfigYaml(),
          workDir);
    }
    controllerManager.ensureAlive();
  }

  /**
   * Starts Envoy Gateway, cert-manager and Pebble beside the API server (and kube-controller-manager's garbage
   * collector, which Envoy Gateway's and cert-manager's ownerReferences rely on) once; later calls return the same.
   */
  public synchronized RealControllers startRealControllers() {
    startControllerManager();
    if (realControllers == null) {
      realControllersClient = newClient();
      realControllers = RealControllers.start(realControllersClient, location.controllers(), kubeconfigYaml(),
          workDir);
    }
    realControllers.ensureAlive();
    return realControllers;
  }

  /** Admin credentials (system:masters). */
  public String kubeconfigYaml() {
    return apiServer.getKubeConfigYaml();
  }

  /** Writes the admin kubeconfig to a file for kubectl and returns its path. */
  public Path writeKubeconfig() {
    Path file = workDir.resolve("kubeconfig");
    try {
      Files.writeString(file, kubeconfigYaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public TestEnvironmentLocation location() {
    return location;
  }

  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml()))
        .withKubernetesSerialization(CompactSerialization.create()).build();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (realControllers != null) {
      realControllers.close();
      realControllersClient.close();
      realControllers = null;
    }
    if (controllerManager != null) {
      controllerManager.close();
      controllerManager = null;
    }
    apiServer.stop();
    deleteRecursively(workDir);
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless; failing the shutdown over it would not be.
    }
  }
}
