package io.tenantingress.status;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.tenantingress.api.v1alpha1.CertificateSummary;
import io.tenantingress.api.v1alpha1.GatewaySummary;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.HostnameStatus;
import io.tenantingress.api.v1alpha1.RouteSummary;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressStatus;
import io.tenantingress.desired.GatewayDesiredState;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.HostnameReasons;
import io.tenantingress.desired.HttpsRedirectRouteDesiredState;
import io.tenantingress.desired.ListenerSetPlacement;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.SecretRef;
import io.tenantingress.desired.TenantPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A TenantIngress's status from its plan and what Envoy Gateway and cert-manager report: pure, so that every
 * state a user can meet is tested without a cluster. {@code Ready} is True only when the Gateway is programmed
 * and every hostname is owned, certificated and served; otherwise it carries the first blocking reason, with
 * the fix in its message.
 */
public final class TenantIngressStatusComputer {

  /** Reasons of a condition that is False only because its objects are on their way: no event for these. */
  public static final Set<String> PROGRESS_REASONS = Set.of(HostnameReasons.CERTIFICATE_PENDING,
      StatusReasons.LISTENER_PENDING, StatusReasons.ROUTE_PENDING, StatusReasons.GATEWAY_NOT_FOUND,
      StatusReasons.PENDING);

  private static final String PARTIALLY_INVALID_CERTIFICATE_REF = "PartiallyInvalidCertificateRef";

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
    String className = plan.tenantClass().name();
    List<Blocker> blockers = new ArrayList<>();
    Verdict accepted = accepted(plan);
    Verdict programmed = gateway.map(g -> programmed(g, observed.gateway(), wasReady(tenant, generation)))
        .orElse(Verdict.no(StatusReasons.NO_GATEWAY, "no hostname of this TenantIngress is admitted, so no Gateway serves it"));
    List<HostnameStatus> hostnames = new ArrayList<>();
    Verdict certificates = Verdict.yes(StatusReasons.CERTIFICATES_ISSUED, "every admitted hostname's certificate is served");
    Verdict routes = Verdict.yes(StatusReasons.ROUTES_ACCEPTED, "every admitted hostname has an accepted HTTPRoute");
    Verdict strayRoute = strayRoutes(tenant, gateway, observed);
    Verdict hijack = routesElsewhere(plan, gateway, observed);

    for (HostnamePlan hostname : plan.hostnames()) {
      if (!hostname.admitted()) {
        hostnames.add(new HostnameStatus(hostname.hostname(), hostname.state(), hostname.reason(),
            hostname.message(), null, null));
        blockers.add(new Blocker(hostname.reason(), hostname.hostname() + ": " + hostname.message()));
        continue;
      }
      GatewayInstance serving = gateway.orElseThrow();
      Certificate certificate = observed.certificates().get(hostname.secret());
      Verdict certificateVerdict = certificate(plan, hostname, certificate,
          listenerStatus(serving, plan.namespace(), hostname, observed));
      if (certificateVerdict.ok()) {
        certificateVerdict = onListener(serving, plan.namespace(), hostname, observed);
      } else if (HostnameReasons.CERTIFICATE_PENDING.equals(certificateVerdict.reason())) {
        Verdict pending = certificateVerdict;
        certificateVerdict = issuanceFailure(hostname.hostname(), certificate).or(() -> challenge(hostname.hostname(),
            serving, AcmeSolverRoutes.solving(hostname.hostname(), solverRoutes))).orElse(pending);
      }
      List<HTTPRoute> attached = routesFor(hostname.hostname(), serving, observed.routesInNamespace());
      Verdict routeVerdict = routes(hostname.hostname(), serving, attached, tenant.getMetadata().getNamespace(),
          declaresRoute(tenant, hostname.hostname()));
      if (!certificateVerdict.ok() && certificates.ok()) {
        certificates = certificateVerdict.about(hostname.hostname());
      }
      if (!routeVerdict.ok() && routes.ok()) {
        routes = routeVerdict.about(hostname.hostname());
      }
      Verdict served = !programmed.ok() ? programmed : !certificateVerdict.ok() ? certificateVerdict : routeVerdict;
      hostnames.add(new HostnameStatus(hostname.hostname(), served.ok() ? HostnameState.Ready : HostnameState.Pending,
          served.reason(), hostname.note() == null ? served.message() : served.message() + "; " + hostname.note(),
          certificateSummary(hostname, certificate),
          attached.stream().map(r -> new RouteSummary(r.getMetadata().getNamespace(), r.getMetadata().getName(),
              parentStatus(r, serving).map(RouteParentStatus::getConditions).orElse(List.of()))).toList()));
    }
    // A route that means this Gateway but can never attach explains a missing route better than "no route";
    // another namespace serving this tenant's hostname matters more than either.
    if (!strayRoute.ok()) {
      routes = strayRoute;
    }
    if (!hijack.ok()) {
      routes = hijack;
    }

