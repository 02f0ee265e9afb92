package io.tenantingress.envoy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Envoy Gateway's ClientTrafficPolicy (gateway.envoyproxy.io/v1alpha1), typed only as far as this operator writes
 * and reads it: fabric8 ships no model for Envoy Gateway, and the fields left out are never sent by server-side
 * apply, so they stay whatever their owners set.
 */
@Group("gateway.envoyproxy.io")
@Version("v1alpha1")
@Kind("ClientTrafficPolicy")
// Named rather than derived: fabric8 derives a plural with regular expressions in every constructor.
@Plural("clienttrafficpolicies")
@JsonIgnoreProperties(ignoreUnknown = true)
public class ClientTrafficPolicy extends CustomResource<ClientTrafficPolicySpec, Void> implements Namespaced {
}
