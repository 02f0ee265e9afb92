package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.path.startsWith('/')", fieldPath = ".path", message = "routes[].path must start with '/'")
@ValidationRule(value = "!self.path.contains('//') && !self.path.contains('/./') && !self.path.contains('/../')"
    + " && !self.path.endsWith('/.') && !self.path.endsWith('/..') && !self.path.lowerAscii().contains('%2f')",
    fieldPath = ".path", message = "routes[].path must not contain '//', '/./', '/../' or '%2f', nor end in '/.' "
        + "or '/..' (HTTPRoute refuses such paths)")
public record Route(
    @JsonPropertyDescription("One of spec.hostnames.")
    @Required @Size(max = 253) String hostname,

    @JsonPropertyDescription("Path prefix: an absolute URL path of the characters HTTPRoute allows (letters, digits, "
        + "-._~!$&'()*+,;=:@/ and %-escapes; no space, '?' or '#'). Default: /.")
    @Default(DEFAULT_PATH) @Size(min = 1, max = 1024) @Pattern(ApiPatterns.URL_PATH) String path,

    @JsonPropertyDescription("A Service in this namespace.")
    @Required @Size(min = 1, max = 63) @Pattern(ApiPatterns.DNS1035_LABEL) String service,

    @JsonPropertyDescription("The Service port.")
    @Required @Min(1) @Max(65535) Integer port) {

  public static final String DEFAULT_PATH = "/";
}
