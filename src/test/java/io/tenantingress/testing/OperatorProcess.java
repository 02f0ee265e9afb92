package io.tenantingress.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as it ships: the packaged jar ({@code target/tenant-ingress-operator.jar} with its {@code lib/},
 * what the image runs) in a JVM of its own, sized as in the chart's pod, against the benchmark's API server. Its writes and memory are read from its own /metrics and /proc, so that nothing the
 * benchmark itself holds is counted.
 */
public final class OperatorProcess implements AutoCloseable {

  /**
   * The chart's JVM in the chart's default container (512Mi): its JAVA_TOOL_OPTIONS and environment, which
   * {@code HelmChartIT} checks against what the chart renders.
   */
  public static final List<String> JVM_OPTIONS = List.of("-Xmx304m", "-XX:MaxMetaspaceSize=128m",
      "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=32m", "-XX:+UseSerialGC",
      "-XX:TrimNativeHeapInterval=10000", "-XX:+ExitOnOutOfMemoryError");
  public static final Map<String, String> JVM_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$",
      Pattern.MULTILINE);

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private OperatorProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static OperatorProcess start(Path projectDir, Path kubeconfig, Path log) throws IOException,
      InterruptedException {
    return start(projectDir, kubeconfig, log, null, List.of());
  }

  /**
   * @param identity the replica's name (the pod name the chart passes as HOSTNAME), null for a random one
   * @param arguments more arguments of {@code run}, such as {@code --leader-election}
   * @return once it is ready; a follower waiting for the Lease is ready as soon as its caches are
   */
  public static OperatorProcess start(Path projectDir, Path kubeconfig, Path log, String identity,
      List<String> arguments) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.createDirectories(log.getParent());
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    // For a profile of the operator: -Dbench.operatorJvmArgs=-XX:StartFlightRecording=filename=operator.jfr
    String extra = System.getProperty("bench.operatorJvmArgs", "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", projectDir.resolve("target/tenant-ingress-operator.jar").toString(), "run",
        "--metrics-port", Integer.toString(port)));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(JVM_ENVIRONMENT);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    if (identity != null) {
      builder.environment().put("HOSTNAME", identity);
    }
    OperatorProcess operator = new OperatorProcess(builder.start(), port);
    operator.awaitReady(Duration.ofMinutes(2));
    return operator;
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue() + "; see its log");
      }
      try {
        if (get("/readyz").statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the operator was not ready within " + timeout);
  }

  public boolean running() {
    return process.isAlive();
  }

  /** Objects written since start: every kind, or one. */
  public long writes() {
    return (long) sum("tenantingress_writes", "");
  }

  public long writes(String kind) {
    return (long) sum("tenantingress_writes", "kind=\"" + kind + "\"");
  }

  /** Reconciles run since start, by both reconcilers. */
  public long reconciles() {
    return (long) sum("operator_sdk_reconciliations_started_total", "");
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Heap in use right after a full collection: what the operator's state needs. The class histogram jcmd prints
   * (which collects first) goes to {@code histogram}: where that memory is.
   */
  public long heapAfterGcMiB(Path histogram) throws IOException, InterruptedException {
    Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), "GC.class_histogram").redirectErrorStream(true)
        .redirectOutput(histogram.toFile()).start();
    gc.waitFor();
    return (long) sum("jvm_memory_used_bytes", "area=\"heap\"") >> 20;
  }

  private double sum(String name, String labelFilter) {
    String text;
    try {
      text = get("/metrics").body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    double total = 0;
    Matcher sample = SAMPLE.matcher(text);
    while (sample.find()) {
      String labels = sample.group(2) == null ? "" : sample.group(2);
      if (sample.group(1).equals(name) && labels.contains(labelFilter)) {
        total += Double.parseDouble(sample.group(3));
      }
    }
    return total;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** SIGKILL, as the kernel's OOM killer or a lost node would: nothing runs on the way out. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Whether /readyz says ready. */
  public boolean ready() {
    try {
      return get("/readyz").statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops it as Kubernetes would (SIGTERM), forcibly after a minute. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
  }
}
