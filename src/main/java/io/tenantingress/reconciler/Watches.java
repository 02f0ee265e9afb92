package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tenantingress.desired.OwnershipLabels;

/** The informers both reconcilers read from, each scoped to what the operator needs to see. */
final class Watches {

  static final String MANAGED_SELECTOR = OwnershipLabels.MANAGED_BY + "=" + OwnershipLabels.OPERATOR;

  private Watches() {
  }

  /** Objects the operator writes, selected by its managed-by label. */
  static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> owned(Class<R> type,
      EventSourceContext<P> context, SecondaryToPrimaryMapper<R> mapper) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
        .withName(type.getSimpleName() + "-owned").withLabelSelector(MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(mapper).build(), context);
  }

  /** Every object of a kind, in all namespaces (HTTPRoutes and policies people write, namespaces). */
  static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> all(Class<R> type,
      EventSourceContext<P> context, SecondaryToPrimaryMapper<R> mapper) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
        .withName(type.getSimpleName() + "-all").withSecondaryToPrimaryMapper(mapper).build(), context);
  }

  /**
   * TLS Secrets only ({@code type=kubernetes.io/tls}), with their values dropped from the cache: a certificate
   * Secret may be in any tenant namespace (External TLS), but nothing else about it is needed.
   */
  static <P extends HasMetadata> InformerEventSource<Secret, P> tlsSecrets(EventSourceContext<P> context,
      SecondaryToPrimaryMapper<Secret> mapper) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class,
            context.getPrimaryResourceClass())
        .withName("Secret-tls")
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("type", "kubernetes.io/tls")))
        .withItemStore(new TlsSecretStore())
        .withSecondaryToPrimaryMapper(mapper).build(), context);
  }
}
