package dev.npmauth.testkit.internal.http;

import dev.npmauth.testkit.Fault;
import java.time.Duration;
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
   * What plays for one request.
   *
   * @param latency the summed wait of every matching latency fault (zero when none)
   * @param fault the first other matching fault, if any
   */
  public record Play(Duration latency, Optional<Fault> fault) {}

  /**
   * Arms a fault.
   *
   * @throws IllegalArgumentException if the fault would do nothing
   */
  public synchronized void add(Fault fault) {
    if (!fault.hasEffect()) {
      throw new IllegalArgumentException(fault + " does nothing: give it a status, dropConnection(),"
          + " dropResponse(), dropAfterHeaders(), truncateBody(), a delay, a response delay or a latency");
    }
    armed.add(new Armed(fault));
  }

  public synchronized void clear() {
    armed.clear();
  }

  /** The first armed fault matching the request, counting one play of it. */
  public synchronized Optional<Fault> take(String method, String rawPath) {
    return plan(method, rawPath).fault();
  }

  /**
   * What plays for a request: every matching latency fault, and the first other matching fault;
   * counts one play of each.
   */
  public synchronized Play plan(String method, String rawPath) {
    Duration latency = Duration.ZERO;
    Fault chosen = null;
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      boolean isLatency = a.fault.latencyDuration().isPresent();
      if (!isLatency && chosen != null) {
        continue;
      }
      boolean methodMatches = a.fault.method().equals("*") || a.fault.method().equals(method);
      if (!methodMatches || !a.fault.path().matcher(rawPath).matches()) {
        continue;
      }
      if (a.remaining > 0 && --a.remaining == 0) {
        it.remove();
      }
      if (isLatency) {
        latency = latency.plus(a.fault.latencyDuration().get());
      } else {
        chosen = a.fault;
      }
    }
    return new Play(latency, Optional.ofNullable(chosen));
  }
}
