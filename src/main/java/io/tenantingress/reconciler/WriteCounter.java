package io.tenantingress.reconciler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Writes the operator sent, by kind: what tests and benchmarks count, and what metrics will expose. */
public final class WriteCounter {

  private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();

  void record(String kind) {
    byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  public long count(String kind) {
    AtomicLong count = byKind.get(kind);
    return count == null ? 0 : count.get();
  }

  /** Every kind written so far, with its count. */
  public Map<String, Long> byKind() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    byKind.forEach((kind, count) -> counts.put(kind, count.get()));
    return counts;
  }

  public long total() {
    return byKind.values().stream().mapToLong(AtomicLong::get).sum();
  }
}
