package io.tenantingress.status;

import static io.tenantingress.status.GatewayApiConditions.find;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.desired.GatewayDesiredState;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.HostnameReasons;
import io.tenantingress.desired.ListenerSetPlacement;
import io.tenantingress.desired.SecretRef;
import io.tenantingress.desired.TenantPlan;
import io.tenantingress.gatewayapi.ListenerSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verdicts on a hostname's certificate: issued (and judged by cert-manager for the Certificate as it is now),
 * accepted by the listener that serves it, and while it is pending, what cert-manager's last failure or its
 * HTTP-01 challenge says, in words an app team can act on from its own namespace.
 */
final class CertificateVerdicts {

  private static final String PARTIALLY_INVALID_CERTIFICATE_REF = "PartiallyInvalidCertificateRef";

  private CertificateVerdicts() {
  }

  static Verdict certificate(TenantPlan plan, HostnamePlan hostname, Certificate certificate,
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
    if (plan.externalTls() || certificate == null) {
      return Verdict.yes(hostname.reason(), hostname.message());
    }
    String name = "Certificate " + certificate.getMetadata().getNamespace() + "/" + certificate.getMetadata().getName();
    Optional<CertificateCondition> ready = CertManagerConditions.find(certificate, "Ready");
    if (!CertManagerConditions.readyIsCurrent(certificate)) {
      return Verdict.no(HostnameReasons.CERTIFICATE_PENDING, name + " is at generation "
          + certificate.getMetadata().getGeneration() + ", and cert-manager has judged only generation "
          + ready.get().getObservedGeneration() + " so far");
    }
    if (ready.isPresent() && "False".equals(ready.get().getStatus())) {
      return Verdict.no(ready.get().getReason(), name + " is not ready: " + ready.get().getMessage());
    }
    return Verdict.yes(hostname.reason(), hostname.message());
  }

  /**
   * The status of the listener that serves a hostname: its listener on its namespace's ListenerSet when it lives
   * there, otherwise the Gateway's https listener.
   */
  static Optional<ListenerStatus> listenerStatus(GatewayInstance gateway, String namespace, HostnamePlan hostname,
      Gateway observedGateway, List<ListenerSet> listenerSets) {
    Optional<ListenerSetPlacement.Place> place = gateway.placement().place(namespace, hostname.hostname());
    if (place.isEmpty()) {
      return GatewayApiConditions.listener(observedGateway, GatewayDesiredState.HTTPS_LISTENER);
    }
    return listenerSets.stream().filter(l -> l.getMetadata().getName().equals(place.get().listenerSet()))
        .flatMap(l -> GatewayApiConditions.listener(l, place.get().listener()).stream()).findFirst();
  }

  /**
   * Whether a listener's unresolved references include this Secret. Envoy Gateway names each invalid Secret
   * ({@code namespace/name}) in the message, and with {@code PartiallyInvalidCertificateRef} still serves the valid
   * ones: one tenant's bad certificate on a shared listener is that tenant's problem alone.
   */
  private static boolean rejects(Condition resolvedRefs, SecretRef secret) {
    String message = Objects.requireNonNullElse(resolvedRefs.getMessage(), "");
    boolean named = Pattern.compile("(^|[^a-z0-9.-])" + Pattern.quote(secret.namespace() + "/" + secret.name())
        + "($|[^a-z0-9.-])").matcher(message).find();
    return named || !PARTIALLY_INVALID_CERTIFICATE_REF.equals(resolvedRefs.getReason());
  }

  /**
   * While cert-manager solves an HTTP-01 challenge for a pending certificate, what Envoy Gateway says of the
   * challenge's route: the ACME server can reach the token only through a route the Gateway accepted.
   */
  static Optional<Verdict> challenge(String hostname, GatewayInstance gateway, List<HTTPRoute> solvers) {
    for (HTTPRoute route : solvers) {
      String name = "cert-manager's HTTP-01 challenge route " + route.getMetadata().getNamespace() + "/"
          + route.getMetadata().getName();
      Optional<Condition> accepted = GatewayApiConditions.parentStatus(route, gateway)
          .flatMap(p -> find(p.getConditions(), "Accepted"))
          .filter(c -> Objects.equals(c.getObservedGeneration(), route.getMetadata().getGeneration()));
      if (accepted.isPresent() && "False".equals(accepted.get().getStatus())) {
        return Optional.of(Verdict.no(HostnameReasons.CHALLENGE_NOT_ACCEPTED, name + " is not accepted by Gateway "
            + gateway.namespace() + "/" + gateway.name() + " (" + accepted.get().getReason() + ": "
            + accepted.get().getMessage() + "), so the ACME server cannot validate " + hostname
            + RouteVerdicts.accessLabelFix(accepted.get().getReason(), gateway, route.getMetadata().getNamespace())));
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
  static Optional<Verdict> issuanceFailure(String hostname, Certificate certificate) {
    if (certificate == null || certificate.getStatus() == null
        || certificate.getStatus().getLastFailureTime() == null) {
      return Optional.empty();
    }
    String why = CertManagerConditions.find(certificate, "Issuing").filter(c -> "False".equals(c.getStatus()))
        .or(() -> CertManagerConditions.find(certificate, "Ready"))
        .map(CertificateCondition::getMessage).orElse("no reason given");
    boolean retrying = CertManagerConditions.has(certificate, "Issuing", "True");
    Integer attempts = certificate.getStatus().getFailedIssuanceAttempts();
    return Optional.of(Verdict.no(StatusReasons.ISSUANCE_FAILED, "cert-manager failed to issue the certificate for "
        + hostname + (attempts == null ? "" : " (" + attempts + " failed attempt" + (attempts == 1 ? "" : "s") + ")")
        + ", last at " + certificate.getStatus().getLastFailureTime() + ": " + why + ". "
        + (retrying ? "It is trying again now. " : "It tries again with growing backoff. ")
        + "Check that DNS for " + hostname + " points at the Gateway's address (status.gateway.addresses) and that "
        + "the certificate authority may issue for it; nothing in this namespace needs to change unless the "
        + "message names it"));
  }
}
