package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/** HTTP-01 through the class's own Gateway: the operator fills in the parentRefs. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public record Http01() {
}
