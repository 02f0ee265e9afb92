package io.tenantingress.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = TenantIngressOperatorCli.class.getPackage().getImplementationVersion();
    return new String[] {"tenant-ingress-operator " + (version == null ? "(development build)" : version)};
  }
}
