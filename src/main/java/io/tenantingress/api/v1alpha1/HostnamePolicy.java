package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostnamePolicy(
    @JsonPropertyDescription("Hostname patterns a TenantIngress may claim; {namespace} stands for its namespace. "
        + "A pattern starting with '*.' admits every hostname below it (and that wildcard itself), e.g. "
        + "{namespace}.example.com or *.{namespace}.apps.example.com. Empty: any hostname.")
    @Size(max = 64) List<@Size(min = 1, max = 253) @Pattern(ApiPatterns.HOSTNAME_PATTERN) String> allowed) {
}
