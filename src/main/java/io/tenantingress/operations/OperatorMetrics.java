package io.tenantingress.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.reconciler.TenantIngressOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The product's own metrics, next to java-operator-sdk's reconcile metrics: TenantIngresses and hostnames by
 * class and state (conflicts among them), and the writes the operator sent by kind.
 */
public final class OperatorMetrics {

  private static final List<String> TENANT_STATES = List.of("Ready", "Pending", "Conflict", "Denied");

  private final TenantIngressOperator operator;
  private final MultiGauge tenants;
  private final MultiGauge hostnames;
  private final MultiGauge writes;

  public OperatorMetrics(MeterRegistry registry, TenantIngressOperator operator) {
    this.operator = operator;
    this.tenants = MultiGauge.builder("tenantingress.tenants")
        .description("TenantIngresses per class and state: Conflict or Denied when one hostname is, Ready when "
            + "every hostname's certificate is served, else Pending").register(registry);
    this.hostnames = MultiGauge.builder("tenantingress.hostnames")
        .description("Hostnames per class and state (Ready, Pending, Conflict, Denied)").register(registry);
    this.writes = MultiGauge.builder("tenantingress.writes")
        .description("Objects written (applied or deleted) since start, per kind").register(registry);
    Gauge.builder("tenantingress.unresolved.tenants", () -> operator.plan().map(p -> p.unresolved().size())
        .orElse(0)).description("TenantIngresses whose class does not resolve").register(registry);
  }

  private static String state(TenantPlan tenant) {
    List<HostnameState> states = tenant.hostnames().stream().map(HostnamePlan::state).toList();
    if (states.contains(HostnameState.Conflict)) {
      return "Conflict";
    }
    if (states.contains(HostnameState.Denied)) {
      return "Denied";
    }
    return states.stream().allMatch(HostnameState.Ready::equals) ? "Ready" : "Pending";
  }

  /** Brings the gauges up to date; called before each scrape. */
  public void refresh() {
    Plan plan = operator.plan().orElse(null);
    List<MultiGauge.Row<?>> tenantRows = new ArrayList<>();
    List<MultiGauge.Row<?>> hostnameRows = new ArrayList<>();
    if (plan != null) {
      for (ClassPlan classPlan : plan.classes()) {
        String className = classPlan.tenantClass().name();
        Map<String, Long> tenantsByState = classPlan.tenants().stream()
            .collect(Collectors.groupingBy(OperatorMetrics::state, Collectors.counting()));
        for (String state : TENANT_STATES) {
          tenantRows.add(MultiGauge.Row.of(Tags.of("class", className, "state", state),
              tenantsByState.getOrDefault(state, 0L)));
        }
        Map<HostnameState, Long> byState = classPlan.tenants().stream().flatMap(t -> t.hostnames().stream())
            .collect(Collectors.groupingBy(HostnamePlan::state, Collectors.counting()));
        for (HostnameState state : HostnameState.values()) {
          hostnameRows.add(MultiGauge.Row.of(Tags.of("class", className, "state", state.name()),
              byState.getOrDefault(state, 0L)));
        }
      }
    }
    tenants.register(tenantRows, true);
    hostnames.register(hostnameRows, true);
    writes.register(operator.writes().byKind().entrySet().stream()
        .map(e -> MultiGauge.Row.of(Tags.of("kind", e.getKey()), e.getValue())).collect(Collectors.toList()), true);
  }
}
