package dev.npmauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory figures of a running process, from /proc and jcmd. */
final class ProcessStats {
  /** A heap space's line: G1 has one ("garbage-first heap"), the serial and parallel GCs one per generation. */
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private ProcessStats() {
  }

  /** Resident set size in MiB, or -1 where /proc is not available. */
  static long rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** The Java heap in use right after a full GC (every generation), in KiB (via jcmd), or -1. */
  static long heapAfterGcKb(long pid) {
    try {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      run(List.of(jcmd, String.valueOf(pid), "GC.run"));
      String info = run(List.of(jcmd, String.valueOf(pid), "GC.heap_info"));
      Matcher m = USED.matcher(info);
      long used = -1;
      while (m.find()) {
        used = Math.max(used, 0) + Long.parseLong(m.group(1));
      }
      return used;
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }
}
