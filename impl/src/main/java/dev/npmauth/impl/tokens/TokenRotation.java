package dev.npmauth.impl.tokens;

import dev.npmauth.Credential;
import dev.npmauth.Secret;
import dev.npmauth.Sleeper;
import dev.npmauth.impl.tokens.RotationJournal.State;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.session.Sessions;
import dev.npmauth.tokens.CreatedToken;
import dev.npmauth.tokens.RotationOptions;
import dev.npmauth.tokens.RotationResult;
import dev.npmauth.tokens.RotationStatus;
import dev.npmauth.tokens.RotationStep;
import dev.npmauth.tokens.TokenInfo;
import dev.npmauth.tokens.TokenRequest;
import dev.npmauth.tokens.TokenRotationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a token rotation. Each step is recorded in the journal before the next one starts,
 * and each step first checks what an interrupted run may have left, so that a run stopped at any
 * point resumes without creating a second replacement and never revokes the old token before the
 * replacement is stored and verified.
 */
final class TokenRotation {
  private final DefaultTokens tokens;
  private final Sessions sessions;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RotationOptions options;
  private final List<RotationStep> done = new ArrayList<>();
  private final List<String> plan = new ArrayList<>();

  TokenRotation(DefaultTokens tokens, Sessions sessions, Clock clock, Sleeper sleeper, RotationOptions options) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.clock = clock;
    this.sleeper = sleeper;
    this.options = options;
  }

  RotationResult run() {
    Optional<RotationJournal> recorded = RotationJournal.read(options.journal());
    String currentDigest = RotationJournal.digest(options.currentToken());
    if (recorded.isPresent() && recorded.get().state() == State.DONE && recorded.get().oldDigest().equals(currentDigest)) {
      plan.add("token " + recorded.get().oldKey() + " was already rotated: use the replacement "
          + recorded.get().newKey().orElse("?") + " from " + options.store().describe());
      return result(RotationStatus.ROTATED, recorded.get());
    }
    Optional<RotationJournal> existing = recorded.filter(j -> j.state() != State.DONE);
    if (existing.isPresent()) {
      RotationJournal journal = existing.get();
      if (!currentDigest.equals(journal.oldDigest()) && !journal.newDigest().map(currentDigest::equals).orElse(false)) {
        throw new TokenRotationException("the journal " + options.journal() + " records an unfinished rotation of"
            + " another token (key " + journal.oldKey() + "); finish it by running with that token, or with the"
            + " replacement it created");
      }
      if (options.dryRun()) {
        plan.add("resume the rotation of token " + journal.oldKey() + " after step " + journal.state());
        remainingPlan(journal.state());
        return result(RotationStatus.DRY_RUN, journal);
      }
      plan.add("resuming the rotation of token " + journal.oldKey() + " after step " + journal.state());
      return resume(journal);
    }
    return start();
  }

  private RotationResult start() {
    Credential manager = options.manager().orElse(Credential.granular(options.currentToken()));
    List<TokenInfo> listed = tokens.list(manager);
    TokenInfo old = findOld(listed);
    Instant now = clock.instant();
    boolean due = old.expires().map(at -> !at.isAfter(now.plus(options.renewWithin()))).orElse(false);
    if (!due && !options.force()) {
      plan.add("token " + old.key() + (old.expires().isPresent() ? " expires " + old.expires().get()
          + ", after the renewal window of " + options.renewWithin() : " never expires")
          + ": nothing to do (force to rotate anyway)");
      return new RotationResult(RotationStatus.NOT_DUE, old.key(), Optional.empty(), old.expires(), Optional.empty(),
          done, plan);
    }
    String runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    String replacementName = old.name().orElse("token") + "-rotated-" + runId;
    TokenRequest request = replacement(old, replacementName);
    Map<String, Object> rights = new LinkedHashMap<>(TokenJson.createBody(request));
    rights.remove("name");
    rights.remove("password");
    String user = sessions.whoami(Credential.granular(options.currentToken()));
    RotationJournal journal = new RotationJournal(runId, State.PLANNED, old.key(),
        RotationJournal.digest(options.currentToken()), user, old.expires(), replacementName, rights, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
    plan.add("replace token " + old.key() + " of " + user + old.expires().map(e -> " (expires " + e + ")").orElse("")
        + " by \"" + replacementName + "\": " + request);
    if (options.dryRun()) {
      remainingPlan(State.PLANNED);
      return result(RotationStatus.DRY_RUN, journal);
    }
    journal.write(options.journal());
    step(RotationStep.PLAN);
    return resume(journal);
  }

  private RotationResult resume(RotationJournal journal) {
    while (true) {
      switch (journal.state()) {
        case PLANNED -> journal = create(journal);
        case CREATED -> journal = store(journal);
        case STORED -> journal = verify(journal);
        case VERIFIED -> {
          Instant now = clock.instant();
          Instant after = journal.revokeAfter().orElse(now);
          if (now.isBefore(after)) {
            if (!options.waitForOverlap()) {
              plan.add("both tokens stay valid until " + after + "; run again after it to revoke " + journal.oldKey());
              return result(RotationStatus.AWAITING_OVERLAP, journal);
            }
            wait(Duration.between(now, after));
          }
          journal = revokeOld(journal);
        }
        case DONE -> {
          return result(RotationStatus.ROTATED, journal);
        }
        default -> throw new IllegalStateException("unknown state " + journal.state());
      }
    }
  }

  /** Creates the replacement, first revoking one an interrupted creation left (its value is lost). */
  private RotationJournal create(RotationJournal journal) {
    Credential manager = options.manager().orElse(Credential.granular(options.currentToken()));
    for (TokenInfo orphan : tokens.list(manager)) {
      if (orphan.name().map(journal.replacementName()::equals).orElse(false)) {
        tokens.delete(manager, orphan.key(), null, options.twoFactor());
        plan.add("revoked " + orphan.key() + ", a replacement whose creation was interrupted before its value"
            + " was recorded (it was never stored or used)");
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", journal.replacementName());
    body.put("password", options.password().reveal());
    body.putAll(journal.rights());
    CreatedToken created = tokens.createFromBody(manager, body, options.twoFactor());
    String key = created.key().orElseGet(() -> tokens.list(manager).stream()
        .filter(t -> t.name().map(journal.replacementName()::equals).orElse(false)).map(TokenInfo::key).findFirst()
        .orElseThrow(() -> new TokenRotationException("the registry created the replacement but shows no key for it;"
            + " the old token was kept")));
    RotationJournal next = journal.created(key, created.token());
    next.write(options.journal());
    plan.add("created the replacement " + key);
    step(RotationStep.CREATE);
    return next;
  }

  private RotationJournal store(RotationJournal journal) {
    Secret token = journal.newToken().orElseThrow(() -> new TokenRotationException("the journal "
        + options.journal() + " lost the replacement before it was stored; revoke key " + journal.newKey().orElse("?")
        + " and remove the journal"));
    options.store().store(token);
    boolean readBack = options.store().read().map(token::equals).orElse(false);
    RotationJournal next = journal.with(State.STORED);
    if (readBack) {
      next = next.withoutToken();
    }
    next.write(options.journal());
    plan.add("handed the replacement to " + options.store().describe());
    step(RotationStep.STORE);
    return next;
  }

  private RotationJournal verify(RotationJournal journal) {
    Secret token = replacement(journal);
    checkWorks(token, journal);
    RotationJournal next = journal.verified(clock.instant().plus(options.overlap()));
    next.write(options.journal());
    plan.add("the replacement works for " + journal.user() + "; the old token may be revoked after "
        + next.revokeAfter().orElseThrow());
    step(RotationStep.VERIFY);
    return next;
  }

  private RotationJournal revokeOld(RotationJournal journal) {
    Optional<Secret> replacement = journal.newToken().or(() -> options.store().read()
        .filter(t -> journal.newDigest().map(RotationJournal.digest(t)::equals).orElse(false)));
    replacement.ifPresent(token -> checkWorks(token, journal));
    Credential manager = options.manager()
        .orElseGet(() -> Credential.granular(replacement.orElse(options.currentToken())));
    boolean listed = tokens.list(manager).stream().anyMatch(t -> t.key().equals(journal.oldKey()));
    if (listed) {
      try {
        tokens.delete(manager, journal.oldKey(), null, options.twoFactor());
      } catch (RegistryException e) {
        if (e.status() != 404) {
          throw e;
        }
      }
    }
    RotationJournal next = journal.with(State.DONE).withoutToken();
    next.write(options.journal());
    plan.add(listed ? "revoked the old token " + journal.oldKey() : "the old token " + journal.oldKey()
        + " was already revoked");
    step(RotationStep.REVOKE_OLD);
    return next;
  }

  /** The replacement, from the journal or, when it no longer holds it, from the store. */
  private Secret replacement(RotationJournal journal) {
    return journal.newToken()
        .or(() -> options.store().read().filter(t -> journal.newDigest().map(RotationJournal.digest(t)::equals)
            .orElse(false)))
        .orElseThrow(() -> new TokenRotationException("cannot check the replacement " + journal.newKey().orElse("?")
            + ": " + options.store().describe() + " does not give it back and the journal no longer holds it;"
            + " the old token was kept"));
  }

  private void checkWorks(Secret token, RotationJournal journal) {
    String who;
    try {
      who = sessions.whoami(Credential.granular(token));
    } catch (RuntimeException e) {
      throw new TokenRotationException("the replacement " + journal.newKey().orElse("?") + " does not work ("
          + e.getMessage() + "); the old token " + journal.oldKey() + " was kept", e);
    }
    if (!who.equals(journal.user())) {
      throw new TokenRotationException("the replacement " + journal.newKey().orElse("?") + " acts as \"" + who
          + "\", not \"" + journal.user() + "\"; the old token " + journal.oldKey() + " was kept");
    }
  }

  private TokenInfo findOld(List<TokenInfo> listed) {
    if (options.currentKey().isPresent()) {
      String key = options.currentKey().get();
      return listed.stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow(() ->
          new TokenRotationException("no listed token has the key " + key + " (" + listed.size() + " tokens listed)"));
    }
    List<TokenInfo> matches = listed.stream().filter(t -> {
      String prefix = DefaultTokens.displayPrefix(t.tokenPrefix());
      return !prefix.isEmpty() && options.currentToken().reveal().startsWith(prefix);
    }).toList();
    if (matches.size() != 1) {
      throw new TokenRotationException((matches.isEmpty() ? "no listed token" : matches.size() + " listed tokens")
          + " start like the token to rotate (" + listed.size() + " tokens listed); give its key with currentKey");
    }
    return matches.get(0);
  }

  private TokenRequest replacement(TokenInfo old, String name) {
    TokenRequest.Builder builder;
    if (options.replacementRights().isPresent()) {
      builder = options.replacementRights().get().toBuilder();
    } else if (old.rightsShown()) {
      builder = TokenRequest.builder(options.password()).sameRightsAs(old);
    } else {
      throw new TokenRotationException("the registry's list does not show the rights of token " + old.key()
          + " (no packages_and_scopes_permission or orgs_permission); give the replacement's rights with"
          + " RotationOptions.Builder.replacementRights");
    }
    builder.name(name).limits(options.limits()).twoFactor(options.twoFactor());
    TokenRequest draft = builder.build();
    Optional<Integer> days = options.lifetimeDays().or(() -> lifetimeOf(old))
        .or(() -> draft.grantsWrite() ? Optional.of(options.limits().maxWriteLifetimeDays()) : Optional.empty());
    if (days.isPresent()) {
      int d = draft.grantsWrite() && options.lifetimeDays().isEmpty()
          ? Math.min(days.get(), options.limits().maxWriteLifetimeDays()) : days.get();
      builder.expiresInDays(d);
    }
    return builder.build();
  }

  /** The old token's lifetime in whole days (rounded up), when the list shows both ends. */
  private static Optional<Integer> lifetimeOf(TokenInfo old) {
    if (old.created().isEmpty() || old.expires().isEmpty()) {
      return Optional.empty();
    }
    long seconds = Duration.between(old.created().get(), old.expires().get()).getSeconds();
    long days = Math.max(1, (seconds + 86_399) / 86_400);
    return Optional.of((int) Math.min(days, Integer.MAX_VALUE));
  }

  private void wait(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenRotationException("interrupted while waiting out the overlap; run again to revoke the old token",
          e);
    }
  }

  private void step(RotationStep step) {
    done.add(step);
    options.listener().afterStep(step);
  }

  /** The steps after {@code after}, for a plan (states and steps share their order). */
  private void remainingPlan(State after) {
    for (RotationStep step : RotationStep.values()) {
      if (step.ordinal() > after.ordinal()) {
        plan.add("then: " + step.description()
            + (step == RotationStep.STORE ? " (" + options.store().describe() + ")" : "")
            + (step == RotationStep.REVOKE_OLD ? " (" + options.overlap() + " after the check)" : ""));
      }
    }
  }

  private RotationResult result(RotationStatus status, RotationJournal journal) {
    return new RotationResult(status, journal.oldKey(), journal.newKey(), journal.oldExpires(), journal.revokeAfter(),
        done, plan);
  }
}
