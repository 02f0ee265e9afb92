package io.tenantingress.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A kube-controller-manager running only the controllers an API server alone lacks and the tests need:
 * garbage collection of ownerReferences, and namespaces that finish deleting. Its deployment and service
 * controllers stay off, so that nothing contends with {@link EnvoyProxyStandIn} over the Envoy proxy's status.
 */
final class ControllerManagerProcess {

  private static final List<String> CONTROLLERS = List.of("garbage-collector-controller", "namespace-controller");

  private ControllerManagerProcess() {
  }

  static ChildProcess start(Path binary, String kubeconfigYaml, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path kubeconfig = workDir.resolve("controller-manager.kubeconfig");
      Files.writeString(kubeconfig, kubeconfigYaml);
      return ChildProcess.start("kube-controller-manager", List.of(binary.toString(),
          "--kubeconfig=" + kubeconfig,
          "--controllers=" + String.join(",", CONTROLLERS),
          "--leader-elect=false",
          // No serving endpoint: nothing scrapes it, and it would need its own certificates.
          "--secure-port=0",
          "--use-service-account-credentials=false"), Map.of(), workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start kube-controller-manager " + binary, e);
    }
  }
}
