package io.tenantingress.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The API server's own CPU profile over a window of a scenario: kube-apiserver serves Go's pprof at
 * {@code /debug/pprof} (its {@code --profiling} is on by default), and the file is read with
 * {@code go tool pprof -top -cum <file>}. P2's and the baseline's, side by side, show where the API server's time
 * goes in each run. Taken only when asked for: {@code -Dbench.apiServerProfileSeconds=60}.
 */
final class ApiServerProfile {

  static final int SECONDS = Integer.getInteger("bench.apiServerProfileSeconds", 0);

  private ApiServerProfile() {
  }

  /** Starts a profile of the next {@link #SECONDS} seconds into {@code file}; done when the future is. */
  static CompletableFuture<Void> start(KubernetesClient client, Path file) {
    if (SECONDS <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
        .uri(client.getMasterUrl().toString().replaceAll("/$", "") + "/debug/pprof/profile?seconds=" + SECONDS)
        .timeout(SECONDS + 30L, TimeUnit.SECONDS).build();
    return client.getHttpClient().sendAsync(request, byte[].class).thenAccept(response -> write(file, response));
  }

  private static void write(Path file, HttpResponse<byte[]> response) {
    if (!response.isSuccessful()) {
      throw new IllegalStateException("the API server answered " + response.code() + " for its CPU profile");
    }
    try {
      Files.write(file, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
