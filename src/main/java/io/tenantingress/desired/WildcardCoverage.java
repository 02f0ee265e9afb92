package io.tenantingress.desired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hostnames owned so far, indexed so that a new claim finds an owned name it overlaps in a few lookups: a
 * wildcard {@code *.d} covers every name that ends in {@code .d}, at any depth (as Gateway API matches listener and
 * route hostnames), another wildcard below it included.
 */
final class WildcardCoverage {

  /** An owned hostname and the TenantIngress that owns it. */
  record Claim(String hostname, TenantRef owner) {
  }

  /** Owned wildcards by the domain they cover ({@code *.d} under {@code d}). */
  private final Map<String, Claim> wildcards = new HashMap<>();
  /** Owned hostnames by every proper parent domain ({@code a.b.d} under {@code b.d} and {@code d}). */
  private final Map<String, List<Claim>> byParent = new HashMap<>();

  void add(String hostname, TenantRef owner) {
    Claim claim = new Claim(hostname, owner);
    if (hostname.startsWith("*.")) {
      wildcards.putIfAbsent(hostname.substring(2), claim);
    }
    for (String parent : parents(hostname)) {
      byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(claim);
    }
  }

  /** An owned claim of another namespace that covers the hostname, or that the hostname (a wildcard) covers. */
  Optional<Claim> overlapping(String hostname, String namespace) {
    for (String parent : parents(hostname)) {
      Claim wildcard = wildcards.get(parent);
      if (wildcard != null && !wildcard.owner().namespace().equals(namespace)) {
        return Optional.of(wildcard);
      }
    }
    if (hostname.startsWith("*.")) {
      return byParent.getOrDefault(hostname.substring(2), List.of()).stream()
          .filter(c -> !c.owner().namespace().equals(namespace)).findFirst();
    }
    return Optional.empty();
  }

  /**
   * The domains whose wildcard would cover the hostname: {@code x.a.b} and {@code *.x.a.b} both sit below
   * {@code a.b} and {@code b} (a wildcard's own label is no domain of its own).
   */
  private static List<String> parents(String hostname) {
    List<String> parents = new ArrayList<>();
    String rest = hostname.startsWith("*.") ? hostname.substring(2) : hostname;
    for (int dot = rest.indexOf('.'); dot >= 0; dot = rest.indexOf('.')) {
      rest = rest.substring(dot + 1);
      parents.add(rest);
    }
    return parents;
  }
}
