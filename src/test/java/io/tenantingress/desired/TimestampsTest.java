package io.tenantingress.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-03T13:45:07Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
      "2026-12-03T13:45:07.250Z", "2026-12-03T14:45:07+01:00", "2016-12-31T23:59:60Z", "2026-12-03T24:00:00Z",
      "9999-12-31T23:59:59Z"})
  void readsEveryTimeAsInstantParseDoes(String timestamp) {
    assertThat(Timestamps.parse(timestamp)).isEqualTo(Instant.parse(timestamp));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-03T13:45:07Z", "2026-02-30T13:45:07Z", "2026-12-03T25:00:00Z",
      "2026-12-03T13:61:07Z", "2026-12-03 13:45:07Z", "2026-12-03T13:45:0xZ", "+026-12-03T13:45:07Z", "yesterday"})
  void refusesWhatInstantParseRefuses(String timestamp) {
    assertThatThrownBy(() -> Instant.parse(timestamp)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> Timestamps.parse(timestamp)).isInstanceOf(DateTimeException.class);
  }
}
