package io.tenantingress.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one write per Gateway per interval. Every write of a Gateway makes Envoy Gateway recompute and push
 * the configuration of every listener on it, so a burst of tenants whose certificates are issued one after the
 * other is folded into a few writes, each carrying every change since the one before. A Gateway not written
 * for an interval is written at once, so a lone tenant does not wait.
 */
final class GatewayWritePacing {

  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final Clock clock;
  private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

  GatewayWritePacing(Clock clock) {
    this.clock = clock;
  }

  /** How long a write of this Gateway must still wait; empty when it may be written now. */
  Optional<Duration> wait(String gateway) {
    Instant last = lastWrite.get(gateway);
    if (last == null) {
      return Optional.empty();
    }
    Duration left = INTERVAL.minus(Duration.between(last, clock.instant()));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  void written(String gateway) {
    lastWrite.put(gateway, clock.instant());
  }
}
