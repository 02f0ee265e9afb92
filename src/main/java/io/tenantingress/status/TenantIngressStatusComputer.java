package io.tenantingress.status;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.tenantingress.api.v1alpha1.CertificateSummary;
import io.tenantingress.api.v1alpha1.GatewaySummary;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.HostnameStatus;
import io.tenantingress.api.v1alpha1.RouteSummary;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressStatus;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.HostnameReasons;
import io.tenantingress.desired.TenantPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A TenantIngress's status from its plan and what Envoy Gateway and cert-manager report: pure, so that every
 * state a user can meet is tested without a cluster. What the controllers say is read by
 * {@link GatewayApiConditions} and {@link CertManagerConditions}, judged one condition at a time by
 * {@link ListenerVerdicts}, {@link CertificateVerdicts} and {@link RouteVerdicts}, and summed up into
 * {@code Ready} by {@link ReadyAggregator}'s order of precedence: True only when every hostname is owned,
 * certificated and served for the current generation of everything involved; otherwise the first blocking
 * reason, with the fix in its message.
 */
public final class TenantIngressStatusComputer {

  /** Reasons of a condition that is False only because its objects are on their way: no event for these. */
  public static final Set<String> PROGRESS_REASONS = Set.of(HostnameReasons.CERTIFICATE_PENDING,
      StatusReasons.LISTENER_PENDING, StatusReasons.ROUTE_PENDING, StatusReasons.GATEWAY_NOT_FOUND,
      StatusReasons.PENDING);

  private TenantIngressStatusComputer() {
  }

  /**
   * @param plan the TenantIngress's plan
   * @param gateway the Gateway instance that serves it, if its class renders one for it
   */
  public static TenantIngressStatus compute(TenantIngress tenant, TenantPlan plan, Optional<GatewayInstance> gateway,
      ObservedTenantObjects observed, Instant now) {
    TenantIngressStatus previous = tenant.getStatus();
    long generation = Objects.requireNonNullElse(tenant.getMetadata().getGeneration(), 0L);
    ConditionSet conditions = new ConditionSet(previous == null ? null : previous.conditions(), generation, now);

    if (plan.tenantClass() == null) {
      String blocked = plan.classProblemReason();
      conditions.set(ConditionTypes.READY, false, blocked, plan.classProblemMessage())
          .set(ConditionTypes.ACCEPTED, false, blocked, plan.classProblemMessage());
      return new TenantIngressStatus(generation, tenant.getSpec().className(), conditions.conditions(), null,
          List.of());
    }

    // cert-manager's HTTP-01 challenge routes serve no hostname and take none from its owner: they are judged
    // only as the progress of a pending certificate.
    List<HTTPRoute> solverRoutes = java.util.stream.Stream.concat(observed.routesInNamespace().stream(),
        observed.routesElsewhereForItsHostnames().stream()).filter(AcmeSolverRoutes::isSolverRoute).toList();
    return admittedStatus(tenant, plan, gateway, new ObservedTenantObjects(observed.gateway(),
        observed.listenerSets(), AcmeSolverRoutes.serving(observed.routesInNamespace()),
        AcmeSolverRoutes.serving(observed.routesElsewhereForItsHostnames()), observed.certificates(),
        observed.hostnamesClaimedInNamespace(), observed.refused()), solverRoutes, conditions, generation);
  }

