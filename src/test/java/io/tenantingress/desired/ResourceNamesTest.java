package io.tenantingress.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  @Test
  void aHostnameNamesItsObjectsAndAWildcardBecomesALabel() {
    assertThat(ResourceNames.sharedCertificateName("team-a", "app.example.com")).isEqualTo("team-a.app.example.com");
    assertThat(ResourceNames.sharedCertificateName("team-a", "*.apps.example.com"))
        .isEqualTo("team-a.wildcard.apps.example.com");
    assertThat(ResourceNames.tenantRouteName("*.apps.example.com")).isEqualTo("wildcard.apps.example.com");
  }

  @Test
  void theSameHostnameInTwoNamespacesNamesTwoObjects() {
    assertThat(ResourceNames.sharedCertificateName("a", "b.example.com"))
        .isNotEqualTo(ResourceNames.sharedCertificateName("a-b", "example.com"))
        .isNotEqualTo(ResourceNames.sharedCertificateName("b", "a.example.com"));
  }

  @Test
  void aNameTooLongIsCutValidDeterministicAndDistinct() {
    String label = "x".repeat(63);
    String longHostname = String.join(".", label, label, label, "example.com");
    String otherHostname = String.join(".", label, label, label, "example.org");
    String name = ResourceNames.sharedCertificateName("n".repeat(63), longHostname);

    assertThat(name).hasSizeLessThanOrEqualTo(ResourceNames.MAX_NAME_LENGTH).matches(DNS1123_SUBDOMAIN);
    assertThat(ResourceNames.sharedCertificateName("n".repeat(63), longHostname)).isEqualTo(name);
    assertThat(ResourceNames.sharedCertificateName("n".repeat(63), otherHostname)).isNotEqualTo(name)
        .matches(DNS1123_SUBDOMAIN);
  }

  @Test
  void aCutNeverEndsInADotOrDashBeforeTheHash() {
    String name = ResourceNames.fit("a".repeat(243) + ".-bbbbbbbbbbbbbbbbbb");
    assertThat(name).matches(DNS1123_SUBDOMAIN).hasSizeLessThanOrEqualTo(253);
  }

  @Test
  void labelValuesStayWithin63Characters() {
    assertThat(ResourceNames.labelValue("short")).isEqualTo("short");
    String longName = "t".repeat(100);
    assertThat(ResourceNames.labelValue(longName)).hasSize(63).startsWith("ttt")
        .isNotEqualTo(ResourceNames.labelValue("t".repeat(101)));
  }
}
