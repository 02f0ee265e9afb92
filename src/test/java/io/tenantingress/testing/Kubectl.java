package io.tenantingress.testing;

import io.tenantingress.sandbox.EmbeddedKubernetes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl (built by hack/test-env.sh for the API server's version), against the test API server. */
public final class Kubectl {

  private final Path binary;
  private final Path kubeconfig;

  public Kubectl(EmbeddedKubernetes kube) {
    this.binary = kube.location().binaryDir().resolve("kubectl");
    this.kubeconfig = kube.writeKubeconfig();
  }

  /** Runs kubectl; fails unless it exits 0; returns what it printed. */
  public String run(String... args) {
    return execute(null, args);
  }

  /** {@code kubectl apply -f -} of these manifests, as a person applies the walkthrough (client-side apply). */
  public String apply(String manifests) {
    return execute(manifests, "apply", "-f", "-");
  }

  private String execute(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " exited " + process.exitValue()
            + ": " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
