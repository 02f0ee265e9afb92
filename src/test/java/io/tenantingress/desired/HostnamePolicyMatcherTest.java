package io.tenantingress.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostnamePolicyMatcherTest {

  private static final List<String> POLICY = List.of("{namespace}.example.com", "*.{namespace}.apps.example.com");

  @Test
  void noPatternsAllowEverything() {
    assertThat(HostnamePolicyMatcher.allows(List.of(), "team-a", "anything.example.org")).isTrue();
  }

  @Test
  void theNamespacePlaceholderIsTheClaimingNamespace() {
    assertThat(HostnamePolicyMatcher.allows(POLICY, "team-a", "team-a.example.com")).isTrue();
    assertThat(HostnamePolicyMatcher.allows(POLICY, "team-b", "team-a.example.com")).isFalse();
  }

  @Test
  void aWildcardPatternAdmitsEverythingBelowItAndItself() {
    assertThat(HostnamePolicyMatcher.allows(POLICY, "team-a", "web.team-a.apps.example.com")).isTrue();
    assertThat(HostnamePolicyMatcher.allows(POLICY, "team-a", "a.b.team-a.apps.example.com")).isTrue();
    assertThat(HostnamePolicyMatcher.allows(POLICY, "team-a", "*.team-a.apps.example.com")).isTrue();
    assertThat(HostnamePolicyMatcher.allows(POLICY, "team-a", "team-a.apps.example.com")).isFalse();
    assertThat(HostnamePolicyMatcher.allows(POLICY, "team-a", "evil-team-a.apps.example.com")).isFalse();
  }

  @Test
  void anExactPatternAdmitsOnlyItself() {
    assertThat(HostnamePolicyMatcher.allows(POLICY, "team-a", "www.team-a.example.com")).isFalse();
  }
}
