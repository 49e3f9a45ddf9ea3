package dev.npmauth.impl.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * For secret-leak tests: the canary secrets a test plants, and everything a person could see of a
 * run, namely the SDK's log records ({@code dev.npmauth} at level ALL, with their stack traces), the
 * texts and stack traces of exceptions the test {@linkplain #collect collects}, and the printed
 * values the test adds to {@link #seen()}. Closing it restores the logger.
 *
 * <pre>
 * CanaryScan scan = CanaryScan.start();
 * try (scan; FakeRegistry fake = FakeRegistry.builder().tokenFactory(() -&gt; scan.canary("token")).start()) {
 *   scan.collect(() -&gt; client.publisher().publish(request));
 * }
 * for (String canary : scan.canaries()) {
 *   assertThat(scan.everything()).doesNotContain(canary);
 * }
 * </pre>
 */
public final class CanaryScan implements AutoCloseable {
  private final List<String> canaries = Collections.synchronizedList(new ArrayList<>());
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private final Logger root = Logger.getLogger("dev.npmauth");
  private final Level previous = root.getLevel();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      seen.add(record.getMessage() + (record.getThrown() == null ? "" : stackTrace(record.getThrown())));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  private CanaryScan() {
    root.setLevel(Level.ALL);
    root.addHandler(capture);
  }

  /** Starts capturing the SDK's log records. */
  public static CanaryScan start() {
    return new CanaryScan();
  }

  /** A new canary secret, {@code canary-<kind>-<uuid>}, planted (listed in {@link #canaries()}). */
  public String canary(String kind) {
    String value = "canary-" + kind + "-" + UUID.randomUUID();
    canaries.add(value);
    return value;
  }

  /** The planted secrets; a test may add secrets made elsewhere (ID tokens, request tokens). */
  public List<String> canaries() {
    return canaries;
  }

  /** What was seen so far; a test adds printed values ({@code toString()}, rendered texts) to it. */
  public List<String> seen() {
    return seen;
  }

  /** Runs an action that may fail; a failure's text and stack trace are seen. */
  public void collect(Action action) {
    try {
      action.run();
    } catch (Exception e) {
      seen.add(e.toString());
      seen.add(stackTrace(e));
    }
  }

  /** Everything seen, one item per line. */
  public String everything() {
    synchronized (seen) {
      return String.join("\n", seen);
    }
  }

  /** Stops capturing and restores the logger's level. */
  @Override
  public void close() {
    root.removeHandler(capture);
    root.setLevel(previous);
  }

  /** An action of the flow under test. */
  @FunctionalInterface
  public interface Action {
    /** Runs it. */
    void run() throws Exception;
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
