package io.tenantingress.api.v1alpha1;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * The schema of {@code acme.solver.dns01}: any cert-manager DNS-01 solver ({@code cloudflare}, {@code route53},
 * {@code cnameStrategy}, ...), kept as written and passed to the Issuer unchanged.
 */
@PreserveUnknownFields
final class Dns01Schema {
  private Dns01Schema() {
  }
}
