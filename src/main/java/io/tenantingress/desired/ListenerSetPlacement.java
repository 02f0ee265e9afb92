package io.tenantingress.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which ListenerSet of its namespace, and which listener in it, serves each hostname that lives on ListenerSets:
 * on a class with {@code tenantListeners: ListenerSet} every admitted hostname but those still served by the
 * Gateway while they move to it; on a Gateway-layout class only those still served by their ListenerSet while
 * they move back. A namespace's hostnames, sorted, fill ListenerSets of at most {@value #MAX_LISTENERS}
 * listeners (a Gateway API limit); the first is named after the Gateway ({@code tenantingress-<gateway>}), the
 * next ones get {@code -2}, {@code -3}, ... Hostnames whose certificate is not usable yet keep their place, so
 * that a certificate being issued never moves another hostname.
 */
public final class ListenerSetPlacement {

  public static final int MAX_LISTENERS = 64;

  /** Where one hostname is served. */
  public record Place(String namespace, String listenerSet, String listener) {
  }

  private final Map<String, Place> byHostname = new LinkedHashMap<>();
  private final Map<String, Map<String, List<HostnamePlan>>> byNamespace = new TreeMap<>();

  private ListenerSetPlacement() {
  }

  /** The placement of a class nothing is rendered for. */
  static final ListenerSetPlacement NONE = new ListenerSetPlacement();

  static ListenerSetPlacement of(EffectiveClass tenantClass, List<TenantPlan> tenants) {
    ListenerSetPlacement placement = new ListenerSetPlacement();
    if (!tenantClass.shared()) {
      return placement;
    }
    Map<String, List<HostnamePlan>> admitted = new TreeMap<>();
    tenants.forEach(t -> admitted.computeIfAbsent(t.namespace(), k -> new ArrayList<>()).addAll(t.admitted().stream()
        .filter(h -> tenantClass.usesListenerSets() == (h.bridge() == null)).toList()));
    admitted.values().removeIf(List::isEmpty);
    admitted.forEach((namespace, hostnames) -> {
      List<HostnamePlan> sorted = hostnames.stream()
          .sorted(java.util.Comparator.comparing(HostnamePlan::hostname)).toList();
      Map<String, List<HostnamePlan>> sets = new LinkedHashMap<>();
      for (int i = 0; i < sorted.size(); i++) {
        String name = listenerSetName(tenantClass.gatewayName(), i / MAX_LISTENERS);
        HostnamePlan hostname = sorted.get(i);
        sets.computeIfAbsent(name, k -> new ArrayList<>()).add(hostname);
        placement.byHostname.put(namespace + "/" + hostname.hostname(),
            new Place(namespace, name, ResourceNames.hostnameSegment(hostname.hostname())));
      }
      placement.byNamespace.put(namespace, sets);
    });
    return placement;
  }

  public Optional<Place> place(String namespace, String hostname) {
    return Optional.ofNullable(byHostname.get(namespace + "/" + hostname));
  }

  /** Namespace to ListenerSet name to the hostnames placed in it, in order. */
  public Map<String, Map<String, List<HostnamePlan>>> byNamespace() {
    return byNamespace;
  }

  /** The ListenerSet names of one namespace. */
  public List<String> listenerSets(String namespace) {
    return List.copyOf(byNamespace.getOrDefault(namespace, Map.of()).keySet());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ListenerSetPlacement that && byHostname.equals(that.byHostname)
        && byNamespace.equals(that.byNamespace);
  }

  @Override
  public int hashCode() {
    return byHostname.hashCode();
  }

  static String listenerSetName(String gatewayName, int index) {
    return ResourceNames.fit("tenantingress-" + gatewayName + (index == 0 ? "" : "-" + (index + 1)));
  }
}
