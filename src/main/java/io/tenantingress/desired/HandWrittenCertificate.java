package io.tenantingress.desired;

import java.util.List;

/**
 * An issued cert-manager Certificate the operator did not write (the walkthrough's {@code team-a-tls}, say), by
 * the Secret it fills and the names it covers.
 */
public record HandWrittenCertificate(SecretRef secret, List<String> dnsNames) {

  public HandWrittenCertificate {
    dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
  }
}
