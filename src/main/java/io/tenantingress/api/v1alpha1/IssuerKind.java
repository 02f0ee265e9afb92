package io.tenantingress.api.v1alpha1;

public enum IssuerKind {
  Issuer,
  ClusterIssuer
}
