package io.tenantingress.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.Fixtures;
import io.tenantingress.desired.NamespaceMetadataDesiredState;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.ResourceNames;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.desired.WriteStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a plan and a class pass compute, without a cluster: {@code bench.renderTenants} tenants (6,000 by default,
 * P2's 5,000 beside P1's 1,000) with two hostnames each on one ListenerSet class, half of their certificates
 * issued; the plan, the plan again beside it, the plan after one more certificate is issued and what it sets on
 * every namespace (as the operator's planner makes each next plan), then each {@link WriteStep}'s objects rendered
 * and fingerprinted as a pass does. 30 rounds in the benchmark driver's JVM, the median of the last 20 in
 * milliseconds; writes target/bench/rendering.json. Runs through hack/bench.sh
 * ({@code -Dit.test=RenderingBenchmark}).
 */
class RenderingBenchmark {

  private static final int TENANTS = Integer.getInteger("bench.renderTenants", 6000);
  private static final int ROUNDS = 30;
  private static final int WARM_UP = 10;

  @Test
  void run() throws IOException {
    TenantIngressClass tenantClass = Fixtures.defaultClass("bench", """
        gateway: {namespace: gw}
        tenantListeners: ListenerSet
        clientIP: {proxyProtocol: {}}
        certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
        """);
    List<TenantIngress> tenants = new ArrayList<>();
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < TENANTS; i++) {
      String namespace = "ns-" + i;
      tenants.add(Fixtures.tenant(namespace, "web", i % 1000, "a" + i + ".example.com", "b" + i + ".example.com"));
      if (i % 2 == 0) {
        issued.add(namespace + "/" + ResourceNames.tenantCertificateName("a" + i + ".example.com"));
      }
    }
    ObservedFacts facts = Fixtures.issued(issued.toArray(String[]::new));
    issued.add("ns-1/" + ResourceNames.tenantCertificateName("a1.example.com"));
    ObservedFacts moreIssued = Fixtures.issued(issued.toArray(String[]::new));

    Map<String, List<Long>> nanos = new LinkedHashMap<>();
    int objects = 0;
    int fingerprint = 0;
    for (int round = 0; round < ROUNDS; round++) {
      objects = 0;
      long start = System.nanoTime();
      Plan plan = TenantIngressPlanner.plan(List.of(tenantClass), tenants, facts);
      record(nanos, round, "plan", start);
      // What the operator's planner does on each change: plan again beside the previous plan, and what it sets on
      // every namespace beside what the previous plan set.
      long again = System.nanoTime();
      Plan next = TenantIngressPlanner.plan(List.of(tenantClass), tenants, facts, Optional.of(plan));
      record(nanos, round, "plan again", again);
      // A certificate issued: what the planner makes when nothing else changed.
      long issuance = System.nanoTime();
      TenantIngressPlanner.withIssuance(next, moreIssued);
      record(nanos, round, "plan after an issuance", issuance);
      long metadataStart = System.nanoTime();
      Map<String, Namespace> previous = new HashMap<>();
      NamespaceMetadataDesiredState.render(plan).forEach(n -> previous.put(n.getMetadata().getName(), n));
      fingerprint = 31 * fingerprint + NamespaceMetadataDesiredState.render(next, previous::get).size();
      record(nanos, round, "namespace metadata (twice)", metadataStart);
      ClassPlan classPlan = plan.forClass("bench").orElseThrow();
      for (WriteStep step : WriteStep.values()) {
        long stepStart = System.nanoTime();
        for (HasMetadata object : step.render(classPlan, WriteStep.EVERY_NAMESPACE)) {
          fingerprint = 31 * fingerprint + object.hashCode();
          objects++;
        }
        record(nanos, round, "render " + step, stepStart);
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("tenants", TENANTS);
    results.put("objects per pass", objects);
    // Printed so that the fingerprints a pass computes are computed here too.
    results.put("fingerprint", fingerprint);
    nanos.forEach((what, times) -> results.put(what + " (ms, median)", median(times) / 1e6));
    BenchReport.writeWithoutOperator(Path.of("target/bench/rendering.json"), results);
  }

  private static void record(Map<String, List<Long>> nanos, int round, String what, long start) {
    if (round >= WARM_UP) {
      nanos.computeIfAbsent(what, k -> new ArrayList<>()).add(System.nanoTime() - start);
    }
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }
}
