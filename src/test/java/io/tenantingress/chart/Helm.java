package io.tenantingress.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The helm binary built by hack/test-env.sh, run on the chart in this checkout. */
public final class Helm {

  static final Path CHART = Path.of("charts/tenant-ingress-operator");

  record Result(int exitCode, String output) {
  }

  /**
   * The objects of these kinds the chart renders for a release in a namespace, as {@code helm template} gives them
   * with these extra arguments.
   */
  public static List<HasMetadata> template(EmbeddedKubernetes kube, String release, String namespace,
      List<String> kinds, String... args) {
    List<String> command = new ArrayList<>(List.of("template", release, CHART.toString(), "--namespace", namespace));
    command.addAll(List.of(args));
    Result rendered = new Helm(kube.location().helm(), null).run(command.toArray(String[]::new));
    if (rendered.exitCode() != 0) {
      throw new IllegalStateException("helm template failed: " + rendered.output());
    }
    try (KubernetesClient parser = new KubernetesClientBuilder().build()) {
      return parser.load(new ByteArrayInputStream(rendered.output().getBytes(StandardCharsets.UTF_8))).items()
          .stream().filter(o -> kinds.contains(o.getKind())).toList();
    }
  }

  private final Path binary;
  private final Path kubeconfig;

  Helm(Path binary, Path kubeconfig) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
  }

  Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (kubeconfig != null) {
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
    }
    // helm keeps its caches and config under HOME; keep them out of the user's.
    builder.environment().put("HELM_CACHE_HOME", "target/helm/cache");
    builder.environment().put("HELM_CONFIG_HOME", "target/helm/config");
    builder.environment().put("HELM_DATA_HOME", "target/helm/data");
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("helm " + String.join(" ", args) + " did not finish");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
