package io.tenantingress.reconciler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The class reconciler's pace: a class's next pass starts no sooner after the last one started than twice what that
 * one spent computing (its CPU time on the reconciler's thread: rendering every object of the class and comparing it
 * with the cache; waiting for writes costs none). While events keep coming, passes take at most half a core, and
 * each holds every change since the one before; a change after a quiet spell, or after a pass that spent at least
 * half its time waiting for its writes, is reconciled at once (onboarding one tenant after another: its issuance
 * arrives as the pass that wrote its Certificate ends).
 *
 * <p>Paced by cost rather than at a fixed rate: onboarding a tenant takes two or three passes (its objects; the
 * echoes of those writes that arrive before the writes return; its listener once the certificate is issued), and a
 * fixed rate low enough for a storm over thousands of tenants made each of those wait up to 200 ms, half of a
 * tenant's time to Ready (docs/benchmarks.md), while a pass over a few tenants costs a few milliseconds.
 */
final class PassPacing {

  private final LongSupplier nanoTime;
  private final LongSupplier cpuTime;
  private final Map<String, Long> notBefore = new ConcurrentHashMap<>();

  PassPacing() {
    this(System::nanoTime, threadCpuTime());
  }

  /** @param cpuTime the CPU time of the calling thread, in nanoseconds */
  PassPacing(LongSupplier nanoTime, LongSupplier cpuTime) {
    this.nanoTime = nanoTime;
    this.cpuTime = cpuTime;
  }

  /** How long the class's next pass has yet to wait, if at all. */
  Optional<Duration> wait(String className) {
    Long at = notBefore.get(className);
    long left = at == null ? 0 : at - nanoTime.getAsLong();
    return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
  }

  /** Runs a pass of the class on this thread, and spaces the next one by what this one computed. */
  <T> T pass(String className, Supplier<T> pass) {
    long start = nanoTime.getAsLong();
    long before = cpuTime.getAsLong();
    try {
      return pass.get();
    } finally {
      notBefore.put(className, start + 2 * Math.max(0, cpuTime.getAsLong() - before));
    }
  }

  /** A class that is gone. */
  void forget(String className) {
    notBefore.remove(className);
  }

  /** Where the JVM measures no thread's CPU time, the pass's elapsed time stands in: the pace is then slower. */
  private static LongSupplier threadCpuTime() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()
        ? threads::getCurrentThreadCpuTime : System::nanoTime;
  }
}
