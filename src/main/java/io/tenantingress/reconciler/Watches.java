package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.tenantingress.desired.CertificateIssuance;
import io.tenantingress.desired.OwnershipLabels;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The informers both reconcilers read from, each scoped to what the operator needs to see. */
final class Watches {

  static final String MANAGED_SELECTOR = OwnershipLabels.MANAGED_BY + "=" + OwnershipLabels.OPERATOR;

  private Watches() {
  }

  /**
   * The objects of one namespace, through the informer's namespace index: java-operator-sdk's
   * {@code list(namespace)} scans the whole cache, which at thousands of tenants costs more than the reconcile
   * asking for one namespace's objects.
   */
  static <R extends HasMetadata> Stream<R> inNamespace(IndexedResourceCache<R> cache, String namespace) {
    return cache.byIndex(Cache.NAMESPACE_INDEX, namespace).stream();
  }

  /** Objects the operator writes, selected by its managed-by label. */
  static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> owned(Class<R> type,
      EventSourceContext<P> context, SecondaryToPrimaryMapper<R> mapper) {
    return new InformerEventSource<>(ownedConfiguration(type, context, mapper).build(), context);
  }

  /**
   * {@link #owned}, for a reconciler that needs to hear only of changes to the objects, not to their status, and
   * not of its own writes ({@code ownWrite}); the status is not cached either.
   */
  static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> ownedChanges(Class<R> type,
      EventSourceContext<P> context, SecondaryToPrimaryMapper<R> mapper, Predicate<? super R> ownWrite) {
    return new InformerEventSource<>(changesOnly(ownedConfiguration(type, context, mapper), ownWrite, false)
        .build(), context);
  }

  /**
   * Every Certificate, with its status: the operator's (whether each is issued decides whether its Secret goes on a
   * listener) and those written by hand (a shared Gateway keeps serving them for the names the operator does not
   * serve itself yet). An update is heard when it changes more than the status, or whether the certificate is
   * issued; {@code ownWrite}s are not.
   */
  static <P extends HasMetadata> InformerEventSource<Certificate, P> certificates(EventSourceContext<P> context,
      SecondaryToPrimaryMapper<Certificate> mapper, Predicate<? super Certificate> ownWrite) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(Certificate.class,
            context.getPrimaryResourceClass())
        .withName("Certificate-all").withItemStore(new WithoutManagedFieldsStore<>())
        .withSecondaryToPrimaryMapper(mapper)
        .withOnAddFilter(added -> !ownWrite.test(added))
        .withOnUpdateFilter((updated, previous) -> (beyondStatus(updated, previous)
            || CertificateIssuance.issued(updated) != CertificateIssuance.issued(previous)) && !ownWrite.test(updated))
        .build(), context);
  }

  /** Every object of a kind, in all namespaces (HTTPRoutes and policies people write, namespaces). */
  static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> all(Class<R> type,
      EventSourceContext<P> context, SecondaryToPrimaryMapper<R> mapper) {
    return new InformerEventSource<>(allConfiguration(type, context, mapper).build(), context);
  }

  /** {@link #all}, hearing only of changes beyond the status that are not {@code ownWrite}s (see ownedChanges). */
  static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> allChanges(Class<R> type,
      EventSourceContext<P> context, SecondaryToPrimaryMapper<R> mapper, Predicate<? super R> ownWrite) {
    return new InformerEventSource<>(changesOnly(allConfiguration(type, context, mapper), ownWrite,
        type == Namespace.class).build(), context);
  }

  private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> changesOnly(
      InformerEventSourceConfiguration.Builder<R> builder, Predicate<? super R> ownWrite, boolean keepManagedFields) {
    return builder.withItemStore(keepManagedFields ? null : new WithoutStatusStore<>())
        .withOnAddFilter(added -> !ownWrite.test(added))
        .withOnUpdateFilter((updated, previous) -> beyondStatus(updated, previous) && !ownWrite.test(updated));
  }

  private static <R extends HasMetadata, P extends HasMetadata> InformerEventSourceConfiguration.Builder<R>
      ownedConfiguration(Class<R> type, EventSourceContext<P> context, SecondaryToPrimaryMapper<R> mapper) {
    return InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
        .withName(type.getSimpleName() + "-owned").withLabelSelector(MANAGED_SELECTOR)
        .withItemStore(new WithoutManagedFieldsStore<>()).withSecondaryToPrimaryMapper(mapper);
  }

  private static <R extends HasMetadata, P extends HasMetadata> InformerEventSourceConfiguration.Builder<R>
      allConfiguration(Class<R> type, EventSourceContext<P> context, SecondaryToPrimaryMapper<R> mapper) {
    var builder = InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
        .withName(type.getSimpleName() + "-all").withSecondaryToPrimaryMapper(mapper);
    // NamespaceMetadataApplier reads who owns which label of a namespace from its managedFields.
    return type == Namespace.class ? builder : builder.withItemStore(new WithoutManagedFieldsStore<>());
  }

  /**
   * Whether an update changed more than the status: the spec (every kind watched this way has a status
   * subresource, so a spec change moves the generation), labels, annotations, or the start of a deletion.
   */
  static boolean beyondStatus(HasMetadata updated, HasMetadata previous) {
    var now = updated.getMetadata();
    var before = previous.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getLabels(), before.getLabels())
        || !Objects.equals(now.getAnnotations(), before.getAnnotations())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }
}
