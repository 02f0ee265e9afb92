package io.tenantingress.api.v1alpha1;

/**
 * OpenAPI patterns for the syntax of names. A pattern costs nothing of the CRD's CEL budget, and the API server
 * reports a mismatch with the field's path and the pattern; rules between fields are CEL with our own messages.
 */
final class ApiPatterns {

  static final String DNS1123_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  static final String DNS1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  static final String DNS1035_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
  /**
   * A lowercase RFC 1123 hostname of at least two labels besides an optional leading wildcard: a single label
   * ({@code localhost}, {@code com}) names nothing a tenant can own, and could equal the name of another object
   * the operator writes beside the hostname's certificate.
   */
  static final String HOSTNAME = "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$";
  /** A hostname that may contain {namespace} placeholders. */
  static final String HOSTNAME_PATTERN = "^(\\*\\.)?([a-z0-9-]|\\{namespace\\})+(\\.([a-z0-9-]|\\{namespace\\})+)*$";
  static final String LABEL_KEY =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
  static final String LABEL_VALUE = "^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$";
  /** What Envoy Gateway accepts for clientIPDetection.customHeader.name. */
  static final String HEADER_NAME = "^[A-Za-z0-9-]+$";
  static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

  /** The characters HTTPRoute admits in a path match ({@code HTTPPathMatch.value}), and nothing else. */
  static final String URL_PATH = "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$";

  private ApiPatterns() {
  }
}
