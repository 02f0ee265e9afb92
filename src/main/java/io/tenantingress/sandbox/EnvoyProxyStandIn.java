package io.tenantingress.sandbox;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for kubelet and the cloud load balancer, which cannot run here: Envoy Gateway programs a Gateway only
 * once its Envoy proxy Deployment has available replicas and its Service has an address. Nothing else about the
 * proxy is played: this marks Envoy Gateway's own Deployments available (status subresource) and gives its
 * LoadBalancer Services an address from the documentation range 192.0.2.0/24.
 */
final class EnvoyProxyStandIn implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EnvoyProxyStandIn.class);
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private final KubernetesClient client;
  private final SharedIndexInformer<Deployment> deployments;
  private final SharedIndexInformer<Service> services;
  private final AtomicInteger nextAddress = new AtomicInteger();

  private EnvoyProxyStandIn(KubernetesClient client) {
    this.client = client;
    this.deployments = client.apps().deployments().inNamespace(EnvoyGatewayProcess.NAMESPACE)
        .withLabel(MANAGED_BY, "envoy-gateway").inform(handler(this::makeAvailable));
    this.services = client.services().inNamespace(EnvoyGatewayProcess.NAMESPACE)
        .withLabel(MANAGED_BY, "envoy-gateway").inform(handler(this::giveAddress));
  }

  static EnvoyProxyStandIn start(KubernetesClient client) {
    return new EnvoyProxyStandIn(client);
  }

  private void makeAvailable(Deployment deployment) {
    int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    var status = deployment.getStatus();
    if (status != null && Objects.equals(status.getAvailableReplicas(), replicas)
        && Objects.equals(status.getObservedGeneration(), deployment.getMetadata().getGeneration())) {
      return;
    }
    deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
        .withUpdatedReplicas(replicas).build());
    update(() -> client.resource(deployment).updateStatus(), deployment.getMetadata().getName());
  }

  private void giveAddress(Service service) {
    var status = service.getStatus();
    if (!"LoadBalancer".equals(service.getSpec().getType()) || status != null && status.getLoadBalancer() != null
        && status.getLoadBalancer().getIngress() != null && !status.getLoadBalancer().getIngress().isEmpty()) {
      return;
    }
    if (service.getStatus() == null) {
      service.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatus());
    }
    service.getStatus().setLoadBalancer(new LoadBalancerStatusBuilder().withIngress(new LoadBalancerIngressBuilder()
        .withIp("192.0.2." + (10 + nextAddress.getAndIncrement() % 240)).build()).build());
    update(() -> client.resource(service).updateStatus(), service.getMetadata().getName());
  }

  private static void update(Runnable write, String name) {
    try {
      write.run();
    } catch (KubernetesClientException e) {
      // A newer version arrives as its own event and is handled then.
      log.debug("status of {} not written: {}", name, e.getMessage());
    }
  }

  private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        onChange.accept(object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        onChange.accept(newObject);
      }

      @Override
      public void onDelete(T object, boolean deletedFinalStateUnknown) {
      }
    };
  }

  @Override
  public void close() {
    deployments.close();
    services.close();
  }
}
