package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomHeader(
    @JsonPropertyDescription("The header that carries the client IP, e.g. X-Real-IP.")
    @Required @Size(min = 1, max = 255) @Pattern(ApiPatterns.HEADER_NAME) String name,

    @JsonPropertyDescription("Answer 403 when the header is missing or unparsable instead of using the "
        + "connection's address.")
    Boolean failClosed) {
}
