package dev.npmauth.testkit.internal.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Web logins in progress ({@code POST /-/v1/login}): each waits until the test approves it for a
 * user, then its done URL hands out one session token. A session not completed within {@link
 * #LIFETIME} is forgotten.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class LoginSessions {
  /** How long a web login may stay pending. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);

  /** One login: approved once {@code user} is set. */
  public record Session(String id, Instant started, boolean create, String user) {}

  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final Clock clock;

  public LoginSessions(Clock clock) {
    this.clock = clock;
  }

  /** Starts a login; returns its id. */
  public synchronized String start(boolean create) {
    forgetOld();
    String id = UUID.randomUUID().toString();
    sessions.put(id, new Session(id, clock.instant(), create, null));
    return id;
  }

  /** The session, while it exists. */
  public synchronized Optional<Session> get(String id) {
    forgetOld();
    return Optional.ofNullable(sessions.get(id));
  }

  /** Ends a session (its token was handed out). */
  public synchronized void finish(String id) {
    sessions.remove(id);
  }

  /** The ids of logins waiting for approval, oldest first. */
  public synchronized List<String> pending() {
    forgetOld();
    List<String> ids = new ArrayList<>();
    sessions.values().stream().filter(s -> s.user() == null).forEach(s -> ids.add(s.id()));
    return ids;
  }

  /**
   * Approves one pending login, or every pending one when {@code id} is {@code all}.
   *
   * @return how many were approved
   */
  public synchronized int approve(String id, String user) {
    forgetOld();
    int approved = 0;
    for (Session s : new ArrayList<>(sessions.values())) {
      if (s.user() == null && (id.equals("all") || s.id().equals(id))) {
        sessions.put(s.id(), new Session(s.id(), s.started(), s.create(), user));
        approved++;
      }
    }
    return approved;
  }

  private void forgetOld() {
    Instant oldest = clock.instant().minus(LIFETIME);
    sessions.values().removeIf(s -> s.started().isBefore(oldest));
  }

  /** For snapshots: a copy of the logins in progress (the sessions are immutable). */
  synchronized Map<String, Session> sessionsCopy() {
    return new LinkedHashMap<>(sessions);
  }

  /** For snapshots: replaces every login in progress. */
  synchronized void replaceSessions(Map<String, Session> replacement) {
    sessions.clear();
    sessions.putAll(replacement);
  }
}
