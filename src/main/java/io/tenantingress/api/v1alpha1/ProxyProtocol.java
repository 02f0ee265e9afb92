package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * Direct mode has nothing to configure: whether the header is optional is not a choice this API offers, since
 * {@code optional: true} lets clients that skip the header bypass client-IP enforcement.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public record ProxyProtocol() {
}
