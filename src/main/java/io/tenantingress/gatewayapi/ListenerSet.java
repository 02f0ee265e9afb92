package io.tenantingress.gatewayapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Gateway API's ListenerSet (gateway.networking.k8s.io/v1, standard channel since v1.5), which fabric8's model
 * does not have yet. Its listeners and their status have the Gateway's own shapes, so those types are reused.
 */
@Group("gateway.networking.k8s.io")
@Version("v1")
@Kind("ListenerSet")
// Named rather than derived: fabric8 derives a plural with regular expressions in every constructor.
@Plural("listenersets")
@JsonIgnoreProperties(ignoreUnknown = true)
public class ListenerSet extends CustomResource<ListenerSetSpec, ListenerSetStatus> implements Namespaced {
}
