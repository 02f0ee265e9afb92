package io.tenantingress.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one write per object per interval, for writes whose intermediate states nobody needs: a burst of
 * changes is folded into few writes, each carrying every change since the one before, and an object not
 * written for an interval is written at once, so a lone change does not wait. The caller reschedules itself
 * for the time left, so the last state is always written.
 *
 * <p>Optionally the objects whose writes are put off share a rate: when more of them wait than that rate allows in
 * one interval, the interval grows with their number, so that thousands of objects waiting at once cost the API
 * server that many writes a second in all, not one per object per interval. Only the objects still waiting count:
 * objects written a moment ago with nothing more to write (an operator started over thousands of them) do not slow
 * the one that is changing now.
 */
final class WritePacing {

  private final Duration interval;
  private final double sharedPerSecond;
  private final Clock clock;
  private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();

  /** One write per object per {@code interval}, however many objects. */
  WritePacing(Duration interval, Clock clock) {
    this(interval, 0, clock);
  }

  /**
   * @param sharedPerSecond the writes per second the waiting objects share, once there are enough of them that one
   *     write each per {@code interval} would be more
   */
  WritePacing(Duration interval, double sharedPerSecond, Clock clock) {
    this.interval = interval;
    this.sharedPerSecond = sharedPerSecond;
    this.clock = clock;
  }

  /** How long a write of this object must still wait; empty when it may be written now. */
  Optional<Duration> wait(String key) {
    Instant last = lastWrite.get(key);
    if (last == null) {
      return Optional.empty();
    }
    Duration left = interval().minus(Duration.between(last, clock.instant()));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** The interval now: the one given, or longer while more objects wait than the shared rate allows. */
  Duration interval() {
    if (sharedPerSecond <= 0) {
      return interval;
    }
    Duration shared = Duration.ofMillis((long) (waiting.size() * 1000 / sharedPerSecond));
    return shared.compareTo(interval) > 0 ? shared : interval;
  }

  /** The caller put this object's write off: until it is written or has nothing left to write, it waits. */
  void putOff(String key) {
    waiting.add(key);
  }

  void written(String key) {
    lastWrite.put(key, clock.instant());
    waiting.remove(key);
  }

  /** What the object shows is what it should: it no longer waits. */
  void settled(String key) {
    waiting.remove(key);
  }

  void forget(String key) {
    lastWrite.remove(key);
    waiting.remove(key);
  }
}
