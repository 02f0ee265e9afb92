package io.tenantingress.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.DesiredObjects;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import io.tenantingress.testing.ControllerPlayer;
import io.tenantingress.testing.OperatorProcess;
import io.tenantingress.testing.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * P1 latency, P2 scale against the raw-write baseline, P3 resync, P4 burst: see docs/benchmarks.md. Runs only
 * through hack/bench.sh (the name matches neither Surefire's nor Failsafe's default patterns). Scales come from
 * system properties so that a quick run is possible: bench.tenants, bench.existing, bench.trials, bench.burst.
 */
class OperatorBenchmark {

  private static final Duration CONVERGENCE = Duration.ofMinutes(40);
  private static final int TENANTS = Integer.getInteger("bench.tenants", 5000);
  private static final int EXISTING = Integer.getInteger("bench.existing", 1000);
  private static final int TRIALS = Integer.getInteger("bench.trials", 200);
  private static final int BURST = Integer.getInteger("bench.burst", 500);
  private static final String CLASS_SPEC = """
      gateway: {namespace: %s}
      tenantListeners: ListenerSet
      clientIP: {proxyProtocol: {}}
      certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
      """;

  private final Map<String, Object> results = new LinkedHashMap<>();

  private final Path projectDir = Path.of(System.getProperty("tenantingress.projectDir", "."));
  private Path kubeconfig;

