package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.acme) != has(self.issuerRef)",
    message = "certificates must set exactly one of acme (the operator renders an ACME Issuer) or issuerRef "
        + "(an Issuer or ClusterIssuer you manage)")
public record Certificates(
    @JsonPropertyDescription("The operator renders a cert-manager ACME Issuer where TLS terminates.")
    Acme acme,

    @JsonPropertyDescription("An existing cert-manager issuer. An Issuer must exist in every namespace where TLS "
        + "terminates: the gateway namespace (Shared) or each tenant namespace (Dedicated).")
    IssuerReference issuerRef) {
}
