package io.tenantingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The README's main-job command: an embedded API server with the real Envoy Gateway, cert-manager and Pebble, the
 * operator on it, the sandbox's examples applied and settled. It starts its own Envoy Gateway, so it runs in the
 * execution where no other one does (it is not a {@code WithRealControllers} class).
 */
class SandboxCommandIT {

  @Test
  void theSandboxTakesTheExamplesToReadyOnTheRealControllersAndReportsWhatItDid() {
    StringWriter out = new StringWriter();
    int exit = TenantIngressOperatorCli.commandLine().setOut(new PrintWriter(out))
        .execute("sandbox", "--exit-when-ready", "--project-dir", System.getProperty("tenantingress.projectDir", "."));

    String printed = out.toString();
    assertThat(exit).as(printed).isZero();
    assertThat(printed)
        .contains("applied TenantIngressClass public", "applied TenantIngress team-a/team-a")
        .contains("What the operator wrote:", "Gateway gateway/shared", "Certificate gateway/team-a.team-a.example.com",
            "HTTPRoute team-a/team-a.example.com")
        .contains("export KUBECONFIG=")
        .doesNotContain("GatewayNotFound");
    assertThat(section(printed, "TenantIngress team-a/team-a:")).contains(ready())
        .contains("hostname team-a.example.com: Ready (RouteAccepted)");
    assertThat(section(printed, "TenantIngress team-b/team-b:")).contains(ready())
        .contains("hostname *.team-b.apps.example.com: Ready (RouteAccepted)");
    assertThat(section(printed, "TenantIngress shop/storefront:")).as("issued by Pebble over HTTP-01")
        .contains(ready());
    assertThat(section(printed, "TenantIngress team-c/team-c:"))
        .contains("hostname team-a.example.com: Denied (NotAllowedByPolicy)");
  }

  private static String ready() {
    return String.format("  %-18s %-5s %s:", "Ready", "True", "Ready");
  }

  private static String section(String printed, String heading) {
    int start = printed.indexOf(heading);
    assertThat(start).as(heading + " in:\n" + printed).isNotNegative();
    int end = printed.indexOf("\nTenantIngress ", start + heading.length());
    return printed.substring(start, end < 0 ? printed.length() : end);
  }
}