  @Test
  void run() throws Exception {
    var location = TestEnvironmentLocation.resolve(projectDir);
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(location);
        KubernetesClient client = kube.newClient();
        ControllerPlayer player = new ControllerPlayer(client);
        ReadyTracker tracker = new ReadyTracker(client)) {
      kubeconfig = kube.writeKubeconfig();
      OperatorProcess operator = startOperator("operator-1");
      try {
        latency(client, tracker, operator, player, 0);
        report();
        if (EXISTING > 0) {
          // With none, a second round would reuse the first's namespaces and time TenantIngresses already Ready.
          latency(client, tracker, operator, player, EXISTING);
          report();
        }
        Plan converged = scale(client, tracker, operator, player);
        settle(client, operator);
        report();
        operator.close();
        operator = resync(client);
        report();
        burst(client, tracker, operator);
        report();
        results.put("p2.baselineSeconds", baseline(location, converged));
        results.put("p2.ratio", (double) results.get("p2.convergenceSeconds") / (double) results.get(
            "p2.baselineSeconds"));
      } finally {
        operator.close();
      }
    }
    report();
  }

  /**
   * P1: one TenantIngress into a class that already serves {@code existing} tenants, until it is Ready. Beside the
   * times, what a trial costs, which the machine's speed does not move: the requests the API server served per
   * trial (and the operator's share of them), and the CPU the API server and the operator spent.
   */
  private void latency(KubernetesClient client, ReadyTracker tracker, OperatorProcess operator,
      ControllerPlayer player, int existing) throws Exception {
    String className = "p1-" + existing;
    createClass(client, className, "p1gw-" + existing);
    List<String> background = Workload.createTenants(client, className, "p1b" + existing, existing, 1);
    tracker.awaitAll(background, CONVERGENCE, operator::running);
    player.awaitIdle(Duration.ofSeconds(2));
    awaitQuiet(operator, Duration.ofSeconds(5));
    Map<String, Long> requestsBefore = ApiServerRequests.snapshot(client);
    double apiServerCpuBefore = ApiServerRequests.cpuSeconds(client);
    double operatorCpuBefore = ProcessUsage.of(operator.pid()).cpuSeconds();
    long playerBefore = player.requests();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      String namespace = "p1t" + existing + "-" + i;
      long start = System.nanoTime();
      Workload.applyTenant(client, className, namespace, 1);
      tracker.awaitAll(List.of(namespace + "/web"), Duration.ofSeconds(60), operator::running);
      millis.add((tracker.readyAt(namespace, "web") - start) / 1_000_000);
    }
    String prefix = "p1.n" + existing + ".";
    long served = ApiServerRequests.between(requestsBefore, ApiServerRequests.snapshot(client)).values().stream()
        .mapToLong(Long::longValue).sum();
    results.put(prefix + "requestsPerTrial", (double) served / TRIALS);
    // The workload's namespace and TenantIngress, and the player's verdicts, are not the operator's.
    results.put(prefix + "operatorRequestsPerTrial", (double) (served - 2L * TRIALS - (player.requests()
        - playerBefore)) / TRIALS);
    results.put(prefix + "apiServerCpuMillisPerTrial", (ApiServerRequests.cpuSeconds(client) - apiServerCpuBefore)
        * 1000 / TRIALS);
    results.put(prefix + "operatorCpuMillisPerTrial", (ProcessUsage.of(operator.pid()).cpuSeconds()
        - operatorCpuBefore) * 1000 / TRIALS);
    millis.sort(Long::compare);
    results.put("p1.n" + existing + ".p50Millis", millis.get(millis.size() / 2));
    results.put("p1.n" + existing + ".p99Millis", millis.get((int) Math.ceil(millis.size() * 0.99) - 1));
  }

  private OperatorProcess startOperator(String name) throws IOException, InterruptedException {
    return OperatorProcess.start(projectDir, kubeconfig, projectDir.resolve("target/bench/" + name + ".log"));
  }

  /** P2: {@value #TENANTS} tenants with two hostnames each, created as fast as a client can, until all Ready. */
  private Plan scale(KubernetesClient client, ReadyTracker tracker, OperatorProcess operator,
      ControllerPlayer player) throws Exception {
    createClass(client, "p2", "p2gw");
    Map<String, Long> requestsBefore = ApiServerRequests.snapshot(client);
    double cpuBefore = ApiServerRequests.cpuSeconds(client);
    double operatorCpuBefore = ProcessUsage.of(operator.pid()).cpuSeconds();
    long playerBefore = player.requests();
    CompletableFuture<Void> profile = ApiServerProfile.start(client,
        projectDir.resolve("target/bench/apiserver-p2.pb.gz"));
    long start = System.nanoTime();
    List<String> tenants = Workload.createTenants(client, "p2", "p2t", TENANTS, 2);
    long created = System.nanoTime();
    long last = tracker.awaitAll(tenants, CONVERGENCE, operator::running);
    profile.join();
    results.put("p2.createSeconds", (created - start) / 1e9);
    results.put("p2.convergenceSeconds", (last - start) / 1e9);
    results.put("p2.convergenceAfterCreateSeconds", (last - created) / 1e9);
    ProcessUsage operatorUsage = ProcessUsage.of(operator.pid());
    results.put("p2.operatorRssMiB", operatorUsage.rssMiB());
    results.put("p2.operatorCpuSecondsPerTenant", (operatorUsage.cpuSeconds() - operatorCpuBefore) / TENANTS);
    results.put("p2.operatorHeapAfterGcMiB", operator.heapAfterGcMiB(projectDir.resolve(
        "target/bench/operator-heap-histogram.txt")));
    results.put("p2.layout", "ListenerSet (tenantListeners: ListenerSet): the seeds' single https listener holds "
        + "at most 64 hostnames");
    results.put("p2.operatorWrites", operator.writes());
    Map<String, Long> served = ApiServerRequests.between(requestsBefore, ApiServerRequests.snapshot(client));
    results.put("p2.apiServerRequests", served);
    results.put("p2.apiServerCpuSecondsPerTenant", (ApiServerRequests.cpuSeconds(client) - cpuBefore) / TENANTS);
    // The API server cannot tell clients apart: the operator's share is what is left once the player's writes and
    // the workload's (a namespace and a TenantIngress per tenant) are taken away; the tracker only watches.
    long total = served.values().stream().mapToLong(Long::longValue).sum();
    results.put("p2.playerRequests", player.requests() - playerBefore);
    results.put("p2.operatorRequestsPerTenant", (double) (total - (player.requests() - playerBefore)
        - 2L * TENANTS) / TENANTS);
    return converged(client, "p2");
  }

  /** The plan of one class as the operator computes it, from what the API server holds now. */
  private static Plan converged(KubernetesClient client, String className) {
    Plan plan = TenantIngressPlanner.plan(client.resources(TenantIngressClass.class).list().getItems(),
        client.resources(TenantIngress.class).inAnyNamespace().list().getItems(),
        ObservedFacts.fromCertificates(client.resources(io.fabric8.certmanager.api.model.v1.Certificate.class)
            .inAnyNamespace().list().getItems()));
    return new Plan(List.of(plan.forClass(className).orElseThrow()), List.of());
  }

  /**
   * Once every tenant is Ready, progress the status pipeline paced (a route's or certificate's detail arriving
   * after Ready) is still written within its interval; P3 starts from the state the operator settles in.
   */
  private void settle(KubernetesClient client, OperatorProcess operator) throws InterruptedException {
    Map<String, String> atReady = tenantVersions(client);
    awaitQuiet(operator, Duration.ofSeconds(10));
    results.put("p2.statusWritesAfterReady", changed(atReady, tenantVersions(client)));
  }

  private static long changed(Map<String, String> before, Map<String, String> after) {
    return before.entrySet().stream().filter(e -> !e.getValue().equals(after.get(e.getKey()))).count();
  }

  /** P3: a fresh operator process (every cache rebuilt, every object reconciled) over the converged P2 state. */
  private OperatorProcess resync(KubernetesClient client) throws Exception {
    Map<String, String> versions = tenantVersions(client);
    long start = System.nanoTime();
    OperatorProcess operator = startOperator("operator-2");
    long quietSince = awaitQuiet(operator, Duration.ofSeconds(5));
    Map<String, String> after = tenantVersions(client);
    results.put("p3.reconciles", operator.reconciles());
    results.put("p3.writes", operator.writes());
    results.put("p3.statusWrites", changed(versions, after));
    results.put("p3.seconds", (quietSince - start) / 1e9);
    return operator;
  }

  /** P4: {@value #BURST} tenants within about one second on one class. */
  private void burst(KubernetesClient client, ReadyTracker tracker, OperatorProcess operator) throws Exception {
    createClass(client, "p4", "p4gw");
    long gatewayWrites = operator.writes("Gateway");
    long start = System.nanoTime();
    List<String> tenants = Workload.createTenants(client, "p4", "p4t", BURST, 1);
    results.put("p4.createSeconds", (System.nanoTime() - start) / 1e9);
    tracker.awaitAll(tenants, CONVERGENCE, operator::running);
    results.put("p4.gatewayWrites", operator.writes("Gateway") - gatewayWrites);
    List<TenantIngress> burst = client.resources(TenantIngress.class).inAnyNamespace().list().getItems().stream()
        .filter(t -> t.getMetadata().getNamespace().startsWith("p4t")).toList();
    results.put("p4.conflicts", burst.stream().flatMap(t -> t.getStatus().hostnames().stream())
        .filter(h -> h.state() == HostnameState.Conflict).count());
    // Each hostname has an http listener of its own beside its https one: the https ones are what a burst can lose.
    long listeners = client.resources(ListenerSet.class).inAnyNamespace().list().getItems().stream()
        .filter(l -> l.getMetadata().getNamespace().startsWith("p4t"))
        .mapToLong(l -> l.getSpec().listeners().stream().filter(listener -> "HTTPS".equals(listener.getProtocol()))
            .count()).sum();
    results.put("p4.lost", BURST - listeners);
  }

  /**
   * The same final objects, server-side applied by a plain client into a fresh API server, with cert-manager and
   * Envoy Gateway played exactly as in the operator's run (the same {@link ControllerPlayer}): done when the last
   * object is applied and the player has issued, programmed and accepted everything.
   */
  private double baseline(TestEnvironmentLocation location, Plan converged) throws Exception {
    List<HasMetadata> objects = DesiredObjects.all(converged);
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(location); KubernetesClient client = kube.newClient();
        ControllerPlayer player = new ControllerPlayer(client)) {
      double cpuBefore = ApiServerRequests.cpuSeconds(client);
      CompletableFuture<Void> profile = ApiServerProfile.start(client,
          projectDir.resolve("target/bench/apiserver-baseline.pb.gz"));
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      objects.stream().filter(o -> o.getMetadata().getNamespace() != null).map(o -> o.getMetadata().getNamespace())
          .distinct().forEach(ns -> pool.submit(() -> client.resource(new NamespaceBuilder().withNewMetadata()
              .withName(ns).endMetadata().build()).fieldManager("baseline").serverSideApply()));
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
      ExecutorService apply = Executors.newFixedThreadPool(8);
      objects.forEach(o -> apply.submit(() -> client.resource(o).fieldManager("baseline").forceConflicts()
          .serverSideApply()));
      apply.shutdown();
      apply.awaitTermination(1, TimeUnit.HOURS);
      long applied = System.nanoTime();
      long played = player.awaitIdle(Duration.ofSeconds(3));
      profile.join();
      results.put("p2.baselineApiServerCpuSecondsPerTenant", (ApiServerRequests.cpuSeconds(client)
          - cpuBefore) / TENANTS);
      results.put("p2.baselineObjects", objects.size());
      results.put("p2.baselineApplySeconds", (applied - start) / 1e9);
      results.put("p2.baselinePlayerRequests", player.requests());
      results.put("p2.baselineApiServerRequests", ApiServerRequests.between(Map.of(),
          ApiServerRequests.snapshot(client)));
      return (Math.max(applied, played) - start) / 1e9;
    }
  }

  private static void createClass(KubernetesClient client, String name, String gatewayNamespace) {
    Workload.createClass(client, name, CLASS_SPEC.formatted(gatewayNamespace));
  }

  private static Map<String, String> tenantVersions(KubernetesClient client) {
    Map<String, String> versions = new LinkedHashMap<>();
    client.resources(TenantIngress.class).inAnyNamespace().list().getItems().forEach(t -> versions.put(
        t.getMetadata().getNamespace() + "/" + t.getMetadata().getName(), t.getMetadata().getResourceVersion()));
    return versions;
  }

  /** When the operator last reconciled or wrote, once it has done neither for {@code quiet}. */
  private static long awaitQuiet(OperatorProcess operator, Duration quiet) throws InterruptedException {
    long lastChange = System.nanoTime();
    long last = -1;
    while (System.nanoTime() - lastChange < quiet.toNanos()) {
      long now = operator.reconciles() + operator.writes();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
      Thread.sleep(50);
    }
    return lastChange;
  }

  private void report() throws IOException {
    results.put("scale", Map.of("tenants", TENANTS, "existing", EXISTING, "trials", TRIALS, "burst", BURST));
    BenchReport.write(Path.of("target/bench/results.json"), results);
  }
}
