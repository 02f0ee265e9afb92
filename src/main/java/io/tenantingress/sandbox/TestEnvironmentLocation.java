package io.tenantingress.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the binaries and upstream CRDs built by {@code hack/test-env.sh} are.
 *
 * <p>The layout is owned by that script alone: this class either reads the variables it prints from the
 * environment (as {@code hack/test.sh} exports them) or runs the script and reads its output, so a plain
 * {@code ./mvnw verify} or an IDE run finds the same files, building them first if they are missing.
 */
public record TestEnvironmentLocation(
    Path kubeApiTestDir, String kubernetesVersion, Path upstreamCrds, Path kubeControllerManager, Path helm,
    Path controllers) {

  static final String KUBE_API_TEST_DIR = "KUBE_API_TEST_DIR";
  static final String KUBE_API_TEST_API_SERVER_VERSION = "KUBE_API_TEST_API_SERVER_VERSION";
  static final String UPSTREAM_CRDS = "TENANT_INGRESS_UPSTREAM_CRDS";
  static final String KUBE_CONTROLLER_MANAGER = "TENANT_INGRESS_KUBE_CONTROLLER_MANAGER";
  static final String HELM = "TENANT_INGRESS_HELM";
  static final String CONTROLLERS = "TENANT_INGRESS_CONTROLLERS";

  private static final long BUILD_TIMEOUT_MINUTES = 60;

  /** From the environment when {@code hack/test.sh} set it, otherwise from running the script. */
  public static TestEnvironmentLocation resolve(Path projectDir) {
    Map<String, String> env = System.getenv();
    if (env.containsKey(KUBE_API_TEST_DIR) && env.containsKey(UPSTREAM_CRDS) && env.containsKey(HELM)
        && env.containsKey(CONTROLLERS)) {
      return fromVariables(env);
    }
    return fromVariables(runScript(projectDir.resolve("hack/test-env.sh")));
  }

  static TestEnvironmentLocation fromVariables(Map<String, String> vars) {
    var location = new TestEnvironmentLocation(
        Path.of(require(vars, KUBE_API_TEST_DIR)),
        require(vars, KUBE_API_TEST_API_SERVER_VERSION),
        Path.of(require(vars, UPSTREAM_CRDS)),
        Path.of(require(vars, KUBE_CONTROLLER_MANAGER)),
        Path.of(require(vars, HELM)),
        Path.of(require(vars, CONTROLLERS)));
    location.check();
    return location;
  }

  /** The folder kube-api-test takes its kube-apiserver, etcd and kubectl from. */
  public Path binaryDir() {
    return kubeApiTestDir.resolve("k8s").resolve(kubernetesVersion + "-linux-amd64");
  }

  private void check() {
    for (String binary : new String[] {"kube-apiserver", "etcd", "kubectl"}) {
      requireFile(binaryDir().resolve(binary));
    }
    requireFile(kubeControllerManager);
    requireFile(helm);
    for (String binary : new String[] {"envoy-gateway", "cert-manager-controller", "pebble", "pebble-challtestsrv"}) {
      requireFile(controllers.resolve(binary));
    }
    if (!Files.isDirectory(upstreamCrds)) {
      throw new IllegalStateException("upstream CRDs missing at " + upstreamCrds
          + ": run hack/test-env.sh to collect them");
    }
  }

  private static void requireFile(Path file) {
    if (!Files.isExecutable(file)) {
      throw new IllegalStateException("test binary missing or not executable: " + file
          + ": run hack/test-env.sh (or hack/test-env.sh --rebuild) to build it");
    }
  }

  private static String require(Map<String, String> vars, String name) {
    String value = vars.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run the tests through hack/test.sh, "
          + "or export the variables that hack/test-env.sh prints");
    }
    return value;
  }

  private static Map<String, String> runScript(Path script) {
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException("cannot locate the test environment: " + script
          + " is missing and " + KUBE_API_TEST_DIR + " is not set");
    }
    try {
      Process process = new ProcessBuilder("bash", script.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String output;
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(script + " failed (exit " + process.exitValue()
            + "); its error is printed above");
      }
      Map<String, String> vars = new HashMap<>();
      output.lines().filter(line -> line.contains("=")).forEach(line -> {
        int eq = line.indexOf('=');
        vars.put(line.substring(0, eq), line.substring(eq + 1));
      });
      return vars;
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }
}
