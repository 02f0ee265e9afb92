package io.tenantingress.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program of the test environment running beside the API server, its output in a log file in the work folder,
 * stopped (and killed if it does not stop) with its owner.
 */
final class ChildProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path logFile = workDir.resolve(name + ".log");
      var builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(logFile.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      log.info("{} started (pid {}), log: {}", name, process.pid(), logFile);
      return new ChildProcess(name, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** Runs a command to its end; its output goes to the work folder's log of that name. */
  static void run(String name, List<String> command, Map<String, String> environment, Path workDir,
      Duration timeout) {
    ChildProcess child = start(name, command, environment, workDir);
    try {
      if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        child.close();
        throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + child.logFile);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.close();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
    if (child.process.exitValue() != 0) {
      throw new IllegalStateException(name + " exited with " + child.process.exitValue() + ": " + child.tail());
    }
  }

  void ensureAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + tail());
    }
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  /** The end of the log, for an error message that says why without opening the file. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))
          + "\n(full log: " + logFile + ")";
    } catch (IOException e) {
      return "see " + logFile;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
