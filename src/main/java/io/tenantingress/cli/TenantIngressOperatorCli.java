package io.tenantingress.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code tenant-ingress-operator <subcommand>}. */
@Command(
    name = "tenant-ingress-operator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Onboards namespaces onto a shared Envoy Gateway from TenantIngress objects.",
    subcommands = {RunCommand.class, RenderCommand.class, SandboxCommand.class, CommandLine.HelpCommand.class})
public final class TenantIngressOperatorCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Errors a user can act on (a missing file, a bad manifest) are printed as one line, not a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new TenantIngressOperatorCli())
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + e.getMessage());
          commandLine.getErr().flush();
          return 2;
        });
  }
}
