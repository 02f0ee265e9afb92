package io.tenantingress.envoy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientTrafficPolicySpec(
    List<PolicyTargetReference> targetRefs,
    ProxyProtocolSettings proxyProtocol,
    ClientIPDetectionSettings clientIPDetection) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PolicyTargetReference(String group, String kind, String name, String sectionName) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ProxyProtocolSettings(Boolean optional) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ClientIPDetectionSettings(XForwardedForSettings xForwardedFor, CustomHeaderSettings customHeader) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record XForwardedForSettings(Integer numTrustedHops, List<String> trustedCIDRs) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CustomHeaderSettings(String name, Boolean failClosed) {
  }
}
