package io.tenantingress.api;

import java.util.List;

/** Where the build puts the CRDs it generates from {@code io.tenantingress.api} (fabric8 crd-generator). */
public final class OperatorCrds {

  public static final String GENERATED_DIR = "/META-INF/fabric8/";
  public static final List<String> PLURALS = List.of("tenantingressclasses", "tenantingresses");
  /** Classpath resources, one per CRD. */
  public static final List<String> RESOURCES = PLURALS.stream().map(OperatorCrds::generatedResource).toList();

  public static String generatedResource(String plural) {
    return GENERATED_DIR + plural + ".tenantingress.io-v1.yml";
  }

  /** The name of the committed copy under crds/ and the chart's crds/ (the kubebuilder convention). */
  public static String committedFileName(String plural) {
    return "tenantingress.io_" + plural + ".yaml";
  }

  private OperatorCrds() {
  }
}
