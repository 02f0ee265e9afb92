package io.tenantingress.reconciler;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names (of namespaces) informers heard about, collected from their threads until the next pass takes them all: a
 * name added while the pass takes them is either taken by it or left for the one after, never lost.
 */
final class HeardNames {

  private final Set<String> names = ConcurrentHashMap.newKeySet();

  void add(String name) {
    names.add(name);
  }

  /** Every name heard since the last time, and none of them again until heard again. */
  Set<String> drain() {
    Set<String> drained = new HashSet<>();
    for (String name : names) {
      if (names.remove(name)) {
        drained.add(name);
      }
    }
    return drained;
  }
}
