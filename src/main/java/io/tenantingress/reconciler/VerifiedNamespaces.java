package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which namespaces the metadata applier found carrying what it sets, and which of them it must look at again:
 * those whose desired metadata is another object than the one it verified (a plan shares a namespace's unchanged
 * metadata with the plan before, {@code PlanIndex}), those it verified that are no longer desired (their keys go),
 * and those the namespace informer heard change since. At thousands of namespaces, a pass onboarding one tenant
 * then compares one namespace instead of listing and comparing all of them. Every
 * {@value ManagedObjectApplier#TRUSTED_MINUTES} minutes, and on the first pass, every namespace is looked at: the
 * operator's field manager may have claims on a namespace nothing here remembers (written before a restart).
 */
final class VerifiedNamespaces {

  private final Map<String, Namespace> verified = new HashMap<>();
  private final HeardNames changed = new HeardNames();
  private final Clock clock;
  private Instant wholeCheck;

  VerifiedNamespaces(Clock clock) {
    this.clock = clock;
  }

  /** The namespace informer heard a namespace added, changed or deleted. */
  void changed(String name) {
    changed.add(name);
  }

  /**
   * The namespaces a pass looks at, or none when it looks at every one. What it drains is the pass's to look at:
   * one that fails before it is {@link #checked} says so ({@link #failed}), and the next pass looks at every one.
   *
   * @param desired what the operator sets, by namespace
   */
  Optional<Set<String>> toCheck(Map<String, Namespace> desired) {
    Set<String> names = changed.drain();
    Instant now = clock.instant();
    if (wholeCheck == null || !now.isBefore(wholeCheck.plus(ManagedObjectApplier.TRUSTED_MINUTES,
        ChronoUnit.MINUTES))) {
      return Optional.empty();
    }
    desired.forEach((name, metadata) -> {
      if (verified.get(name) != metadata) {
        names.add(name);
      }
    });
    verified.keySet().stream().filter(name -> !desired.containsKey(name)).forEach(names::add);
    return Optional.of(names);
  }

  /**
   * What a pass found or made true: each namespace it looked at carries what is desired on it, or, where nothing
   * is, no key of the operator's (it need not be remembered).
   *
   * @param whole whether the pass looked at every namespace
   */
  void checked(Set<String> looked, Map<String, Namespace> desired, boolean whole) {
    if (whole) {
      verified.clear();
      wholeCheck = clock.instant();
    }
    for (String name : looked) {
      Namespace metadata = desired.get(name);
      if (metadata == null) {
        verified.remove(name);
      } else {
        verified.put(name, metadata);
      }
    }
  }

  /** A pass failed: the next one looks at every namespace. */
  void failed() {
    wholeCheck = null;
  }
}