    conditions.set(ConditionTypes.ACCEPTED, accepted.ok(), accepted.reason(), accepted.message())
        .set(ConditionTypes.PROGRAMMED, programmed.ok(), programmed.reason(), programmed.message())
        .set(ConditionTypes.CERTIFICATES_READY, certificates.ok(), certificates.reason(), certificates.message())
        .set(ConditionTypes.ROUTES_ATTACHED, routes.ok(), routes.reason(), routes.message());
    Verdict ready = firstFailing(List.of(accepted, applied(observed.refused())), blockers,
        List.of(programmed, certificates, routes));
    conditions.set(ConditionTypes.READY, ready.ok(), ready.reason(), ready.message());

    GatewaySummary summary = gateway.map(g -> new GatewaySummary(g.namespace(), g.name(), addresses(observed.gateway())))
        .orElse(null);
    return new TenantIngressStatus(generation, className, sortedByType(conditions.conditions()), summary, hostnames);
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

  /**
   * Envoy Gateway's verdict on the Gateway, for the generation it judged. Conditions of an older generation than
   * the Gateway's do not make a tenant Ready: the generation that added its certificate may not be programmed
   * yet. A tenant already Ready (at its own current generation) stays so while Envoy Gateway catches up with a
   * newer generation of the shared Gateway, which another tenant's change gives it; what this tenant needs on the
   * Gateway is checked against the Gateway's spec (onListener), and a verdict that turns False counts at once.
   */
  private static Verdict programmed(GatewayInstance instance, Gateway gateway, boolean wasReady) {
    String name = "Gateway " + instance.namespace() + "/" + instance.name();
    if (gateway == null) {
      return Verdict.no(StatusReasons.GATEWAY_NOT_FOUND, name + " does not exist yet; the operator creates it");
    }
    List<Condition> conditions = gateway.getStatus() == null ? List.of() : gateway.getStatus().getConditions();
    Optional<Condition> accepted = find(conditions, "Accepted");
    if (accepted.isPresent() && "False".equals(accepted.get().getStatus())) {
      return Verdict.no(accepted.get().getReason(), name + " is not accepted: " + accepted.get().getMessage());
    }
    Optional<Condition> programmed = find(conditions, "Programmed");
    if (programmed.isEmpty() || !"True".equals(programmed.get().getStatus())) {
      return Verdict.no(programmed.map(Condition::getReason).orElse(StatusReasons.PENDING), name + " is not programmed yet"
          + programmed.map(c -> ": " + c.getMessage()).orElse(" (is Envoy Gateway running for GatewayClass "
          + instance.tenantClass().gatewayClassName() + "?)"));
    }
    if (!current(programmed.get(), gateway.getMetadata()) && !wasReady) {
      return Verdict.no(StatusReasons.PENDING, name + " is at generation " + gateway.getMetadata().getGeneration()
          + ", and Envoy Gateway has judged only generation " + programmed.get().getObservedGeneration()
          + " so far");
    }
    return Verdict.yes(StatusReasons.PROGRAMMED, name + " is programmed");
  }

