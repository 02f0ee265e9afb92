package io.tenantingress.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code tenant-ingress-operator <subcommand>}. */
@Command(
    name = "tenant-ingress-operator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Onboards namespaces onto a shared Envoy Gateway from TenantIngress objects.",
    subcommands = {SandboxCommand.class, CommandLine.HelpCommand.class})
public final class TenantIngressOperatorCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new TenantIngressOperatorCli()).execute(args));
  }
}
