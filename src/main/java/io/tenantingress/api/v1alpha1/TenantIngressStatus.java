package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantIngressStatus(
    Long observedGeneration,
    String className,
    List<Condition> conditions,
    GatewaySummary gateway,
    List<HostnameStatus> hostnames) implements HasConditions {
}
