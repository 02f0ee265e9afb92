package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.mode == 'External' ? has(self.secretName) : !has(self.secretName)",
    message = "tls.secretName is required with mode External (a kubernetes.io/tls Secret you own in this "
        + "namespace) and not allowed with mode Managed")
public record Tls(
    @JsonPropertyDescription("Managed: a cert-manager Certificate per hostname where TLS terminates. External: "
        + "your own Secret in this namespace.")
    @Default("Managed") TlsMode mode,

    @JsonPropertyDescription("With mode External: the Secret in this namespace that holds the certificate for "
        + "every hostname of this TenantIngress.")
    @Size(min = 1, max = 253) @Pattern(ApiPatterns.DNS1123_SUBDOMAIN) String secretName) {
}
