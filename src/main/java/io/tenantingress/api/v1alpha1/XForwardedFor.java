package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.numTrustedHops) != has(self.trustedCIDRs)",
    message = "xForwardedFor must set exactly one of numTrustedHops or trustedCIDRs")
@ValidationRule(value = "!has(self.trustedCIDRs) || self.trustedCIDRs.all(c, isCIDR(c))",
    fieldPath = ".trustedCIDRs",
    message = "every trustedCIDRs entry must be a CIDR such as 203.0.113.0/24 or 2001:db8::/32")
public record XForwardedFor(
    @JsonPropertyDescription("How many trusted proxies in front of the load balancer append to X-Forwarded-For: "
        + "1 for a single CDN/WAF. Too low lets callers spoof their IP; too high trusts spoofable entries.")
    @Min(1) @Max(MAX_TRUSTED_HOPS) Integer numTrustedHops,

    @JsonPropertyDescription("The trusted proxies' address ranges, e.g. 203.0.113.0/24 or 2001:db8::/32.")
    @Size(min = 1, max = 64) List<@Size(min = 1, max = 43) String> trustedCIDRs) {

  /** More proxies than any real chain in front of a load balancer; it keeps the value an int32, as Envoy's is. */
  public static final int MAX_TRUSTED_HOPS = 16;
}
