package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostnameStatus(
    String hostname,
    HostnameState state,
    String reason,
    String message,
    CertificateSummary certificate,
    List<RouteSummary> routes) {
}
