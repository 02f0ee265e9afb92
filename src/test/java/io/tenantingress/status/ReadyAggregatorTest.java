package io.tenantingress.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadyAggregatorTest {

  private static final Verdict OK = Verdict.yes("Ok", "fine");

  @Test
  void readyWhenEveryVerdictHolds() {
    assertThat(ReadyAggregator.ready(OK, OK, List.of(), OK, OK, OK).reason()).isEqualTo("Ready");
  }

  @Test
  void theFirstFailingVerdictInOrderOfPrecedenceIsTheReason() {
    Verdict accepted = Verdict.no("NoDefaultClass", "");
    Verdict refused = Verdict.no("ApplyRefused", "");
    Verdict hostname = Verdict.no("HostnameClaimed", "");
    Verdict programmed = Verdict.no("Pending", "");
    Verdict certificates = Verdict.no("CertificatePending", "");
    Verdict routes = Verdict.no("NoRoute", "");

    assertThat(ReadyAggregator.ready(accepted, refused, List.of(hostname), programmed, certificates, routes))
        .isSameAs(accepted);
    assertThat(ReadyAggregator.ready(OK, refused, List.of(hostname), programmed, certificates, routes))
        .isSameAs(refused);
    assertThat(ReadyAggregator.ready(OK, OK, List.of(hostname, Verdict.no("Other", "")), programmed, certificates,
        routes)).isSameAs(hostname);
    assertThat(ReadyAggregator.ready(OK, OK, List.of(), programmed, certificates, routes)).isSameAs(programmed);
    assertThat(ReadyAggregator.ready(OK, OK, List.of(), OK, certificates, routes)).isSameAs(certificates);
    assertThat(ReadyAggregator.ready(OK, OK, List.of(), OK, OK, routes)).isSameAs(routes);
  }
}
