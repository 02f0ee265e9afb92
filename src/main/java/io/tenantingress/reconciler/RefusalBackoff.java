package io.tenantingress.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to try again a class whose objects the API server refused: the same object would be refused again until
 * something outside it changes (an admission policy, RBAC, another object), and that change may bring no event.
 * So the pass is repeated for as long as refusals last, after as long as they have lasted (at least 5 s, at most
 * 5 minutes): the retries thin out like a doubling backoff, however many passes events cause in between. A pass
 * without refusals starts over.
 */
final class RefusalBackoff {

  static final Duration FIRST = Duration.ofSeconds(5);
  static final Duration CEILING = Duration.ofMinutes(5);

  private final Clock clock;
  private final Map<String, Instant> refusedSince = new ConcurrentHashMap<>();

  RefusalBackoff(Clock clock) {
    this.clock = clock;
  }

  /** @return when to reconcile the class again, if this pass had refusals */
  Optional<Duration> next(String className, boolean refused) {
    if (!refused) {
      refusedSince.remove(className);
      return Optional.empty();
    }
    Duration lasted = Duration.between(refusedSince.computeIfAbsent(className, k -> clock.instant()),
        clock.instant());
    return Optional.of(lasted.compareTo(FIRST) < 0 ? FIRST : lasted.compareTo(CEILING) > 0 ? CEILING : lasted);
  }
}
