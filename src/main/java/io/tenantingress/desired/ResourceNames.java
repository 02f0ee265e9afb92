package io.tenantingress.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the objects the operator writes: deterministic, valid DNS-1123, and collision-free.
 *
 * <p>A hostname is already a valid object name and is unique across the cluster once ownership is decided, so
 * per-hostname objects are named after it; a wildcard's {@code *} becomes the label {@code wildcard}. In the
 * shared gateway namespace the owner's namespace comes first: a namespace name has no dots, so the first label
 * alone tells two tenants apart and no hostname one tenant claims can collide with another tenant's objects.
 * A name longer than Kubernetes allows is cut and ends in a hash of the whole name.
 */
public final class ResourceNames {

  public static final int MAX_NAME_LENGTH = 253;
  public static final int MAX_LABEL_LENGTH = 63;
  public static final String HTTPS_REDIRECT_ROUTE = "https-redirect";
  private static final String WILDCARD_LABEL = "wildcard";
  private static final int HASH_LENGTH = 8;

  private ResourceNames() {
  }

  /** {@code app.example.com} stays, {@code *.apps.example.com} becomes {@code wildcard.apps.example.com}. */
  public static String hostnameSegment(String hostname) {
    return hostname.startsWith("*.") ? WILDCARD_LABEL + hostname.substring(1) : hostname;
  }

  /** Certificate and Secret of one hostname in the shared gateway namespace. */
  public static String sharedCertificateName(String tenantNamespace, String hostname) {
    return fit(tenantNamespace + "." + hostnameSegment(hostname));
  }

  /**
   * Certificate and Secret of one hostname in its tenant's own namespace (ListenerSet listeners), where the
   * hostname alone is unique.
   */
  public static String tenantCertificateName(String hostname) {
    return fit(hostnameSegment(hostname));
  }

  /** The one Certificate and Secret of a tenant namespace's dedicated Gateway. */
  public static String dedicatedCertificateName(String tenantNamespace) {
    return fit(tenantNamespace + "-tls");
  }

  /** A tenant namespace's dedicated Gateway (and its ClientTrafficPolicy) is named after the namespace. */
  public static String dedicatedGatewayName(String tenantNamespace) {
    return tenantNamespace;
  }

  /**
   * A hostname's http listener on its ListenerSet. Its https listener is named after the hostname, which has a dot;
   * this name has none, and 64 bits of the hostname's hash keep the http listeners of one ListenerSet apart.
   */
  public static String httpListenerName(String hostname) {
    return "http-" + hash(hostname, 16);
  }

  /** The HTTPRoute a TenantIngress's {@code routes} render for one hostname, in the tenant namespace. */
  public static String tenantRouteName(String hostname) {
    return fit(hostnameSegment(hostname));
  }

  /** The ReferenceGrant in a tenant namespace that lets one Gateway use that namespace's own TLS Secrets. */
  public static String referenceGrantName(String gatewayNamespace, String gatewayName) {
    return fit("tenantingress." + gatewayNamespace + "." + gatewayName);
  }

  public static String accountKeySecretName(String issuerName) {
    return fit(issuerName + "-account");
  }

  /** A label value of at most 63 characters (a longer name keeps its start and gets a hash). */
  public static String labelValue(String value) {
    if (value.length() <= MAX_LABEL_LENGTH) {
      return value;
    }
    return trimEnd(value.substring(0, MAX_LABEL_LENGTH - HASH_LENGTH - 1)) + "-" + hash(value);
  }

  static String fit(String name) {
    if (name.length() <= MAX_NAME_LENGTH) {
      return name;
    }
    // Object names are DNS-1123 subdomains: 253 characters at most, with no limit per label.
    return trimEnd(name.substring(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)) + "-" + hash(name);
  }

  private static String trimEnd(String name) {
    int end = name.length();
    while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == '-')) {
      end--;
    }
    return name.substring(0, end);
  }

  static String hash(String value) {
    return hash(value, HASH_LENGTH);
  }

  private static String hash(String value, int length) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
