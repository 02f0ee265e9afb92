package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateSummary(String namespace, String name, String secretName, String ready, String reason) {
}
