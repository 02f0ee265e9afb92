package io.tenantingress.desired;

import java.util.List;

/**
 * Whether a namespace may claim a hostname under a class's {@code hostnamePolicy.allowed} patterns.
 *
 * <p>{@code {namespace}} stands for the claiming namespace. A pattern {@code *.suffix} admits, as a Gateway API
 * wildcard does, every hostname with one or more labels before {@code .suffix}, wildcards among them; any other
 * pattern admits exactly that hostname. No patterns: every hostname is allowed.
 */
public final class HostnamePolicyMatcher {

  private static final String NAMESPACE_PLACEHOLDER = "{namespace}";

  private HostnamePolicyMatcher() {
  }

  public static boolean allows(List<String> patterns, String namespace, String hostname) {
    return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> matches(pattern, namespace, hostname));
  }

  static boolean matches(String pattern, String namespace, String hostname) {
    String expanded = pattern.replace(NAMESPACE_PLACEHOLDER, namespace);
    if (expanded.startsWith("*.")) {
      String suffix = expanded.substring(1);
      return hostname.endsWith(suffix) && hostname.length() > suffix.length();
    }
    return hostname.equals(expanded);
  }
}
