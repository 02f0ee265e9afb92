package io.tenantingress.status;

import static io.tenantingress.status.GatewayApiConditions.current;
import static io.tenantingress.status.GatewayApiConditions.find;
import static io.tenantingress.status.GatewayApiConditions.isFalse;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.tenantingress.desired.GatewayDesiredState;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.ListenerSetPlacement;
import io.tenantingress.desired.SecretRef;
import io.tenantingress.gatewayapi.ListenerSet;
import java.util.List;
import java.util.Optional;

/**
 * Verdicts on where a hostname is served: the Gateway programmed, the hostname's certificate on its listener, and
 * (on the ListenerSet layout) its ListenerSet and listener accepted and programmed, each for the generation they
 * judged.
 */
final class ListenerVerdicts {

  private ListenerVerdicts() {
  }

  /**
   * Envoy Gateway's verdict on the Gateway, for the generation it judged. Conditions of an older generation than
   * the Gateway's do not make a tenant Ready: the generation that added its certificate may not be programmed
   * yet. A tenant already Ready (at its own current generation) stays so while Envoy Gateway catches up with a
   * newer generation of the shared Gateway, which another tenant's change gives it; what this tenant needs on the
   * Gateway is checked against the Gateway's spec (onListener), and a verdict that turns False counts at once.
   */
  static Verdict programmed(GatewayInstance instance, Gateway gateway, boolean wasReady) {
    String name = "Gateway " + instance.namespace() + "/" + instance.name();
    if (gateway == null) {
      return Verdict.no(StatusReasons.GATEWAY_NOT_FOUND, name + " does not exist yet; the operator creates it");
    }
    List<Condition> conditions = GatewayApiConditions.conditions(gateway);
    Optional<Condition> accepted = find(conditions, "Accepted");
    if (isFalse(accepted)) {
      return Verdict.no(accepted.get().getReason(), name + " is not accepted: " + accepted.get().getMessage());
    }
    Optional<Condition> programmed = find(conditions, "Programmed");
    if (!GatewayApiConditions.isTrue(programmed)) {
      return Verdict.no(programmed.map(Condition::getReason).orElse(StatusReasons.PENDING), name
          + " is not programmed yet" + programmed.map(c -> ": " + c.getMessage()).orElse(
          " (is Envoy Gateway running for GatewayClass " + instance.tenantClass().gatewayClassName() + "?)"));
    }
    if (!current(programmed.get(), gateway.getMetadata()) && !wasReady) {
      return notJudgedYet(name, programmed.get(), gateway.getMetadata());
    }
    return Verdict.yes(StatusReasons.PROGRAMMED, name + " is programmed");
  }

  /**
   * Whether the listener that should serve the hostname lists its certificate yet, as observed: the Secret can be
   * issued a moment before the operator has put it on the Gateway or the ListenerSet, and Ready must not run
   * ahead of what Envoy Gateway is given.
   */
  static Verdict certificateListed(GatewayInstance gateway, String namespace, HostnamePlan hostname,
      Gateway observedGateway, List<ListenerSet> listenerSets) {
    SecretRef secret = hostname.bridge() != null ? hostname.bridge() : hostname.secret();
    Optional<ListenerSetPlacement.Place> place = gateway.placement().place(namespace, hostname.hostname());
    boolean listed;
    String where;
    if (place.isPresent()) {
      where = "ListenerSet " + namespace + "/" + place.get().listenerSet();
      listed = listenerSets.stream().filter(l -> l.getMetadata().getName().equals(place.get().listenerSet()))
          .flatMap(l -> l.getSpec().listeners().stream())
          .anyMatch(l -> hostname.hostname().equals(l.getHostname()) && l.getTls() != null
              && l.getTls().getCertificateRefs().stream().anyMatch(r -> secret.name().equals(r.getName())));
    } else {
      where = "Gateway " + gateway.namespace() + "/" + gateway.name();
      listed = observedGateway != null && observedGateway.getSpec().getListeners().stream()
          .filter(l -> GatewayDesiredState.HTTPS_LISTENER.equals(l.getName()) && l.getTls() != null)
          .flatMap(l -> l.getTls().getCertificateRefs().stream())
          .anyMatch(r -> secret.name().equals(r.getName())
              && secret.namespace().equals(r.getNamespace() == null ? gateway.namespace() : r.getNamespace()));
    }
    return listed ? Verdict.yes(hostname.reason(), hostname.message())
        : Verdict.no(StatusReasons.LISTENER_PENDING, "the operator is adding its certificate to " + where);
  }

  /**
   * On the ListenerSet layout, Envoy Gateway's verdict on the hostname's ListenerSet and on its own listener there,
   * for the ListenerSet's current generation (other hostnames of the namespace share the ListenerSet, so a tenant
   * already Ready stays so while Envoy Gateway catches up, as with the Gateway). Nothing to judge on the Gateway
   * layout, where the Gateway's verdict is the listener's.
   */
  static Verdict listenerSetProgrammed(GatewayInstance gateway, String namespace, String hostname,
      List<ListenerSet> listenerSets, boolean wasReady) {
    Optional<ListenerSetPlacement.Place> place = gateway.placement().place(namespace, hostname);
    if (place.isEmpty()) {
      return Verdict.NOTHING_TO_REPORT;
    }
    String name = "ListenerSet " + namespace + "/" + place.get().listenerSet();
    Optional<ListenerSet> listenerSet = listenerSets.stream()
        .filter(l -> l.getMetadata().getName().equals(place.get().listenerSet())).findFirst();
    if (listenerSet.isEmpty()) {
      return Verdict.no(StatusReasons.LISTENER_PENDING, name + " does not exist yet; the operator creates it");
    }
    ObjectMeta meta = listenerSet.get().getMetadata();
    Optional<Condition> accepted = find(GatewayApiConditions.conditions(listenerSet.get()), "Accepted");
    if (isFalse(accepted) && current(accepted.get(), meta)) {
      return Verdict.no(accepted.get().getReason(), name + " is not accepted by Gateway " + gateway.namespace()
          + "/" + gateway.name() + ": " + accepted.get().getMessage());
    }
    String listenerName = "listener " + place.get().listener() + " of " + name;
    Optional<ListenerStatus> listener = GatewayApiConditions.listener(listenerSet.get(), place.get().listener());
    Optional<Condition> programmed = listener.flatMap(l -> find(l.getConditions(), "Programmed"));
    if (programmed.isEmpty()) {
      return wasReady ? Verdict.NOTHING_TO_REPORT : Verdict.no(StatusReasons.LISTENER_PENDING, "Envoy Gateway has not "
          + "reported on " + listenerName + " yet");
    }
    if (!current(programmed.get(), meta)) {
      return wasReady ? Verdict.NOTHING_TO_REPORT : notJudgedYet(listenerName, programmed.get(), meta);
    }
    // A listener whose certificate Envoy Gateway refuses is not programmed either: CertificateVerdicts says why.
    if (isFalse(programmed) && !isFalse(listener.flatMap(l -> find(l.getConditions(), "ResolvedRefs")))) {
      return Verdict.no(programmed.get().getReason(), listenerName + " is not programmed: "
          + programmed.get().getMessage());
    }
    return Verdict.NOTHING_TO_REPORT;
  }

  private static Verdict notJudgedYet(String name, Condition condition, ObjectMeta object) {
    return Verdict.no(StatusReasons.PENDING, name + " is at generation " + object.getGeneration()
        + ", and Envoy Gateway has judged only generation " + condition.getObservedGeneration() + " so far");
  }
}
