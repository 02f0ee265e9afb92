package io.tenantingress.desired;

/** The {@code reason} of a hostname's state; docs/api.md maps each to its fix. */
public final class HostnameReasons {

  public static final String SERVED = "Served";
  public static final String CERTIFICATE_PENDING = "CertificatePending";
  public static final String CHALLENGE_NOT_ACCEPTED = "ChallengeNotAccepted";
  public static final String CLAIMED_BY_OLDER_TENANT = "HostnameClaimed";
  public static final String NOT_ALLOWED_BY_POLICY = "NotAllowedByPolicy";
  public static final String NAMESPACE_NOT_SELECTED = "NamespaceNotSelected";
  public static final String WILDCARD_NEEDS_DNS01 = "WildcardNeedsDNS01";
  public static final String LISTENER_FULL = "ListenerFull";
  public static final String CLASS_UNAVAILABLE = "ClassUnavailable";
  public static final String NAMESPACE_HAS_DEDICATED_GATEWAY = "NamespaceHasDedicatedGateway";
  public static final String NAMESPACE_OBJECT_OF_ANOTHER_CLASS = "NamespaceObjectOfAnotherClass";

  private HostnameReasons() {
  }
}
