package io.tenantingress.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a process on this machine has cost so far, from /proc: CPU seconds, and resident memory now and at peak. */
record ProcessUsage(double cpuSeconds, long rssMiB, long peakRssMiB) {

  /** Linux's USER_HZ, which /proc/PID/stat counts CPU time in. */
  private static final double CLOCK_TICKS = 100.0;

  static ProcessUsage of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
      long rss = 0;
      long peak = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kibibytes(line) / 1024;
        } else if (line.startsWith("VmHWM:")) {
          peak = kibibytes(line) / 1024;
        }
      }
      return new ProcessUsage(cpu, rss, peak);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc for pid " + pid, e);
    }
  }

  private static long kibibytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
