package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.hostnames.all(h, self.hostnames.exists_one(x, x == h))", fieldPath = ".hostnames",
    message = "hostnames must be unique")
@ValidationRule(value = "!has(self.routes) || self.routes.all(r, r.hostname in self.hostnames)",
    fieldPath = ".routes", message = "every routes[].hostname must be one of spec.hostnames")
@ValidationRule(value = "!has(self.routes) || self.routes.all(r, self.routes.filter(x, x.hostname == r.hostname)"
    + ".size() <= 16)", fieldPath = ".routes",
    message = "at most 16 routes per hostname (an HTTPRoute holds at most 16 rules)")
public record TenantIngressSpec(
    @JsonPropertyDescription("The TenantIngressClass to use. Default: the class annotated "
        + "tenantingress.io/is-default-class: \"true\".")
    @Size(min = 1, max = 253) String className,

    @JsonPropertyDescription("Hostnames this namespace serves: lowercase DNS names of at least two labels, "
        + "optionally starting with '*.' (wildcards need DNS-01 or an External certificate).")
    @Required @Size(min = 1, max = MAX_HOSTNAMES)
    List<@Size(min = 1, max = 253) @Pattern(ApiPatterns.HOSTNAME) String> hostnames,

    @JsonPropertyDescription("Where the certificates come from. Default: Managed.")
    Tls tls,

    @JsonPropertyDescription("Convenience routes: one HTTPRoute each, in this namespace, attached to the class's "
        + "Gateway on its https listener.")
    @Size(max = MAX_HOSTNAMES) List<Route> routes) {

  public static final int MAX_HOSTNAMES = 100;
}
