package io.tenantingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The README's main-job command: an embedded API server, the operator on it, the examples applied. */
class SandboxCommandIT {

  @Test
  void theSandboxRunsTheOperatorOnTheExamplesAndReportsWhatItDid() {
    StringWriter out = new StringWriter();
    int exit = TenantIngressOperatorCli.commandLine().setOut(new PrintWriter(out))
        .execute("sandbox", "--exit-when-ready", "--project-dir", System.getProperty("tenantingress.projectDir", "."));

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("applied TenantIngressClass public", "applied TenantIngress team-a/team-a")
        .contains("What the operator wrote:", "Gateway gateway/shared", "Certificate gateway/team-a.team-a.example.com",
            "HTTPRoute team-a/team-a.example.com")
        .contains("TenantIngress team-b/team-b:", "hostname *.team-b.apps.example.com: Denied (WildcardNeedsDNS01)")
        .contains("export KUBECONFIG=");
  }
}
