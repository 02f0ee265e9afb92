package io.tenantingress.testing;

import io.fabric8.kubernetes.client.Config;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API server gone for one client, as when its process is down or the network between them is cut: a TCP relay
 * on a port of its own, which the client's kubeconfig points at, that can {@link #cut()} (every connection closed,
 * new ones refused) and {@link #heal()} (listening again on the same port). kube-api-test cannot restart its API
 * server on the same port with the same data, and a stopped process (SIGSTOP, {@link ControlPlaneFaults}) hangs
 * requests rather than refusing them; this is the refused kind. TLS passes through untouched.
 */
public final class ApiServerPartition implements AutoCloseable {

  private final InetSocketAddress apiServer;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;

  private ApiServerPartition(InetSocketAddress apiServer) throws IOException {
    this.apiServer = apiServer;
    this.listening = listen(0);
    this.port = listening.getLocalPort();
    accept(listening);
  }

  public static ApiServerPartition in(EmbeddedKubernetes kube) throws IOException {
    URI server = URI.create(Config.fromKubeconfig(kube.kubeconfigYaml()).getMasterUrl());
    return new ApiServerPartition(new InetSocketAddress(server.getHost(), server.getPort()));
  }

  /** The admin kubeconfig with the relay as the server, written to {@code file}. */
  public Path writeKubeconfig(EmbeddedKubernetes kube, Path file) throws IOException {
    String yaml = kube.kubeconfigYaml();
    String direct = ":" + apiServer.getPort();
    if (!yaml.contains(direct)) {
      throw new IllegalStateException("the kubeconfig does not name port " + apiServer.getPort());
    }
    Files.writeString(file, yaml.replace(direct, ":" + port));
    return file;
  }

  /** Every connection through the relay closed; new ones refused until {@link #heal()}. */
  public synchronized void cut() throws IOException {
    listening.close();
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  public synchronized void heal() throws IOException {
    listening = listen(port);
    accept(listening);
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private void accept(ServerSocket server) {
    daemon("partition-accept", () -> {
      while (!server.isClosed()) {
        Socket client;
        try {
          client = server.accept();
        } catch (IOException closed) {
          return; // cut
        }
        try {
          Socket upstream = new Socket(apiServer.getAddress(), apiServer.getPort());
          open.add(client);
          open.add(upstream);
          relay(client, upstream);
          relay(upstream, client);
        } catch (IOException unreachable) {
          close(client);
        }
      }
    });
  }

  private void relay(Socket from, Socket to) {
    daemon("partition-relay", () -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException closed) {
        // one side went away; the other is closed below
      } finally {
        close(from);
        close(to);
      }
    });
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
