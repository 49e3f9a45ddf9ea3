package dev.npmauth.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wrk} HTTP load generator (Debian package {@code wrk}), as a second process on
 * loopback: it uses far less CPU per request than a JVM client, so on a small machine the
 * server, not the load generator, is what is measured.
 */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

  private Wrk() {
  }

  /** What one wrk run measured. */
  record Result(double perSecond, long requests, long errors) {
  }

  /** The wrk executable on the PATH, if there is one. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "wrk");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * GETs {@code paths} round-robin (per wrk thread) with the given headers.
   *
   * @param wrk the executable
   * @param base the server, e.g. {@code http://127.0.0.1:4873/}
   * @param paths request paths, each starting with {@code /}
   * @param headers sent with every request
   * @param threads wrk threads
   * @param connections open connections, each with one request in flight
   * @param seconds how long
   */
  static Result get(Path wrk, URI base, List<String> paths, Map<String, String> headers,
      int threads, int connections, int seconds) throws Exception {
    Path script = Files.createTempFile("wrk-paths", ".lua");
    try {
      StringBuilder lua = new StringBuilder("local paths = {");
      for (String p : paths) {
        lua.append('"').append(p.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",");
      }
      lua.append("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
          + "  return wrk.format(\"GET\", paths[i])\nend\n");
      Files.writeString(script, lua);
      List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t" + threads,
          "-c" + connections, "-d" + seconds + "s", "-s", script.toString()));
      headers.forEach((k, v) -> {
        command.add("-H");
        command.add(k + ": " + v);
      });
      command.add(base.toString());
      Bench.Run run = Bench.run(script.getParent(), Map.of(), command);
      String out = run.output();
      Matcher rate = RATE.matcher(out);
      Matcher total = TOTAL.matcher(out);
      if (run.exitCode() != 0 || !rate.find() || !total.find()) {
        throw new IllegalStateException("wrk failed (exit " + run.exitCode() + "): " + out);
      }
      long errors = 0;
      Matcher non2xx = NON_2XX.matcher(out);
      if (non2xx.find()) {
        errors += Long.parseLong(non2xx.group(1));
      }
      Matcher socket = SOCKET_ERRORS.matcher(out);
      if (socket.find()) {
        for (int g = 1; g <= 4; g++) {
          errors += Long.parseLong(socket.group(g));
        }
      }
      return new Result(Double.parseDouble(rate.group(1)), Long.parseLong(total.group(1)), errors);
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
