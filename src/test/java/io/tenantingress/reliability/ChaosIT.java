package io.tenantingress.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.reconciler.TenantIngressOperator;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import io.tenantingress.testing.ApiServerPartition;
import io.tenantingress.testing.ControlPlaneFaults;
import io.tenantingress.testing.ExactState;
import io.tenantingress.testing.KubernetesExtension;
import io.tenantingress.testing.OperatorProcess;
import io.tenantingress.testing.RealControllerFixtures;
import io.tenantingress.testing.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator as it ships (the packaged jar in its own JVM, {@link OperatorProcess}) through the faults an
 * operations team meets: SIGKILLs during a burst on both layouts, the leader killed among two replicas, the API
 * server and then etcd stopped during creates and deletes, the API server unreachable for longer than
 * java-operator-sdk's default retry lasts, deletions with a kill in the middle, rapid edits of one TenantIngress.
 * After each, the cluster must be in exactly the state the operator's planner calls for ({@link ExactState});
 * throughout, a bystander tenant's Ready never flips. The scenarios after the first hit the ListenerSet layout,
 * which takes any number of hostnames: on the Gateway layout a burst's tenants beyond 64 certificates are denied
 * (a Gateway API limit) and would have nothing written for them.
 *
 * <p>Runs on an API server of its own, because it stops it, with the real Envoy Gateway, cert-manager (a CA
 * issuer) and kube-controller-manager beside it ({@link io.tenantingress.sandbox.RealControllers}): every Ready
 * checked is their verdict, and they live through the same outages. Only what cannot run here is stood in for:
 * the Envoy proxy's Pods and load balancer (the environment's {@code EnvoyProxyStandIn}). It runs in the suite's
 * first execution, where no other Envoy Gateway holds the machine's fixed ports.
 *
 * <p>Small by default (the normal suite); {@code hack/chaos.sh} runs it at several hundred tenants with longer
 * outages. The seed of the random moments is printed and can be replayed with {@code -Dchaos.seed}. Assertions
 * are on final states and counts, and on one time only, with a wide margin: ready again within seconds of the API
 * server's return; the other times go into the table it prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

  private static final int TENANTS = Integer.getInteger("chaos.tenants", 12);
  private static final Duration STOPPED = Duration.ofSeconds(Integer.getInteger("chaos.stoppedSeconds", 20));
  private static final Duration UNREACHABLE = Duration.ofSeconds(Integer.getInteger("chaos.unreachableSeconds", 60));
  /** java-operator-sdk's default retry: the first attempt and 5 more, 2 s apart growing by half each time. */
  private static final int DEFAULT_RETRY_ATTEMPTS = 6;
  private static final Pattern FAILED_ATTEMPT = Pattern.compile("reconcile failed \\(attempt (\\d+)\\)");
  private static final Duration CONVERGENCE = Duration.ofMinutes(Integer.getInteger("chaos.convergenceMinutes", 5));
  private static final long SEED = Long.getLong("chaos.seed", System.currentTimeMillis());
  private static final String LEASE_NAMESPACE = "chaos-system";
  private static final String CLASS_SPEC = """
      gateway: {namespace: %s}
      tenantListeners: %s
      clientIP: {proxyProtocol: {}}
      certificates: {issuerRef: {kind: ClusterIssuer, name: %s}}
      """;

  private final Random random = new Random(SEED);
  private final Path projectDir = KubernetesExtension.projectDir();
  private final List<String> table = new CopyOnWriteArrayList<>();
  private final List<String> bystanderReady = new CopyOnWriteArrayList<>();
  private EmbeddedKubernetes kube;
  private KubernetesClient client;
  private Path kubeconfig;
  private Watch bystanderWatch;
  private int processes;

  @BeforeAll
  void startApiServer() throws Exception {
    System.out.println("chaos seed " + SEED + " (replay with -Dchaos.seed=" + SEED + ")");
    kube = EmbeddedKubernetes.start(TestEnvironmentLocation.resolve(projectDir));
    client = kube.newClient();
    kubeconfig = kube.writeKubeconfig();
    client.resource(new NamespaceBuilder().withNewMetadata().withName(LEASE_NAMESPACE).endMetadata().build())
        .create();
    kube.startRealControllers();
    new RealControllerFixtures(client).caIssuer();
    Workload.createClass(client, "chaos-gw", CLASS_SPEC.formatted("chaos-gw-gateway", "Gateway",
        RealControllerFixtures.CA_ISSUER));
    Workload.createClass(client, "chaos-ls", CLASS_SPEC.formatted("chaos-ls-gateway", "ListenerSet",
        RealControllerFixtures.CA_ISSUER));
    Workload.service(client, "bystander");
    Workload.applyTenant(client, "chaos-gw", "bystander", 1);
    try (OperatorProcess operator = start("bystander")) {
      awaitExact("bystander", 1, 0);
    }
    bystanderWatch = client.resources(TenantIngress.class).inNamespace("bystander").withName("web")
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, TenantIngress tenant) {
            bystanderReady.add(action + " " + ready(tenant));
          }

          @Override
          public void onClose(WatcherException cause) {
            // Reconnected by the client; an outage closes it for a while.
          }
        });
  }

  @AfterAll
  void bystanderNeverFlippedAndTable() throws IOException {
    if (bystanderWatch != null) {
      bystanderWatch.close();
    }
    String report = "| scenario | tenants | faults | recovery s | objects expected/found | writes |\n"
        + "|---|---|---|---|---|---|\n" + String.join("\n", table) + "\n";
    System.out.println("chaos seed " + SEED + "\n" + report);
    Files.createDirectories(projectDir.resolve("target/chaos"));
    Files.writeString(projectDir.resolve("target/chaos/results.md"), "seed " + SEED + "\n\n" + report);
    client.close();
    kube.close();
    assertThat(bystanderReady).as("the bystander's Ready through every scenario").allMatch(r -> r.endsWith(" True"));
  }

  @Order(1)
  @ParameterizedTest(name = "{0} layout")
  @ValueSource(strings = {"Gateway", "ListenerSet"})
  void burstWithThreeKills(String layout) throws Exception {
    String className = layout.equals("Gateway") ? "chaos-gw" : "chaos-ls";
    String prefix = "kill-" + layout.toLowerCase();
    OperatorProcess operator = start(prefix);
    long writes = 0;
    Workload.createTenants(client, className, prefix, TENANTS, 2, true);
    for (int kill = 0; kill < 3; kill++) {
      Thread.sleep(200 + random.nextInt(2_000));
      writes += operator.writes();
      operator.kill();
      operator = start(prefix);
    }
    try (OperatorProcess last = operator) {
      record("burst, " + layout + " layout", TENANTS, "3 × SIGKILL", awaitExact(prefix, TENANTS, 0),
          writes + last.writes());
    }
  }

  /**
   * @param timings the chart's defaults (15 s lease, 10 s renew deadline, 2 s retry period), or a faster setting
   *     (5 s, 3 s, 1 s)
   */
  @Order(2)
  @ParameterizedTest(name = "{0} lease timings")
  @ValueSource(strings = {"default", "fast"})
  void leaderKilledMidBurst(String timings) throws Exception {
    String prefix = "failover-" + timings;
    List<String> lease = timings.equals("fast")
        ? List.of("--lease-duration=5s", "--renew-deadline=3s", "--retry-period=1s") : List.of();
    OperatorProcess first = startReplica("replica-a", lease);
    OperatorProcess second = startReplica("replica-b", lease);
    awaitTrue(() -> holder() != null, Duration.ofMinutes(1));
    OperatorProcess leader = "replica-a".equals(holder()) ? first : second;
    OperatorProcess follower = leader == first ? second : first;
    Workload.createTenants(client, "chaos-ls", prefix, TENANTS, 2, true);
    Thread.sleep(500 + random.nextInt(2_000));
    assertThat(follower.writes()).as("the follower's writes before it leads").isZero();
    assertThat(follower.reconciles()).as("the follower's reconciles before it leads").isZero();
    long leaderWrites = leader.writes();
    leader.kill();
    long killed = System.nanoTime();
    awaitTrue(() -> follower.reconciles() > 0, Duration.ofMinutes(1));
    double takeover = (System.nanoTime() - killed) / 1e9;
    try (OperatorProcess survivor = follower) {
      double recovery = awaitExact(prefix, TENANTS, 0);
      table.add(("| leader SIGKILLed among 2 replicas, %s lease timings (new leader reconciling after %.1f s) | %d "
          + "| 1 × SIGKILL | %.1f | %s | %d |").formatted(timings, takeover, TENANTS, recovery, objects(),
          leaderWrites + survivor.writes()));
      // A rolling update: the leader stopped gracefully hands the Lease to a waiting replica.
      try (OperatorProcess standby = startReplica("replica-c", lease)) {
        survivor.close();
        long stopped = System.nanoTime();
        awaitTrue(() -> "replica-c".equals(holder()), Duration.ofMinutes(1));
        table.add("| leader stopped with SIGTERM, %s lease timings (handover after %.1f s) | %d | 1 × SIGTERM | - | %s | %d |"
            .formatted(timings, (System.nanoTime() - stopped) / 1e9, TENANTS, objects(), standby.writes()));
        awaitExact(prefix, TENANTS, 0);
      }
    }
  }

  /**
   * Creates and deletes in flight, then the kube-apiserver or etcd stopped (SIGSTOP: requests hang rather than fail)
   * for {@link #STOPPED}; then resumed. The lines logged while it is stopped are counted and bounded.
   */
  @Order(3)
  @ParameterizedTest(name = "{0} stopped")
  @ValueSource(strings = {"kube-apiserver", "etcd"})
  void controlPlaneStoppedDuringCreatesAndDeletes(String server) throws Exception {
    boolean etcd = server.equals("etcd");
    String prefix = "outage-" + (etcd ? "etcd" : "api");
    ControlPlaneFaults faults = ControlPlaneFaults.of(kube);
    Path log = log(prefix);
    try (OperatorProcess operator = OperatorProcess.start(projectDir, kubeconfig, log, null, List.of())) {
      Workload.createTenants(client, "chaos-ls", prefix, TENANTS, 1, true);
      awaitExact(prefix, TENANTS, 0);
      Workload.createTenants(client, "chaos-ls", prefix + "-new", TENANTS, 1, true);
      deleteTenants(prefix, TENANTS / 2);
      Thread.sleep(random.nextInt(1_000));
      int linesBefore = Files.readAllLines(log).size();
      long stopped = System.nanoTime();
      if (etcd) {
        faults.stopEtcd();
      } else {
        faults.stopApiServer();
      }
      try {
        awaitTrue(() -> !operator.ready(), STOPPED.plusSeconds(10));
        Thread.sleep(Math.max(0, STOPPED.toMillis() - (System.nanoTime() - stopped) / 1_000_000));
      } finally {
        if (etcd) {
          faults.resumeEtcd();
        } else {
          faults.resumeApiServer();
        }
      }
      long resumed = System.nanoTime();
      List<String> duringOutage = linesSince(log, linesBefore);
      awaitTrue(operator::ready, Duration.ofMinutes(1));
      double readyAgain = (System.nanoTime() - resumed) / 1e9;
      double recovery = awaitExact(prefix, TENANTS, TENANTS / 2);
      List<String> logged = linesSince(log, linesBefore);
      long warnings = logged.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).count();
      table.add(("| %s stopped %d s during creates and deletes (ready again after %.1f s; %d lines logged while"
          + " away, %d warnings until exact) | %d | 1 × outage | %.1f | %s | %d |").formatted(server,
          STOPPED.toSeconds(), readyAgain, duringOutage.size(), warnings, TENANTS * 2, recovery, objects(),
          operator.writes()));
      assertThat(logged).as("stack traces logged through the outage").noneMatch(l -> l.matches("^\\s+at .*"));
      assertThat(logged.stream().filter(l -> l.contains("ApiServerProbe") && l.contains(" WARN ")))
          .as("the probe's warnings: one when the server stops answering").hasSize(1);
      assertThat(logged).as("the probe's line when the server answers again")
          .anyMatch(l -> l.contains("the API server answers again"));
      assertThat(duringOutage).as("lines logged while the server was away (%d tenants in flight)", TENANTS * 2)
          .hasSizeLessThanOrEqualTo(lineBound(TENANTS * 2, STOPPED));
      assertThat(operator.running()).as("the operator survived the outage without a restart").isTrue();
    }
  }

  /**
   * The API server unreachable for the operator (connections closed, new ones refused: {@link ApiServerPartition})
   * for {@link #UNREACHABLE}, longer than java-operator-sdk's default retry ({@value #DEFAULT_RETRY_ATTEMPTS}
   * attempts) would have kept a reconcile going, from the moment the operator began on a burst of creates. Once it
   * is back, the test sends nothing more: the reconciles that failed must go on being retried until they succeed,
   * and the operator must be ready again within seconds (watches reconnected). The lines logged while it was away
   * are counted and bounded: one per object per backoff step and the probe's one warning, no stack trace.
   */
  @Order(4)
  @Test
  void apiServerUnreachableLongerThanTheDefaultRetry() throws Exception {
    String prefix = "unreachable";
    Path log = log(prefix);
    try (ApiServerPartition partition = ApiServerPartition.in(kube);
        OperatorProcess operator = OperatorProcess.start(projectDir,
            partition.writeKubeconfig(kube, projectDir.resolve("target/chaos/partition.kubeconfig")), log, null,
            List.of())) {
      long reconciles = operator.reconciles();
      Workload.createTenants(client, "chaos-ls", prefix, TENANTS, 1, true);
      awaitTrue(() -> operator.reconciles() > reconciles, Duration.ofMinutes(1));
      int linesBefore = Files.readAllLines(log).size();
      partition.cut();
      try {
        awaitTrue(() -> !operator.ready(), Duration.ofSeconds(30));
        Thread.sleep(UNREACHABLE.toMillis());
      } finally {
        partition.heal();
      }
      long healed = System.nanoTime();
      List<String> whileAway = linesSince(log, linesBefore);
      awaitTrue(operator::ready, Duration.ofMinutes(1));
      double readyAgain = (System.nanoTime() - healed) / 1e9;
      double recovery = awaitExact(prefix, TENANTS, 0);
      List<String> logged = linesSince(log, linesBefore);
      int attempts = logged.stream().map(FAILED_ATTEMPT::matcher).filter(Matcher::find)
          .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
      table.add(("| kube-apiserver unreachable %d s from the start of a burst (ready again after %.1f s; %d lines "
          + "logged while away; reconciles retried up to attempt %d) | %d | 1 × partition | %.1f | %s | %d |")
          .formatted(UNREACHABLE.toSeconds(), readyAgain, whileAway.size(), attempts, TENANTS, recovery, objects(),
              operator.writes()));
      assertThat(attempts).as("the most attempts a failed reconcile made (java-operator-sdk's default gives up"
          + " after %d)", DEFAULT_RETRY_ATTEMPTS).isGreaterThan(DEFAULT_RETRY_ATTEMPTS);
      assertThat(readyAgain).as("seconds until ready again after the API server's return").isLessThan(15);
      assertThat(logged).as("stack traces logged").noneMatch(l -> l.matches("^\\s+at .*"));
      assertThat(whileAway.stream().filter(l -> l.contains("ApiServerProbe")))
          .as("the probe's lines while away: one warning").hasSize(1);
      assertThat(whileAway).as("lines logged while the server was away (%d tenants in flight)", TENANTS)
          .hasSizeLessThanOrEqualTo(lineBound(TENANTS, UNREACHABLE));
    }
  }

  /**
   * What "one line per object per backoff step" allows in an outage: each TenantIngress (and its class) may fail
   * once per attempt of a backoff that starts at 1 s and doubles, and log each of its (at most 8) writes once; the
   * probe warns once.
   */
  private static int lineBound(int objects, Duration outage) {
    int attempts = 2 + (int) Math.ceil(Math.log(outage.toSeconds()) / Math.log(2));
    return (objects + 2) * (attempts + 8) + 1;
  }

  private static List<String> linesSince(Path log, int from) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return lines.subList(from, lines.size());
  }

  @Order(5)
  @Test
  void deletionsWithAKill() throws Exception {
    String prefix = "delete";
    OperatorProcess operator = start(prefix);
    Workload.createTenants(client, "chaos-ls", prefix, TENANTS, 2, true);
    awaitExact(prefix, TENANTS, 0);
    int deleted = TENANTS / 2;
    Map<String, String> survivors = tenantObjectVersions(prefix, deleted);
    long writes = operator.writes();
    deleteTenants(prefix, deleted);
    Thread.sleep(random.nextInt(1_500));
    operator.kill();
    try (OperatorProcess restarted = start(prefix)) {
      double recovery = awaitExact(prefix, TENANTS, deleted);
      record("deletions with a SIGKILL", deleted, "1 × SIGKILL", recovery, writes + restarted.writes());
      assertThat(tenantObjectVersions(prefix, deleted)).as("the remaining tenants' objects, untouched")
          .isEqualTo(survivors);
    }
  }

  @Order(6)
  @Test
  void rapidEditsOfOneTenant() throws Exception {
    String namespace = "edits";
    try (OperatorProcess operator = start(namespace)) {
      Workload.service(client, namespace);
      Workload.applyTenant(client, "chaos-ls", namespace, 1);
      int edits = 50;
      for (int i = 0; i < edits; i++) {
        Workload.applyTenant(client, "chaos-ls", namespace, 1 + i % 3);
        Thread.sleep(random.nextInt(200));
      }
      double recovery = awaitExact(namespace, 1, 0);
      TenantIngress tenant = client.resources(TenantIngress.class).inNamespace(namespace).withName("web").get();
      assertThat(tenant.getStatus().hostnames().stream().map(h -> h.hostname()).sorted().toList())
          .isEqualTo(tenant.getSpec().hostnames().stream().sorted().toList());
      record(edits + " edits of one TenantIngress", 1, "-", recovery, operator.writes());
    }
  }

  private OperatorProcess start(String scenario) throws IOException, InterruptedException {
    return OperatorProcess.start(projectDir, kubeconfig, log(scenario), null, List.of());
  }

  private OperatorProcess startReplica(String identity, List<String> lease) throws IOException,
      InterruptedException {
    List<String> arguments = new ArrayList<>(List.of("--leader-election",
        "--leader-election-namespace=" + LEASE_NAMESPACE));
    arguments.addAll(lease);
    return OperatorProcess.start(projectDir, kubeconfig, log(identity), identity, arguments);
  }

  private Path log(String name) {
    return projectDir.resolve("target/chaos/operator-" + (++processes) + "-" + name + ".log");
  }

  private String holder() {
    Lease lease = client.resources(Lease.class).inNamespace(LEASE_NAMESPACE)
        .withName(TenantIngressOperator.LEASE_NAME).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** Deletes tenants {@code <prefix>-0} .. {@code <prefix>-(count-1)}. */
  private void deleteTenants(String prefix, int count) {
    for (int i = 0; i < count; i++) {
      client.resources(TenantIngress.class).inNamespace(prefix + "-" + i).withName("web").delete();
    }
  }

  /** The resourceVersions of the objects rendered for tenants {@code <prefix>-<from>} onwards. */
  private Map<String, String> tenantObjectVersions(String prefix, int from) {
    Map<String, String> versions = new HashMap<>();
    for (int i = from; i < TENANTS; i++) {
      String namespace = prefix + "-" + i;
      for (Class<? extends HasMetadata> kind : List.of(io.fabric8.certmanager.api.model.v1.Certificate.class,
          io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class, io.tenantingress.gatewayapi.ListenerSet.class)) {
        client.resources(kind).inAnyNamespace().withLabel(OwnershipLabels.TENANT_NAMESPACE, namespace).list()
            .getItems().forEach(o -> versions.put(o.getKind() + " " + o.getMetadata().getNamespace() + "/"
                + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
      }
    }
    return versions;
  }

  /**
   * Waits until the cluster is exactly as planned, with {@code tenants - deleted} of the scenario's tenants left;
   * fails with every difference otherwise. Returns the seconds it took.
   */
  private double awaitExact(String prefix, int tenants, int deleted) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + CONVERGENCE.toNanos();
    ExactState state = ExactState.of(client);
    while (!(state.exact() && remaining(prefix) == tenants - deleted) && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      state = ExactState.of(client);
    }
    assertThat(state.problems()).as("differences from the exact state after " + prefix).isEmpty();
    assertThat(remaining(prefix)).isEqualTo(tenants - deleted);
    return (System.nanoTime() - start) / 1e9;
  }

  private long remaining(String prefix) {
    return client.resources(TenantIngress.class).inAnyNamespace().list().getItems().stream()
        .filter(t -> t.getMetadata().getNamespace().equals(prefix)
            || t.getMetadata().getNamespace().startsWith(prefix + "-")
            && !t.getMetadata().getNamespace().startsWith(prefix + "-new"))
        .count();
  }

  private String objects() {
    ExactState state = ExactState.of(client);
    return state.expected() + "/" + state.found();
  }

  private void record(String scenario, int tenants, String faults, double recovery, long writes) {
    table.add("| %s | %d | %s | %.1f | %s | %d |".formatted(scenario, tenants, faults, recovery, objects(), writes));
  }

  private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  private static String ready(TenantIngress tenant) {
    return tenant.getStatus() == null ? "none" : tenant.getStatus().conditions().stream()
        .filter(c -> "Ready".equals(c.getType())).map(Condition::getStatus).findFirst().orElse("none");
  }
}
