package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class FailedReconcilesTest {

  @Test
  void theApiServersAbsenceOrOverloadPasses() {
    assertThat(FailedReconciles.passing(new KubernetesClientException("apply failed",
        new ConnectException("Connection refused")))).isTrue();
    assertThat(FailedReconciles.passing(new KubernetesClientException("apply failed",
        new HttpTimeoutException("request timed out")))).isTrue();
    assertThat(FailedReconciles.passing(new KubernetesClientException("etcdserver: request timed out", 504, null)))
        .isTrue();
    assertThat(FailedReconciles.passing(new KubernetesClientException("too many requests", 429, null))).isTrue();
  }

  @Test
  void whatRetryingCannotExplainIsNotPassing() {
    assertThat(FailedReconciles.passing(new NullPointerException())).isFalse();
    assertThat(FailedReconciles.passing(new KubernetesClientException("forbidden", 403, null))).isFalse();
  }
}