  private static TenantIngressStatus admittedStatus(TenantIngress tenant, TenantPlan plan,
      Optional<GatewayInstance> gateway, ObservedTenantObjects observed, List<HTTPRoute> solverRoutes,
      ConditionSet conditions, long generation) {
    String namespace = tenant.getMetadata().getNamespace();
    boolean wasReady = wasReady(tenant, generation);
    List<Verdict> hostnamesRefused = new ArrayList<>();
    Verdict accepted = accepted(plan);
    Verdict gatewayProgrammed = gateway.map(g -> ListenerVerdicts.programmed(g, observed.gateway(), wasReady))
        .orElse(Verdict.no(StatusReasons.NO_GATEWAY, "no hostname of this TenantIngress is admitted, so no Gateway "
            + "serves it"));
    Verdict programmed = gatewayProgrammed;
    List<HostnameStatus> hostnames = new ArrayList<>();
    Verdict certificates = Verdict.yes(StatusReasons.CERTIFICATES_ISSUED, "every admitted hostname's certificate is "
        + "served");
    Verdict routes = Verdict.yes(StatusReasons.ROUTES_ACCEPTED, "every admitted hostname has an accepted HTTPRoute");

    for (HostnamePlan hostname : plan.hostnames()) {
      if (!hostname.admitted()) {
        hostnames.add(new HostnameStatus(hostname.hostname(), hostname.state(), hostname.reason(),
            hostname.message(), null, null));
        hostnamesRefused.add(Verdict.no(hostname.reason(), hostname.message()).about(hostname.hostname()));
        continue;
      }
      GatewayInstance serving = gateway.orElseThrow();
      Certificate certificate = observed.certificates().get(hostname.secret());
      Verdict listenerSet = ListenerVerdicts.listenerSetProgrammed(serving, namespace, hostname.hostname(),
          observed.listenerSets(), wasReady);
      Verdict certificateVerdict = certificate(plan, serving, hostname, certificate, observed, solverRoutes);
      List<HTTPRoute> attached = RouteParents.servingOverHttps(hostname.hostname(), serving,
          observed.routesInNamespace());
      Verdict routeVerdict = RouteVerdicts.attached(hostname.hostname(), serving, attached, namespace,
          declaresRoute(tenant, hostname.hostname()));
      if (!listenerSet.ok() && programmed.ok()) {
        programmed = listenerSet.about(hostname.hostname());
      }
      if (!certificateVerdict.ok() && certificates.ok()) {
        certificates = certificateVerdict.about(hostname.hostname());
      }
      if (!routeVerdict.ok() && routes.ok()) {
        routes = routeVerdict.about(hostname.hostname());
      }
      Verdict served = firstFailing(gatewayProgrammed, listenerSet, certificateVerdict, routeVerdict);
      hostnames.add(new HostnameStatus(hostname.hostname(), served.ok() ? HostnameState.Ready : HostnameState.Pending,
          served.reason(), hostname.note() == null ? served.message() : served.message() + "; " + hostname.note(),
          certificateSummary(hostname, certificate),
          attached.stream().map(r -> new RouteSummary(r.getMetadata().getNamespace(), r.getMetadata().getName(),
              GatewayApiConditions.parentStatus(r, serving).map(RouteParentStatus::getConditions)
                  .orElse(List.of()))).toList()));
    }
    // A route that means this Gateway but can never attach explains a missing route better than "no route";
    // another namespace serving this tenant's hostname matters more than either.
    if (gateway.isPresent()) {
      routes = firstFailing(RouteVerdicts.servedElsewhere(plan, gateway.get(),
          observed.routesElsewhereForItsHostnames()), RouteVerdicts.stray(namespace, gateway.get(),
          observed.routesInNamespace(), observed.hostnamesClaimedInNamespace()), routes);
    }

    conditions.set(ConditionTypes.ACCEPTED, accepted.ok(), accepted.reason(), accepted.message())
        .set(ConditionTypes.PROGRAMMED, programmed.ok(), programmed.reason(), programmed.message())
        .set(ConditionTypes.CERTIFICATES_READY, certificates.ok(), certificates.reason(), certificates.message())
        .set(ConditionTypes.ROUTES_ATTACHED, routes.ok(), routes.reason(), routes.message());
    Verdict ready = ReadyAggregator.ready(accepted, applied(observed.refused()), hostnamesRefused, programmed,
        certificates, routes);
    conditions.set(ConditionTypes.READY, ready.ok(), ready.reason(), ready.message());

    GatewaySummary summary = gateway.map(g -> new GatewaySummary(g.namespace(), g.name(),
        addresses(observed.gateway()))).orElse(null);
    return new TenantIngressStatus(generation, plan.tenantClass().name(), sortedByType(conditions.conditions()),
        summary, hostnames);
  }

  /**
   * A hostname's certificate: issued and accepted by its listener, then listed there; while it is pending, what
   * cert-manager's last failure or its HTTP-01 challenge says.
   */
  private static Verdict certificate(TenantPlan plan, GatewayInstance serving, HostnamePlan hostname,
      Certificate certificate, ObservedTenantObjects observed, List<HTTPRoute> solverRoutes) {
    Verdict verdict = CertificateVerdicts.certificate(plan, hostname, certificate, CertificateVerdicts.listenerStatus(
        serving, plan.namespace(), hostname, observed.gateway(), observed.listenerSets()));
    if (verdict.ok()) {
      return ListenerVerdicts.certificateListed(serving, plan.namespace(), hostname, observed.gateway(),
          observed.listenerSets());
    }
    if (HostnameReasons.CERTIFICATE_PENDING.equals(verdict.reason())) {
      return CertificateVerdicts.issuanceFailure(hostname.hostname(), certificate)
          .or(() -> CertificateVerdicts.challenge(hostname.hostname(), serving,
              AcmeSolverRoutes.solving(hostname.hostname(), solverRoutes)))
          .orElse(verdict);
    }
    return verdict;
  }

