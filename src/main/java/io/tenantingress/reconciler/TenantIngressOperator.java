package io.tenantingress.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/** The two reconcilers on one java-operator-sdk Operator, with the client it is given. */
public final class TenantIngressOperator implements AutoCloseable {

  private final Operator operator;
  private final WriteCounter writes = new WriteCounter();

  private TenantIngressOperator(KubernetesClient client) {
    this.operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    operator.register(new TenantIngressClassReconciler(client, writes, Clock.systemUTC()));
    operator.register(new TenantIngressReconciler(client, Clock.systemUTC()));
  }

  /** Starts both reconcilers; returns once their caches are synced. */
  public static TenantIngressOperator start(KubernetesClient client) {
    TenantIngressOperator tenantIngressOperator = new TenantIngressOperator(client);
    tenantIngressOperator.operator.start();
    return tenantIngressOperator;
  }

  /** The writes this operator sent, by kind. */
  public WriteCounter writes() {
    return writes;
  }

  @Override
  public void close() {
    operator.stop();
  }
}
