package io.tenantingress.status;

import java.util.List;

/**
 * A TenantIngress's {@code Ready} from its other verdicts, in an explicit order of precedence: the first that
 * does not hold is the reason Ready is False. A problem of the TenantIngress itself comes before one of its
 * objects, and what is wrong before what is on its way.
 *
 * <ol>
 *   <li>{@code Accepted}: the class resolves and admits the TenantIngress;</li>
 *   <li>applied: the API server took every object rendered for it;</li>
 *   <li>hostnames: each one is admitted (owned, allowed by the class, not in conflict), first refused first;</li>
 *   <li>{@code Programmed}: its Gateway is accepted and programmed;</li>
 *   <li>{@code CertificatesReady}: every admitted hostname's certificate is issued and on its listener;</li>
 *   <li>{@code RoutesAttached}: every admitted hostname has an accepted route and no other namespace serves it.</li>
 * </ol>
 */
final class ReadyAggregator {

  private ReadyAggregator() {
  }

  static Verdict ready(Verdict accepted, Verdict applied, List<Verdict> hostnamesRefused, Verdict programmed,
      Verdict certificates, Verdict routes) {
    for (Verdict verdict : List.of(accepted, applied)) {
      if (!verdict.ok()) {
        return verdict;
      }
    }
    if (!hostnamesRefused.isEmpty()) {
      return hostnamesRefused.get(0);
    }
    for (Verdict verdict : List.of(programmed, certificates, routes)) {
      if (!verdict.ok()) {
        return verdict;
      }
    }
    return Verdict.yes(StatusReasons.READY, "every hostname is owned, certificated and served");
  }
}
