package io.tenantingress.bench;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.TenantIngressStatus;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.Fixtures;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.ResourceNames;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.desired.WriteStep;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import io.tenantingress.testing.ControllerStandIns;
import io.tenantingress.testing.Workload;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The floor under P1 on this machine: the writes a P1 trial cannot do without, sent by one plain client in the order
 * they depend on each other (concurrently where the operator sends them concurrently), with no operator, no
 * controller and nobody watching. Per trial, in a fresh namespace, as in P1: the namespace and the TenantIngress
 * (the benchmark's), the namespace's labels, the Certificate beside the ListenerSet, the two routes beside the
 * issuance (the Secret, then the Certificate's status), the ListenerSet with its https listener, its verdict beside
 * the routes' ones, and the TenantIngress's Ready status. The objects are the operator's own, rendered by its
 * desired state; the statuses are {@link ControllerStandIns}', on purpose: a floor is the writes alone, and the real
 * Envoy Gateway's and cert-manager's time to decide (RealControllersBenchmark runs them) is part of what it leaves
 * out, as the benchmark's player leaves it out of P1. Left out too: what P1 adds on top (two plans, the
 * finalizer, the first status, the Ready event, the controllers' verdicts on the first ListenerSet, and the hops
 * from each write to whoever reacts to it). Also reports the API server's and etcd's CPU per write. Runs through
 * hack/bench.sh ({@code -Dit.test=WriteChainBenchmark}); {@code bench.trials} trials after 20 to warm up; writes
 * target/bench/write-chain.json.
 */
class WriteChainBenchmark {

  private static final int TRIALS = Integer.getInteger("bench.trials", 200);
  private static final int WARM_UP = 20;
  private static final TenantIngressClass CLASS = Fixtures.defaultClass("chain", """
      gateway: {namespace: chain-gw}
      tenantListeners: ListenerSet
      clientIP: {proxyProtocol: {}}
      certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
      """);

  private final ExecutorService concurrently = Executors.newFixedThreadPool(8);
  private final Map<String, List<Long>> nanos = new LinkedHashMap<>();

  @Test
  void run() throws Exception {
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(TestEnvironmentLocation.resolve(Path.of(".")));
        KubernetesClient client = kube.newClient()) {
      ControllerStandIns standIns = new ControllerStandIns(client);
      double cpuBefore = 0;
      long writes = 0;
      for (int trial = 0; trial < WARM_UP + TRIALS; trial++) {
        if (trial == WARM_UP) {
          cpuBefore = apiServerCpuSeconds();
          writes = 0;
        }
        writes += trial(client, standIns, "chain-" + trial, trial >= WARM_UP);
      }
      double cpuPerWrite = (apiServerCpuSeconds() - cpuBefore) * 1000 / writes;
      Map<String, Object> results = new LinkedHashMap<>();
      results.put("trials", TRIALS);
      results.put("writes per trial", writes / TRIALS);
      results.put("API server and etcd CPU per write (ms)", cpuPerWrite);
      nanos.forEach((what, times) -> {
        Collections.sort(times);
        results.put(what + " (ms, p50)", times.get(times.size() / 2) / 1e6);
        results.put(what + " (ms, p90)", times.get(times.size() * 9 / 10) / 1e6);
      });
      BenchReport.writeWithoutOperator(Path.of("target/bench/write-chain.json"), results);
    } finally {
      concurrently.shutdownNow();
    }
  }

  /** One trial's writes, each step timed; returns how many writes it sent. */
  private long trial(KubernetesClient client, ControllerStandIns standIns, String namespace, boolean recorded) {
    String hostname = "h0." + namespace + ".bench.example.com";
    TenantIngress tenant = Fixtures.tenantWithSpec(namespace, "web", 1, "className: chain\nhostnames: [" + hostname
        + "]\nroutes: [{hostname: " + hostname + ", service: web, port: 80}]");
    Plan planned = TenantIngressPlanner.plan(List.of(CLASS), List.of(tenant), ObservedFacts.NONE);
    ClassPlan pending = planned.forClass("chain").orElseThrow();
    ClassPlan issued = TenantIngressPlanner.plan(List.of(CLASS), List.of(tenant), Fixtures.issued(namespace + "/"
        + ResourceNames.tenantCertificateName(hostname))).forClass("chain").orElseThrow();
    Predicate<String> here = namespace::equals;
    List<HasMetadata> first = WriteStep.LISTENER_SETS_AND_CERTIFICATES.render(pending, here);
    List<HasMetadata> routes = WriteStep.ROUTES.render(pending, here);
    List<HasMetadata> second = WriteStep.LISTENER_SETS_AND_CERTIFICATES.render(issued, here).stream()
        .filter(ListenerSet.class::isInstance).toList();

    long start = System.nanoTime();
    step("1 the benchmark's namespace and TenantIngress", recorded,
        () -> Workload.applyTenant(client, "chain", namespace, 1));
    // The tenant's namespace only: the gateway namespace's label is the operator's once, not once per tenant.
    step("2 the namespace's labels", recorded, () -> NamespaceMetadataDesiredState.render(planned).stream()
        .filter(n -> n.getMetadata().getName().equals(namespace)).forEach(n -> apply(client, n)));
    List<HasMetadata> written = Collections.synchronizedList(new ArrayList<>());
    step("3 the Certificate beside the ListenerSet", recorded,
        first.stream().map(o -> (Runnable) () -> written.add(apply(client, o))).toArray(Runnable[]::new));
    Certificate certificate = written.stream().filter(Certificate.class::isInstance).map(Certificate.class::cast)
        .findFirst().orElseThrow();
    List<Runnable> routesAndIssuance = new ArrayList<>();
    List<HTTPRoute> writtenRoutes = Collections.synchronizedList(new ArrayList<>());
    routes.forEach(r -> routesAndIssuance.add(() -> writtenRoutes.add((HTTPRoute) apply(client, r))));
    routesAndIssuance.add(() -> standIns.issue(certificate));
    step("4 the routes beside the issuance", recorded, routesAndIssuance.toArray(Runnable[]::new));
    List<ListenerSet> programmed = new ArrayList<>();
    step("5 the https listener", recorded, () -> second.forEach(o -> programmed.add((ListenerSet) apply(client, o))));
    List<Runnable> verdicts = new ArrayList<>();
    programmed.forEach(l -> verdicts.add(() -> standIns.programListenerSet(l, (ns, secret) -> true)));
    writtenRoutes.forEach(r -> verdicts.add(() -> standIns.acceptRoute(r)));
    step("6 the verdicts on the ListenerSet and the routes", recorded, verdicts.toArray(Runnable[]::new));
    step("7 the Ready status", recorded, () -> ready(client, namespace));
    if (recorded) {
      nanos.computeIfAbsent("0 the chain", k -> new ArrayList<>()).add(System.nanoTime() - start);
    }
    return 2 + 1 + first.size() + routes.size() + 2 + second.size() + verdicts.size() + 1;
  }

  /** Runs the writes of one step concurrently, as the operator's passes and the controllers do, and times it. */
  private void step(String what, boolean recorded, Runnable... writes) {
    long start = System.nanoTime();
    CompletableFuture.allOf(Arrays.stream(writes).map(w -> CompletableFuture.runAsync(w, concurrently))
        .toArray(CompletableFuture[]::new)).join();
    if (recorded) {
      nanos.computeIfAbsent(what, k -> new ArrayList<>()).add(System.nanoTime() - start);
    }
  }

  private static HasMetadata apply(KubernetesClient client, HasMetadata object) {
    return client.resource(object).fieldManager("tenant-ingress-operator").forceConflicts().serverSideApply();
  }

  private static void ready(KubernetesClient client, String namespace) {
    TenantIngress status = new TenantIngress();
    status.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace(namespace).build());
    status.setStatus(new TenantIngressStatus(1L, "chain", List.of(new ConditionBuilder().withType("Ready")
        .withStatus("True").withReason("Ready").withMessage("every hostname is served").withObservedGeneration(1L)
        .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).build()), null, null));
    client.resource(status).subresource("status").patch(new PatchContext.Builder().withFieldManager("tenantingress")
        .withForce(true).withPatchType(PatchType.SERVER_SIDE_APPLY).build());
  }

  private static double apiServerCpuSeconds() {
    return ProcessHandle.allProcesses().filter(p -> p.info().command()
            .map(c -> c.endsWith("/kube-apiserver") || c.endsWith("/etcd")).orElse(false))
        .mapToDouble(p -> ProcessUsage.of(p.pid()).cpuSeconds()).sum();
  }
}
