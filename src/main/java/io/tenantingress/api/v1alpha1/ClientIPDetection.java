package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Mirrors Envoy Gateway's clientIPDetection (and its PROXY-protocol switch), with the same one-of rules checked
 * here first so that a mistake is refused with our message before anything is written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.proxyProtocol), has(self.xForwardedFor), has(self.customHeader)].filter(x, x).size() == 1",
    message = "clientIP must set exactly one of proxyProtocol (direct mode: the load balancer prepends a PROXY "
        + "protocol v2 header), xForwardedFor or customHeader (proxy mode: a CDN or WAF in front sets the client IP)")
public record ClientIPDetection(
    @JsonPropertyDescription("Direct mode: the load balancer prepends a PROXY protocol v2 header to every "
        + "connection. Rendered as proxyProtocol.optional: false, never true.")
    ProxyProtocol proxyProtocol,

    @JsonPropertyDescription("Proxy mode: trusted proxies in front append the client IP to X-Forwarded-For.")
    XForwardedFor xForwardedFor,

    @JsonPropertyDescription("Proxy mode: a trusted proxy in front puts the client IP in this header.")
    CustomHeader customHeader) {
}
