package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

// Records copy a component's annotations onto both its field and its accessor, which the CRD generator would
// emit twice for a repeatable rule: rules about one field are declared on the type, pointed at the field.
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "isURL(self.server) && url(self.server).getScheme() == 'https'", fieldPath = ".server",
    message = "acme.server must be an https URL, e.g. https://acme-v02.api.letsencrypt.org/directory")
public record Acme(
    @JsonPropertyDescription("ACME directory, e.g. https://acme-v02.api.letsencrypt.org/directory.")
    @Required @Size(max = 2048) String server,

    @JsonPropertyDescription("Account e-mail for expiry notices.")
    @Required @Size(max = 254) @Pattern(ApiPatterns.EMAIL) String email,

    @JsonPropertyDescription("Name of the rendered Issuer; its account key Secret is <issuerName>-account. "
        + "Default: letsencrypt-http01 or letsencrypt-dns01, after the solver.")
    @Size(max = 245) @Pattern(ApiPatterns.DNS1123_SUBDOMAIN) String issuerName,

    @JsonPropertyDescription("How ACME validates: http01 (through the class's Gateway, no credentials; no "
        + "wildcard hostnames) or dns01 (wildcards too; needs DNS-provider credentials).")
    @Required AcmeSolver solver) {
}
