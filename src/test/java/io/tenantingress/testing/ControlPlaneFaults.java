package io.tenantingress.testing;

import io.fabric8.kubernetes.client.Config;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Stops and resumes the kube-apiserver or the etcd of an {@link EmbeddedKubernetes} (SIGSTOP, SIGCONT): a server
 * that has stopped answering, as a hung or partitioned one does, with the same data and address once it resumes.
 * The processes are found by the API server's port.
 */
public final class ControlPlaneFaults {

  private final long apiServer;
  private final long etcd;

  private ControlPlaneFaults(long apiServer, long etcd) {
    this.apiServer = apiServer;
    this.etcd = etcd;
  }

  public static ControlPlaneFaults of(EmbeddedKubernetes kube) {
    int port = URI.create(Config.fromKubeconfig(kube.kubeconfigYaml()).getMasterUrl()).getPort();
    ProcessHandle apiServer = find("kube-apiserver", List.of("--secure-port", Integer.toString(port)))
        .orElseThrow(() -> new IllegalStateException("no kube-apiserver on port " + port));
    List<String> arguments = List.of(apiServer.info().arguments().orElseThrow());
    String etcdUrl = arguments.get(arguments.indexOf("--etcd-servers") + 1);
    ProcessHandle etcd = find("etcd", List.of("--listen-client-urls", etcdUrl))
        .orElseThrow(() -> new IllegalStateException("no etcd at " + etcdUrl));
    return new ControlPlaneFaults(apiServer.pid(), etcd.pid());
  }

  private static Optional<ProcessHandle> find(String binary, List<String> adjacentArguments) {
    return ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/" + binary))
        .filter(p -> p.info().arguments().map(List::of)
            .map(a -> java.util.Collections.indexOfSubList(a, adjacentArguments) >= 0).orElse(false))
        .findFirst();
  }

  public void stopApiServer() {
    signal("STOP", apiServer);
  }

  public void resumeApiServer() {
    signal("CONT", apiServer);
  }

  public void stopEtcd() {
    signal("STOP", etcd);
  }

  public void resumeEtcd() {
    signal("CONT", etcd);
  }

  private static void signal(String signal, long pid) {
    try {
      int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
