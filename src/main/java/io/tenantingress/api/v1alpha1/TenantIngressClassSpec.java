package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Defaults live here as constants so that the CRD's OpenAPI defaults and the operator's own (for objects that
 * never went through an API server, such as {@code render -f}) cannot drift apart.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.layout == 'Shared' || !has(self.gateway)",
    message = "spec.gateway names the shared Gateway and applies only to layout Shared: a Dedicated class puts "
        + "one Gateway in each tenant namespace")
@ValidationRule(value = "self.layout == 'Shared' || self.tenantListeners == 'Gateway'",
    message = "tenantListeners: ListenerSet applies only to layout Shared: a Dedicated Gateway serves one "
        + "namespace already")
public record TenantIngressClassSpec(
    @JsonPropertyDescription("GatewayClass of the Gateways this class renders.")
    @Default(DEFAULT_GATEWAY_CLASS_NAME) @Size(min = 1, max = 253) String gatewayClassName,

    @JsonPropertyDescription("Shared: one Gateway in gateway.namespace serves every tenant namespace that carries "
        + "the access label. Dedicated: a Gateway, ClientTrafficPolicy, Issuer and Certificate in each tenant "
        + "namespace, admitting only that namespace's routes.")
    @Default(DEFAULT_LAYOUT) Layout layout,

    @JsonPropertyDescription("The shared Gateway (layout Shared only). Default: gateway/shared.")
    SharedGateway gateway,

    @JsonPropertyDescription("Shared layout: Gateway puts every hostname's certificate on the shared Gateway's "
        + "https listener (the walkthrough's layout, at most 64 hostnames); ListenerSet gives each tenant "
        + "namespace a ListenerSet with a listener per hostname that only its own routes can attach to.")
    @Default(DEFAULT_TENANT_LISTENERS) TenantListeners tenantListeners,

    @JsonPropertyDescription("Ports of the http and https listeners. Default: 80 and 443.")
    Listeners listeners,

    @JsonPropertyDescription("How the real client IP reaches Envoy: exactly one of proxyProtocol, xForwardedFor, "
        + "customHeader.")
    @Required ClientIPDetection clientIP,

    @JsonPropertyDescription("The namespace label that admits a namespace's routes to the shared Gateway. "
        + "Default: shared-gateway-access=\"true\".")
    AccessLabel accessLabel,

    @JsonPropertyDescription("Render one HTTPRoute on the http listener that redirects every host to https (301).")
    @Default("true") Boolean httpsRedirect,

    @JsonPropertyDescription("Where certificates come from: exactly one of acme, issuerRef.")
    @Required Certificates certificates,

    @JsonPropertyDescription("Which hostnames a namespace may claim. Empty: any hostname.")
    HostnamePolicy hostnamePolicy,

    @JsonPropertyDescription("Which namespaces may use this class, by their labels (matchLabels and "
        + "matchExpressions, as everywhere in Kubernetes). Empty: every namespace. App teams cannot label their "
        + "namespace, so spec.className cannot take them around the hostnamePolicy of the class meant for them. "
        + "Do not select on the access label, which the operator itself sets.")
    LabelSelector namespaceSelector,

    @JsonPropertyDescription("Whether the shared Gateway's own objects in the gateway namespace (Gateway, "
        + "ClientTrafficPolicy, Issuer, https-redirect route) that someone wrote by hand, as the walkthrough does, "
        + "are taken over: every field becomes the operator's, and what changes is reported on this class "
        + "(condition Adopted, an event) as it happens. false: they are left alone and reported as "
        + "ObjectNameTaken.")
    @Default("true") Boolean adopt) {

  public static final String DEFAULT_GATEWAY_CLASS_NAME = "eg";
  public static final String DEFAULT_LAYOUT = "Shared";
  public static final String DEFAULT_TENANT_LISTENERS = "Gateway";
}
