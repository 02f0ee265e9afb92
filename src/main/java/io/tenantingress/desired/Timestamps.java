package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;

/** Creation times decide which of two claims wins; an object not yet created (render -f) is the newest. */
final class Timestamps {

  private Timestamps() {
  }

  static Instant created(HasMetadata object) {
    String timestamp = object.getMetadata().getCreationTimestamp();
    return timestamp == null ? Instant.MAX : Instant.parse(timestamp);
  }
}
