package dev.npmauth.testkit.internal.http;

import dev.npmauth.testkit.Fault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The injected faults still to play, in the order they were injected.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class FaultSet {
  private final List<Armed> armed = new ArrayList<>();

  private static final class Armed {
    final Fault fault;
    int remaining; // -1 = always

    Armed(Fault fault) {
      this.fault = fault;
      this.remaining = fault.count();
    }
  }

  /**
   * Arms a fault.
   *
   * @throws IllegalArgumentException if the fault would do nothing
   */
  public synchronized void add(Fault fault) {
    if (fault.statusCode().isEmpty() && !fault.dropsConnection() && fault.delayDuration().isEmpty()) {
      throw new IllegalArgumentException(
          fault + " does nothing: give it a status, dropConnection() or a delay");
    }
    armed.add(new Armed(fault));
  }

  public synchronized void clear() {
    armed.clear();
  }

  /** The first armed fault matching the request, counting one play of it. */
  public synchronized Optional<Fault> take(String method, String rawPath) {
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      boolean methodMatches = a.fault.method().equals("*") || a.fault.method().equals(method);
      if (methodMatches && a.fault.path().matcher(rawPath).matches()) {
        if (a.remaining > 0 && --a.remaining == 0) {
          it.remove();
        }
        return Optional.of(a.fault);
      }
    }
    return Optional.empty();
  }
}