  /** The first verdict that does not hold, or the last one when all hold. */
  private static Verdict firstFailing(Verdict... verdicts) {
    for (Verdict verdict : verdicts) {
      if (!verdict.ok()) {
        return verdict;
      }
    }
    return verdicts[verdicts.length - 1];
  }

  private static Verdict accepted(TenantPlan plan) {
    if (plan.classProblemReason() != null) {
      return Verdict.no(plan.classProblemReason(), plan.classProblemMessage());
    }
    return Verdict.yes(StatusReasons.ACCEPTED, "uses TenantIngressClass " + plan.tenantClass().name());
  }

  /** Objects of this tenant the API server refused: the operator cannot serve it as declared. */
  private static Verdict applied(List<io.tenantingress.api.v1alpha1.RefusedObject> refused) {
    if (refused.isEmpty()) {
      return Verdict.yes("", "");
    }
    return Verdict.no(StatusReasons.APPLY_REFUSED, "the API server refused "
        + String.join("; ", refused.stream().map(Object::toString).toList())
        + "; the operator retries with backoff, and every other object is applied");
  }

  /** Whether the status shown says Ready for this very generation of the TenantIngress. */
  private static boolean wasReady(TenantIngress tenant, long generation) {
    TenantIngressStatus shown = tenant.getStatus();
    return shown != null && shown.conditions() != null && shown.observedGeneration() != null
        && shown.observedGeneration() == generation && shown.conditions().stream()
        .anyMatch(c -> ConditionTypes.READY.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean declaresRoute(TenantIngress tenant, String hostname) {
    return tenant.getSpec().routes() != null && tenant.getSpec().routes().stream()
        .anyMatch(r -> hostname.equals(r.hostname()));
  }

  private static CertificateSummary certificateSummary(HostnamePlan hostname, Certificate certificate) {
    if (certificate == null) {
      return new CertificateSummary(hostname.secret().namespace(), null, hostname.secret().name(), null, null);
    }
    Optional<CertificateCondition> ready = CertManagerConditions.find(certificate, "Ready");
    return new CertificateSummary(certificate.getMetadata().getNamespace(), certificate.getMetadata().getName(),
        hostname.secret().name(), ready.map(CertificateCondition::getStatus).orElse("Unknown"),
        ready.map(CertificateCondition::getReason).orElse(null));
  }

  private static List<String> addresses(Gateway gateway) {
    if (gateway == null || gateway.getStatus() == null || gateway.getStatus().getAddresses().isEmpty()) {
      return null;
    }
    return gateway.getStatus().getAddresses().stream().map(a -> a.getValue()).toList();
  }

  /**
   * Whether a new status differs from the one written in what a user waits for: Ready turning True or False,
   * its reason moving into or out of a problem, or the generation it describes. Anything else is progress.
   */
  public static boolean significantChange(TenantIngressStatus before, TenantIngressStatus after) {
    if (before == null || !Objects.equals(before.observedGeneration(), after.observedGeneration())) {
      return true;
    }
    Optional<Condition> was = GatewayApiConditions.find(before.conditions(), ConditionTypes.READY);
    Optional<Condition> is = GatewayApiConditions.find(after.conditions(), ConditionTypes.READY);
    if (was.isEmpty() || is.isEmpty() || !was.get().getStatus().equals(is.get().getStatus())) {
      return true;
    }
    // From one step of onboarding to the next is progress; into or out of a problem is news.
    return !was.get().getReason().equals(is.get().getReason())
        && !(PROGRESS_REASONS.contains(was.get().getReason()) && PROGRESS_REASONS.contains(is.get().getReason()));
  }

  private static List<Condition> sortedByType(List<Condition> conditions) {
    return conditions.stream().sorted(java.util.Comparator.comparing(Condition::getType)).toList();
  }
}
