package dev.npmauth.testkit.standalone;

import java.util.concurrent.Executor;

/**
 * Runs each in-process standalone run on a daemon thread of its own. The common fork-join pool has
 * one thread on a 2-core machine: a run that a failed test never stopped would hold it, and every
 * later run would wait behind it.
 */
public final class OwnThread {
  /** Starts each task on a new daemon thread. */
  public static final Executor EXECUTOR = task -> {
    Thread thread = new Thread(task, "standalone-run");
    thread.setDaemon(true);
    thread.start();
  };

  private OwnThread() {}
}
