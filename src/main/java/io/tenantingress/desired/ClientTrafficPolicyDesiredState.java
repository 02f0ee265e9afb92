package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tenantingress.api.v1alpha1.ClientIPDetection;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.envoy.ClientTrafficPolicySpec;
import io.tenantingress.envoy.ClientTrafficPolicySpec.ClientIPDetectionSettings;
import io.tenantingress.envoy.ClientTrafficPolicySpec.CustomHeaderSettings;
import io.tenantingress.envoy.ClientTrafficPolicySpec.PolicyTargetReference;
import io.tenantingress.envoy.ClientTrafficPolicySpec.ProxyProtocolSettings;
import io.tenantingress.envoy.ClientTrafficPolicySpec.XForwardedForSettings;
import java.util.List;
import java.util.function.Predicate;

/**
 * One ClientTrafficPolicy per Gateway, in the Gateway's namespace (Envoy Gateway ignores a policy placed
 * elsewhere) and named after it. Direct mode is always {@code proxyProtocol.optional: false}: with the header
 * optional, clients that skip it bypass client-IP enforcement.
 */
public final class ClientTrafficPolicyDesiredState {

  public static final String GATEWAY_API_GROUP = "gateway.networking.k8s.io";

  private ClientTrafficPolicyDesiredState() {
  }

  public static List<ClientTrafficPolicy> render(ClassPlan plan, Predicate<String> namespaces) {
    return GatewayInstance.of(plan).stream().filter(g -> namespaces.test(g.namespace()))
        .map(ClientTrafficPolicyDesiredState::policy).toList();
  }

  private static ClientTrafficPolicy policy(GatewayInstance gateway) {
    ClientIPDetection clientIP = gateway.tenantClass().clientIP();
    var policy = new ClientTrafficPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(gateway.name()).withNamespace(gateway.namespace())
        .withLabels(gateway.labels()).build());
    policy.setSpec(new ClientTrafficPolicySpec(
        List.of(new PolicyTargetReference(GATEWAY_API_GROUP, "Gateway", gateway.name(), null)),
        clientIP.proxyProtocol() != null ? new ProxyProtocolSettings(false) : null,
        clientIP.proxyProtocol() != null ? null : new ClientIPDetectionSettings(
            clientIP.xForwardedFor() == null ? null : new XForwardedForSettings(
                clientIP.xForwardedFor().numTrustedHops(), clientIP.xForwardedFor().trustedCIDRs()),
            clientIP.customHeader() == null ? null : new CustomHeaderSettings(
                clientIP.customHeader().name(), clientIP.customHeader().failClosed()))));
    return policy;
  }
}
