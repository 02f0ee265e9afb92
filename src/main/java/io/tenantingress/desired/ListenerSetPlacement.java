package io.tenantingress.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which ListenerSet of its namespace serves each hostname that lives on ListenerSets, and on which listeners.
 *
 * <p>On a class with {@code tenantListeners: ListenerSet} every admitted hostname has an http listener of its own
 * (bound to the hostname, admitting its namespace's routes only: the redirect and cert-manager's HTTP-01
 * challenge route for it attach there, and no other namespace can), and an https listener once its certificate
 * is issued, except while it is still served by the Gateway as it moves to ListenerSets. On a Gateway-layout
 * class only the hostnames still served by their ListenerSet while they move back are placed, https only.
 *
 * <p>A namespace's hostnames, sorted, fill ListenerSets of at most {@value #MAX_LISTENERS} listeners (a Gateway
 * API limit), so 32 hostnames each where every hostname has two; the first is named after the Gateway
 * ({@code tenantingress-<gateway>}), the next ones get {@code -2}, {@code -3}, ... Hostnames whose certificate is not
 * issued yet keep their place, so that a certificate being issued never moves another hostname.
 */
public final class ListenerSetPlacement {

  public static final int MAX_LISTENERS = 64;

  /** Where one hostname's https listener is. */
  public record Place(String namespace, String listenerSet, String listener) {
  }

  /**
   * Each namespace's ListenerSets with the hostnames placed in each. A hostname's place is looked up among its
   * namespace's few dozen hostnames rather than kept per hostname: every plan computes every class's placement, which
   * at thousands of tenants was ten thousand keys and places per plan.
   */
  private final Map<String, Map<String, List<HostnamePlan>>> byNamespace = new TreeMap<>();
  private final boolean listenerSets;

  private ListenerSetPlacement(boolean listenerSets) {
    this.listenerSets = listenerSets;
  }

  /** The placement of a class nothing is rendered for. */
  static final ListenerSetPlacement NONE = new ListenerSetPlacement(false);

  static ListenerSetPlacement of(EffectiveClass tenantClass, List<TenantPlan> tenants) {
    if (!tenantClass.shared()) {
      return NONE;
    }
    boolean listenerSets = tenantClass.usesListenerSets();
    ListenerSetPlacement placement = new ListenerSetPlacement(listenerSets);
    int perSet = listenerSets ? MAX_LISTENERS / 2 : MAX_LISTENERS;
    Map<String, List<HostnamePlan>> admitted = new TreeMap<>();
    tenants.forEach(t -> admitted.computeIfAbsent(t.namespace(), k -> new ArrayList<>()).addAll(t.admitted().stream()
        .filter(h -> listenerSets || h.bridge() != null).toList()));
    admitted.values().removeIf(List::isEmpty);
    admitted.forEach((namespace, hostnames) -> {
      List<HostnamePlan> sorted = hostnames.stream()
          .sorted(java.util.Comparator.comparing(HostnamePlan::hostname)).toList();
      Map<String, List<HostnamePlan>> sets = new LinkedHashMap<>();
      for (int i = 0; i < sorted.size(); i++) {
        sets.computeIfAbsent(listenerSetName(tenantClass.gatewayName(), i / perSet), k -> new ArrayList<>())
            .add(sorted.get(i));
      }
      placement.byNamespace.put(namespace, sets);
    });
    return placement;
  }

  /** A hostname moving onto ListenerSets is served by the Gateway's https listener until its certificate is issued. */
  static boolean servesHttps(boolean listenerSets, HostnamePlan hostname) {
    return listenerSets == (hostname.bridge() == null);
  }

  /** Where a hostname's https listener is, if it is on a ListenerSet. */
  public Optional<Place> place(String namespace, String hostname) {
    for (Map.Entry<String, List<HostnamePlan>> set : byNamespace.getOrDefault(namespace, Map.of()).entrySet()) {
      for (HostnamePlan placed : set.getValue()) {
        if (placed.hostname().equals(hostname)) {
          return servesHttps(listenerSets, placed)
              ? Optional.of(new Place(namespace, set.getKey(), ResourceNames.hostnameSegment(hostname)))
              : Optional.empty();
        }
      }
    }
    return Optional.empty();
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
    return other instanceof ListenerSetPlacement that && listenerSets == that.listenerSets
        && byNamespace.equals(that.byNamespace);
  }

  @Override
  public int hashCode() {
    return byNamespace.hashCode();
  }

  /**
   * Without dots, whatever the Gateway's name: a name with no dot is never a hostname (hostnames have at least two
   * labels), so the redirect route named after the ListenerSet never shares a name with a route named after a
   * hostname. Two Gateways whose names differ only in dots and dashes give one name; the planner lets only one
   * class have it in a namespace.
   */
  static String listenerSetName(String gatewayName, int index) {
    return ResourceNames.fit("tenantingress-" + gatewayName.replace('.', '-') + (index == 0 ? "" : "-" + (index + 1)));
  }
}
