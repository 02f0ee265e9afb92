package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The Gateway that serves a TenantIngress, and the addresses its DNS records should point at. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewaySummary(String namespace, String name, List<String> addresses) {
}
