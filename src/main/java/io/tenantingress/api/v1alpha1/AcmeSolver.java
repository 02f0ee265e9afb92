package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.http01) != has(self.dns01)",
    message = "acme.solver must set exactly one of http01 or dns01")
public record AcmeSolver(
    @JsonPropertyDescription("Solve HTTP-01 challenges with an HTTPRoute on the class's Gateway.")
    Http01 http01,

    @JsonPropertyDescription("A cert-manager ACME DNS-01 solver (e.g. {cloudflare: {...}}), passed to the Issuer "
        + "as it is.")
    @SchemaFrom(type = Dns01Schema.class) Map<String, Object> dns01) {
}