  /** A condition that judged the object as it is now (one that does not say which generation it judged counts). */
  private static boolean current(Condition condition, io.fabric8.kubernetes.api.model.ObjectMeta object) {
    return condition.getObservedGeneration() == null || object.getGeneration() == null
        || condition.getObservedGeneration() >= object.getGeneration();
  }

  /** Whether the status shown says Ready for this very generation of the TenantIngress. */
  private static boolean wasReady(TenantIngress tenant, long generation) {
    TenantIngressStatus shown = tenant.getStatus();
    return shown != null && shown.conditions() != null && shown.observedGeneration() != null
        && shown.observedGeneration() == generation && shown.conditions().stream()
        .anyMatch(c -> ConditionTypes.READY.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * The status of the listener that serves a hostname: its listener on its namespace's ListenerSet when it lives
   * there, otherwise the Gateway's https listener.
   */
  private static Optional<ListenerStatus> listenerStatus(GatewayInstance gateway, String namespace,
      HostnamePlan hostname, ObservedTenantObjects observed) {
    Optional<ListenerSetPlacement.Place> place = gateway.placement().place(namespace,
        hostname.hostname());
    if (place.isEmpty()) {
      return listener(observed.gateway(), GatewayDesiredState.HTTPS_LISTENER);
    }
    return observed.listenerSets().stream()
        .filter(l -> l.getMetadata().getName().equals(place.get().listenerSet()) && l.getStatus() != null
            && l.getStatus().listeners() != null)
        .flatMap(l -> l.getStatus().listeners().stream())
        .filter(l -> place.get().listener().equals(l.getName())).findFirst();
  }

  /**
   * Whether the listener that should serve the hostname lists its certificate yet, as observed: the Secret can be
   * issued a moment before the operator has put it on the Gateway or the ListenerSet, and Ready must not run
   * ahead of what Envoy Gateway is given.
   */
  private static Verdict onListener(GatewayInstance gateway, String namespace, HostnamePlan hostname,
      ObservedTenantObjects observed) {
    SecretRef secret = hostname.bridge() != null ? hostname.bridge() : hostname.secret();
    Optional<ListenerSetPlacement.Place> place = gateway.placement().place(namespace,
        hostname.hostname());
    boolean listed;
    String where;
    if (place.isPresent()) {
      where = "ListenerSet " + namespace + "/" + place.get().listenerSet();
      listed = observed.listenerSets().stream().filter(l -> l.getMetadata().getName().equals(place.get().listenerSet()))
          .flatMap(l -> l.getSpec().listeners().stream())
          .anyMatch(l -> hostname.hostname().equals(l.getHostname()) && l.getTls() != null
              && l.getTls().getCertificateRefs().stream().anyMatch(r -> secret.name().equals(r.getName())));
    } else {
      where = "Gateway " + gateway.namespace() + "/" + gateway.name();
      listed = observed.gateway() != null && observed.gateway().getSpec().getListeners().stream()
          .filter(l -> GatewayDesiredState.HTTPS_LISTENER.equals(l.getName()) && l.getTls() != null)
          .flatMap(l -> l.getTls().getCertificateRefs().stream())
          .anyMatch(r -> secret.name().equals(r.getName())
              && secret.namespace().equals(r.getNamespace() == null ? gateway.namespace() : r.getNamespace()));
    }
    return listed ? Verdict.yes(hostname.reason(), hostname.message())
        : Verdict.no(StatusReasons.LISTENER_PENDING, "the operator is adding its certificate to " + where);
  }

  /**
   * While cert-manager solves an HTTP-01 challenge for a pending certificate, what Envoy Gateway says of the
   * challenge's route: the ACME server can reach the token only through a route the Gateway accepted.
   */
  private static Optional<Verdict> challenge(String hostname, GatewayInstance gateway, List<HTTPRoute> solvers) {
    for (HTTPRoute route : solvers) {
      String name = "cert-manager's HTTP-01 challenge route " + route.getMetadata().getNamespace() + "/"
          + route.getMetadata().getName();
      Optional<Condition> accepted = parentStatus(route, gateway)
          .flatMap(p -> find(p.getConditions(), "Accepted"))
          .filter(c -> Objects.equals(c.getObservedGeneration(), route.getMetadata().getGeneration()));
      if (accepted.isPresent() && "False".equals(accepted.get().getStatus())) {
        return Optional.of(Verdict.no(HostnameReasons.CHALLENGE_NOT_ACCEPTED, name + " is not accepted by Gateway "
            + gateway.namespace() + "/" + gateway.name() + " (" + accepted.get().getReason() + ": "
            + accepted.get().getMessage() + "), so the ACME server cannot validate " + hostname
            + fix(accepted.get().getReason(), gateway, route.getMetadata().getNamespace())));
      }
      if (accepted.isPresent()) {
        return Optional.of(Verdict.no(HostnameReasons.CERTIFICATE_PENDING, "cert-manager is solving the HTTP-01 "
            + "challenge: " + name + " is accepted by Gateway " + gateway.namespace() + "/" + gateway.name()
            + "; waiting for the ACME server to validate it"));
      }
      return Optional.of(Verdict.no(HostnameReasons.CERTIFICATE_PENDING, "cert-manager is solving the HTTP-01 "
          + "challenge: " + name + " has no verdict from Envoy Gateway yet"));
    }
    return Optional.empty();
  }

  /**
   * cert-manager's last failure to issue a Certificate, in its own words, on the tenant: app teams cannot read the
   * gateway namespace where the Certificate lives, so what went wrong, how often, and that it retries must be here.
   */
  private static Optional<Verdict> issuanceFailure(String hostname, Certificate certificate) {
    if (certificate == null || certificate.getStatus() == null
        || certificate.getStatus().getLastFailureTime() == null) {
      return Optional.empty();
    }
    List<CertificateCondition> conditions = Objects.requireNonNullElse(certificate.getStatus().getConditions(),
        List.of());
    String why = conditions.stream().filter(c -> "Issuing".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(CertificateCondition::getMessage).findFirst()
        .or(() -> conditions.stream().filter(c -> "Ready".equals(c.getType())).map(CertificateCondition::getMessage)
            .findFirst())
        .orElse("no reason given");
    boolean retrying = conditions.stream().anyMatch(c -> "Issuing".equals(c.getType()) && "True".equals(c.getStatus()));
    Integer attempts = certificate.getStatus().getFailedIssuanceAttempts();
    return Optional.of(Verdict.no(StatusReasons.ISSUANCE_FAILED, "cert-manager failed to issue the certificate for "
        + hostname + (attempts == null ? "" : " (" + attempts + " failed attempt" + (attempts == 1 ? "" : "s") + ")")
        + ", last at " + certificate.getStatus().getLastFailureTime() + ": " + why + ". "
        + (retrying ? "It is trying again now. " : "It tries again with growing backoff. ")
        + "Check that DNS for " + hostname + " points at the Gateway's address (status.gateway.addresses) and that "
        + "the certificate authority may issue for it; nothing in this namespace needs to change unless the "
        + "message names it"));
  }

  private static Verdict certificate(TenantPlan plan, HostnamePlan hostname, Certificate certificate,
      Optional<ListenerStatus> listener) {
    if (hostname.state() != HostnameState.Ready) {
      return Verdict.no(hostname.reason(), hostname.message());
    }
    Optional<Condition> resolved = listener.flatMap(l -> find(l.getConditions(), "ResolvedRefs"))
        .filter(c -> "False".equals(c.getStatus()) && rejects(c, hostname.secret()));
    if (resolved.isPresent()) {
      return Verdict.no(resolved.get().getReason(), "the listener serving it rejects its certificate: "
          + resolved.get().getMessage() + (plan.externalTls() ? " (check that Secret " + hostname.secret().name()
          + " exists in namespace " + hostname.secret().namespace() + ", has type kubernetes.io/tls and holds a "
          + "certificate for " + hostname.hostname() + " with its key)" : ""));
    }
    if (!plan.externalTls() && certificate != null) {
      Optional<CertificateCondition> ready = certificate.getStatus() == null ? Optional.empty()
          : certificate.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
      if (ready.isPresent() && "False".equals(ready.get().getStatus())) {
        return Verdict.no(ready.get().getReason(), "Certificate " + certificate.getMetadata().getNamespace() + "/"
            + certificate.getMetadata().getName() + " is not ready: " + ready.get().getMessage());
      }
    }
    return Verdict.yes(hostname.reason(), hostname.message());
  }

  /**
   * Whether a listener's unresolved references include this Secret. Envoy Gateway names each invalid Secret
   * ({@code namespace/name}) in the message, and with {@code PartiallyInvalidCertificateRef} still serves the valid
   * ones: one tenant's bad certificate on a shared listener is that tenant's problem alone.
   */
  private static boolean rejects(Condition resolvedRefs, SecretRef secret) {
    String message = Objects.requireNonNullElse(resolvedRefs.getMessage(), "");
    boolean named = java.util.regex.Pattern.compile("(^|[^a-z0-9.-])" + java.util.regex.Pattern.quote(
        secret.namespace() + "/" + secret.name()) + "($|[^a-z0-9.-])").matcher(message).find();
    return named || !PARTIALLY_INVALID_CERTIFICATE_REF.equals(resolvedRefs.getReason());
  }

  private static boolean declaresRoute(TenantIngress tenant, String hostname) {
    return tenant.getSpec().routes() != null && tenant.getSpec().routes().stream()
        .anyMatch(r -> hostname.equals(r.hostname()));
  }

  private static Verdict routes(String hostname, GatewayInstance gateway, List<HTTPRoute> attached,
      String namespace, boolean declared) {
    if (attached.isEmpty() && declared) {
      return Verdict.no(StatusReasons.ROUTE_PENDING, "the operator is writing the HTTPRoute of spec.routes for " + hostname);
    }
    if (attached.isEmpty()) {
      return Verdict.no(StatusReasons.NO_ROUTE, "no HTTPRoute in namespace " + namespace + " serves " + hostname + " through "
          + "Gateway " + gateway.namespace() + "/" + gateway.name() + "; add one (parentRefs: name "
          + gateway.name() + ", namespace " + gateway.namespace() + ", sectionName https) or use spec.routes");
    }
    for (HTTPRoute route : attached) {
      String name = "HTTPRoute " + route.getMetadata().getName();
      Optional<RouteParentStatus> parent = parentStatus(route, gateway);
      if (parent.isEmpty()) {
        return Verdict.no(StatusReasons.ROUTE_PENDING, name + " has no status from Envoy Gateway for this Gateway yet");
      }
      Optional<Condition> accepted = find(parent.get().getConditions(), "Accepted");
      if (accepted.isPresent() && "False".equals(accepted.get().getStatus())) {
        return Verdict.no(accepted.get().getReason(), name + " is not accepted: " + accepted.get().getMessage()
            + fix(accepted.get().getReason(), gateway, namespace));
      }
      Optional<Condition> resolved = find(parent.get().getConditions(), "ResolvedRefs");
      if (resolved.isPresent() && "False".equals(resolved.get().getStatus())) {
        return Verdict.no(resolved.get().getReason(), name + " cannot reach its backend: "
            + resolved.get().getMessage());
      }
      if (accepted.isEmpty() || !current(accepted.get(), route.getMetadata())) {
        return Verdict.no(StatusReasons.ROUTE_PENDING, name + " is not accepted yet"
            + accepted.map(c -> " (Envoy Gateway has judged generation " + c.getObservedGeneration() + ", it is at "
            + route.getMetadata().getGeneration() + ")").orElse(""));
      }
    }
    return Verdict.yes(StatusReasons.ROUTE_ACCEPTED, hostname + " is served");
  }

  private static String fix(String reason, GatewayInstance gateway, String namespace) {
    if ("NotAllowedByListeners".equals(reason) && gateway.tenantClass().shared()) {
      return ". Namespace " + namespace + " needs the label " + gateway.tenantClass().accessLabelKey() + "="
          + gateway.tenantClass().accessLabelValue() + "; the operator sets it while the namespace has a "
          + "TenantIngress of this class, so check that nothing removes it";
    }
    return "";
  }

  /**
   * Routes in this namespace that mean the class's shared Gateway but never attach (their parentRef lacks the
   * Gateway's namespace), or that serve a hostname no TenantIngress here claims (no certificate will cover it).
   */
  private static Verdict strayRoutes(TenantIngress tenant, Optional<GatewayInstance> gateway,
      ObservedTenantObjects observed) {
    if (gateway.isEmpty()) {
      return Verdict.yes("", "");
    }
    GatewayInstance serving = gateway.get();
    String namespace = tenant.getMetadata().getNamespace();
    for (HTTPRoute route : observed.routesInNamespace()) {
      for (ParentReference ref : route.getSpec().getParentRefs()) {
        if (isGateway(ref) && serving.name().equals(ref.getName()) && ref.getNamespace() == null
            && !namespace.equals(serving.namespace())) {
          return Verdict.no(StatusReasons.PARENT_REF_WITHOUT_NAMESPACE, "HTTPRoute " + route.getMetadata().getName()
              + " names Gateway " + serving.name() + " without its namespace, so it looks for it in " + namespace
              + " and never attaches; add namespace: " + serving.namespace() + " to its parentRef");
        }
      }
      if (serving.tenantClass().usesListenerSets()) {
        for (ParentReference ref : route.getSpec().getParentRefs()) {
          if ("ListenerSet".equals(ref.getKind()) && ref.getNamespace() != null
              && !namespace.equals(ref.getNamespace())) {
            return Verdict.no(StatusReasons.LISTENER_OF_ANOTHER_NAMESPACE, "HTTPRoute " + route.getMetadata().getName()
                + " names ListenerSet " + ref.getNamespace() + "/" + ref.getName() + ", whose listeners admit "
                + "routes of namespace " + ref.getNamespace() + " only, so it never attaches; serve this "
                + "namespace's own hostnames through its ListenerSet " + serving.placement()
                .listenerSets(namespace).stream().findFirst().orElse("(none yet)"));
          }
        }
      }
      // A route the operator rendered for a hostname no longer claimed is on its way out with the claim.
      if (refersTo(route, serving) && !OwnershipLabels.isOperators(route)) {
        for (String hostname : route.getSpec().getHostnames()) {
          if (!observed.hostnamesClaimedInNamespace().contains(hostname)) {
            return Verdict.no(StatusReasons.HOSTNAME_NOT_CLAIMED, "HTTPRoute " + route.getMetadata().getName() + " serves "
                + hostname + ", which no TenantIngress in namespace " + namespace + " claims, so no certificate "
                + "covers it and TLS fails for it; add it to spec.hostnames");
          }
        }
      }
    }
    return Verdict.yes("", "");
  }

  /**
   * On the Gateway layout any admitted namespace can attach a route for any hostname, and the API cannot stop
   * it: a route of another namespace that names this tenant's hostname and that the Gateway accepted is
   * reported here (and, as a hostname it does not claim, on that namespace's TenantIngress).
   */
  private static Verdict routesElsewhere(TenantPlan plan, Optional<GatewayInstance> gateway,
      ObservedTenantObjects observed) {
    if (gateway.isEmpty()) {
      return Verdict.yes("", "");
    }
    Set<String> owned = plan.admitted().stream().map(HostnamePlan::hostname).collect(Collectors.toSet());
    for (HTTPRoute route : observed.routesElsewhereForItsHostnames()) {
      // Only a route the Gateway took serves the hostname: one it refused (say, from a namespace without the
      // access label) takes nothing.
      if (!refersTo(route, gateway.get()) || !acceptedBy(route, gateway.get())) {
        continue;
      }
      for (String hostname : route.getSpec().getHostnames()) {
        if (owned.contains(hostname)) {
          return Verdict.no(StatusReasons.HOSTNAME_SERVED_ELSEWHERE, "HTTPRoute " + route.getMetadata().getNamespace() + "/"
              + route.getMetadata().getName() + " of another namespace attaches to Gateway " + gateway.get().name()
              + " for " + hostname + ", which this TenantIngress owns; have it removed, or move the class to "
              + "tenantListeners: ListenerSet, where only this namespace's routes can attach to its hostnames");
        }
      }
    }
    return Verdict.yes("", "");
  }

  private static boolean acceptedBy(HTTPRoute route, GatewayInstance gateway) {
    return parentStatus(route, gateway).flatMap(p -> find(p.getConditions(), "Accepted"))
        .filter(c -> "True".equals(c.getStatus())).isPresent();
  }

  /**
   * The routes that serve a hostname over HTTPS: a route only on the Gateway's http listener (or on port 80) serves
   * plain HTTP, which the redirect usually answers anyway.
   */
  private static List<HTTPRoute> routesFor(String hostname, GatewayInstance gateway, List<HTTPRoute> routes) {
    return routes.stream().filter(r -> servesHttps(r, gateway) && !HttpsRedirectRouteDesiredState.isRedirect(r))
        .filter(r -> r.getSpec().getHostnames().isEmpty() || r.getSpec().getHostnames().contains(hostname))
        .sorted(java.util.Comparator.comparing(r -> r.getMetadata().getName()))
        .toList();
  }

  private static boolean servesHttps(HTTPRoute route, GatewayInstance gateway) {
    return route.getSpec().getParentRefs().stream()
        .anyMatch(ref -> isParent(ref, route.getMetadata().getNamespace(), gateway)
            && !GatewayDesiredState.HTTP_LISTENER.equals(ref.getSectionName())
            // A ListenerSet's http listeners are the ones whose names have no dot (ResourceNames).
            && !("ListenerSet".equals(ref.getKind()) && ref.getSectionName() != null
                && !ref.getSectionName().contains("."))
            && (ref.getPort() == null || ref.getPort() == gateway.tenantClass().httpsPort()));
  }

  private static boolean refersTo(HTTPRoute route, GatewayInstance gateway) {
    return route.getSpec().getParentRefs().stream()
        .anyMatch(ref -> isParent(ref, route.getMetadata().getNamespace(), gateway));
  }

  /**
   * A parent that serves a route: the shared (or dedicated) Gateway, or one of the ListenerSets of the route's
   * own namespace.
   */
  private static boolean isParent(ParentReference ref, String routeNamespace, GatewayInstance gateway) {
    String namespace = ref.getNamespace() != null ? ref.getNamespace() : routeNamespace;
    if ("ListenerSet".equals(ref.getKind())) {
      return namespace.equals(routeNamespace)
          && gateway.placement().listenerSets(routeNamespace).contains(ref.getName());
    }
    return isGateway(ref) && gateway.name().equals(ref.getName()) && gateway.namespace().equals(namespace);
  }

  private static boolean isGateway(ParentReference ref) {
    return (ref.getKind() == null || "Gateway".equals(ref.getKind()))
        && (ref.getGroup() == null || "gateway.networking.k8s.io".equals(ref.getGroup()));
  }

  private static Optional<RouteParentStatus> parentStatus(HTTPRoute route, GatewayInstance gateway) {
    if (route.getStatus() == null) {
      return Optional.empty();
    }
    return route.getStatus().getParents().stream().filter(p -> p.getParentRef() != null
        && isParent(p.getParentRef(), route.getMetadata().getNamespace(), gateway)).findFirst();
  }

  private static CertificateSummary certificateSummary(HostnamePlan hostname, Certificate certificate) {
    if (certificate == null) {
      return new CertificateSummary(hostname.secret().namespace(), null, hostname.secret().name(), null, null);
    }
    Optional<CertificateCondition> ready = certificate.getStatus() == null ? Optional.empty()
        : certificate.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    return new CertificateSummary(certificate.getMetadata().getNamespace(), certificate.getMetadata().getName(),
        hostname.secret().name(), ready.map(CertificateCondition::getStatus).orElse("Unknown"),
        ready.map(CertificateCondition::getReason).orElse(null));
  }

  private static Optional<ListenerStatus> listener(Gateway gateway, String name) {
    if (gateway == null || gateway.getStatus() == null) {
      return Optional.empty();
    }
    return gateway.getStatus().getListeners().stream().filter(l -> name.equals(l.getName())).findFirst();
  }

  private static List<String> addresses(Gateway gateway) {
    if (gateway == null || gateway.getStatus() == null || gateway.getStatus().getAddresses().isEmpty()) {
      return null;
    }
    return gateway.getStatus().getAddresses().stream().map(a -> a.getValue()).toList();
  }

  private static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * Whether a new status differs from the one written in what a user waits for: Ready turning True or False,
   * its reason moving into or out of a problem, or the generation it describes. Anything else is progress.
   */
  public static boolean significantChange(TenantIngressStatus before, TenantIngressStatus after) {
    if (before == null || !Objects.equals(before.observedGeneration(), after.observedGeneration())) {
      return true;
    }
    Optional<Condition> was = find(before.conditions(), ConditionTypes.READY);
    Optional<Condition> is = find(after.conditions(), ConditionTypes.READY);
    if (was.isEmpty() || is.isEmpty() || !was.get().getStatus().equals(is.get().getStatus())) {
      return true;
    }
    // From one step of onboarding to the next is progress; into or out of a problem is news.
    return !was.get().getReason().equals(is.get().getReason())
        && !(PROGRESS_REASONS.contains(was.get().getReason()) && PROGRESS_REASONS.contains(is.get().getReason()));
  }

  private static Verdict firstFailing(List<Verdict> first, List<Blocker> hostnames, List<Verdict> then) {
    for (Verdict verdict : first) {
      if (!verdict.ok()) {
        return verdict;
      }
    }
    if (!hostnames.isEmpty()) {
      return Verdict.no(hostnames.get(0).reason(), hostnames.get(0).message());
    }
    for (Verdict verdict : then) {
      if (!verdict.ok()) {
        return verdict;
      }
    }
    return Verdict.yes(StatusReasons.READY, "every hostname is owned, certificated and served");
  }

  private static List<Condition> sortedByType(List<Condition> conditions) {
    return conditions.stream().sorted(java.util.Comparator.comparing(Condition::getType)).toList();
  }

  private record Blocker(String reason, String message) {
  }

  /** A condition's worth of judgement: whether it holds, and why (not). */
  private record Verdict(boolean ok, String reason, String message) {
    static Verdict yes(String reason, String message) {
      return new Verdict(true, reason, message);
    }

    static Verdict no(String reason, String message) {
      return new Verdict(false, reason, message);
    }

    Verdict about(String hostname) {
      return new Verdict(ok, reason, hostname + ": " + message);
    }
  }
}
