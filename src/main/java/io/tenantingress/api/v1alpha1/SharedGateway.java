package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record SharedGateway(
    @Default(DEFAULT_NAMESPACE) @Size(min = 1, max = 63) @Pattern(ApiPatterns.DNS1123_LABEL) String namespace,
    @Default(DEFAULT_NAME) @Size(min = 1, max = 253) @Pattern(ApiPatterns.DNS1123_SUBDOMAIN) String name) {

  public static final String DEFAULT_NAMESPACE = "gateway";
  public static final String DEFAULT_NAME = "shared";
}
