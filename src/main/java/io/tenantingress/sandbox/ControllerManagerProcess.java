package io.tenantingress.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kube-controller-manager running only the controllers an API server alone lacks and the tests need:
 * garbage collection of ownerReferences, and namespaces that finish deleting.
 */
final class ControllerManagerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControllerManagerProcess.class);
  private static final List<String> CONTROLLERS = List.of("garbage-collector-controller", "namespace-controller");

  private final Process process;
  private final Path logFile;

  private ControllerManagerProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
  }

  static ControllerManagerProcess start(Path binary, String kubeconfigYaml, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path kubeconfig = workDir.resolve("controller-manager.kubeconfig");
      Files.writeString(kubeconfig, kubeconfigYaml);
      Path logFile = workDir.resolve("kube-controller-manager.log");
      Process process = new ProcessBuilder(binary.toString(),
          "--kubeconfig=" + kubeconfig,
          "--controllers=" + String.join(",", CONTROLLERS),
          "--leader-elect=false",
          // No serving endpoint: nothing scrapes it, and it would need its own certificates.
          "--secure-port=0",
          "--use-service-account-credentials=false")
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
      log.info("kube-controller-manager started (pid {}), log: {}", process.pid(), logFile);
      return new ControllerManagerProcess(process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start kube-controller-manager " + binary, e);
    }
  }

  void ensureAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException("kube-controller-manager exited with " + process.exitValue()
          + "; see " + logFile);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
