package io.tenantingress.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.RealControllers;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import io.tenantingress.testing.ControllerPlayer;
import io.tenantingress.testing.OperatorProcess;
import io.tenantingress.testing.RealControllerFixtures;
import io.tenantingress.testing.WithRealControllers;
import io.tenantingress.testing.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The P2 scenario (tenants with two hostnames each on the ListenerSet layout, created as fast as a client can,
 * until every one is Ready) with the real Envoy Gateway and cert-manager (CA issuer) instead of the benchmark's
 * {@link ControllerPlayer}: how long convergence takes when the controllers' own verdicts gate Ready, what Envoy
 * Gateway and cert-manager cost, and whether Envoy Gateway keeps up with the operator's writes. Runs only through
 * hack/bench.sh: {@code hack/bench.sh -Dit.test=RealControllersBenchmark -Dbench.realTenants=500}.
 */
@WithRealControllers
class RealControllersBenchmark {

  private static final int TENANTS = Integer.getInteger("bench.realTenants", 500);
  private static final Duration CONVERGENCE = Duration.ofMinutes(40);

  private final Path projectDir = Path.of(System.getProperty("tenantingress.projectDir", "."));
  private final Map<String, Object> results = new LinkedHashMap<>();

  @Test
  void run() throws Exception {
    var location = TestEnvironmentLocation.resolve(projectDir);
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(location);
        KubernetesClient client = kube.newClient();
        ReadyTracker tracker = new ReadyTracker(client)) {
      RealControllers controllers = kube.startRealControllers();
      new RealControllerFixtures(client).caIssuer();
      Map<String, ProcessUsage> before = usage(controllers);
      Workload.createClass(client, "real", """
          gateway: {namespace: realgw}
          tenantListeners: ListenerSet
          clientIP: {proxyProtocol: {}}
          certificates: {issuerRef: {kind: ClusterIssuer, name: %s}}
          """.formatted(RealControllerFixtures.CA_ISSUER));
      try (OperatorProcess operator = OperatorProcess.start(projectDir, kube.writeKubeconfig(),
          projectDir.resolve("target/bench/operator-real-controllers.log"))) {
        long start = System.nanoTime();
        List<String> tenants = Workload.createTenants(client, "real", "rt", TENANTS, 2, true);
        long created = System.nanoTime();
        long[] lastWrite = {start, -1, 0};
        long last = tracker.awaitAll(tenants, CONVERGENCE, () -> {
          controllers.ensureAlive();
          // When the operator's write count last moved, sampled twice a second.
          if (System.nanoTime() - lastWrite[2] > 500_000_000L && operator.running()) {
            lastWrite[2] = System.nanoTime();
            long writes = operator.writes();
            if (writes != lastWrite[1]) {
              lastWrite[1] = writes;
              lastWrite[0] = lastWrite[2];
            }
          }
          return operator.running();
        });
        results.put("tenants", TENANTS);
        results.put("hostnames", TENANTS * 2);
        results.put("createSeconds", (created - start) / 1e9);
        results.put("convergenceSeconds", (last - start) / 1e9);
        results.put("operatorWrites", operator.writes());
        results.put("operatorRssMiB", ProcessUsage.of(operator.pid()).rssMiB());
        // Envoy Gateway keeps up when the last tenant turns Ready soon after the operator's last write: Ready
        // needs Envoy Gateway's verdict on that write's listener and route.
        results.put("readyAfterOperatorsLastWriteSeconds", (last - lastWrite[0]) / 1e9);
        results.put("listenerSetsProgrammed", client.resources(ListenerSet.class).inAnyNamespace().list().getItems()
            .stream().filter(l -> l.getStatus() != null && l.getStatus().conditions() != null && l.getStatus()
                .conditions().stream().anyMatch(c -> "Programmed".equals(c.getType()) && "True".equals(c.getStatus())
                    && Objects.equals(c.getObservedGeneration(), l.getMetadata().getGeneration())))
            .count());
        Map<String, ProcessUsage> after = usage(controllers);
        after.forEach((name, usage) -> {
          results.put(name + ".cpuSeconds", Math.round((usage.cpuSeconds() - before.get(name).cpuSeconds()) * 10)
              / 10.0);
          results.put(name + ".rssMiB", usage.rssMiB());
          results.put(name + ".peakRssMiB", usage.peakRssMiB());
        });
      }
    }
    report();
  }

  private static Map<String, ProcessUsage> usage(RealControllers controllers) {
    Map<String, ProcessUsage> usage = new LinkedHashMap<>();
    controllers.pids().forEach((name, pid) -> usage.put(name, ProcessUsage.of(pid)));
    return usage;
  }

  private void report() throws Exception {
    BenchReport.write(Path.of("target/bench/real-controllers.json"), results);
  }
}
