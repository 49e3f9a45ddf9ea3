package dev.npmauth.tokens;

import dev.npmauth.Credential;
import dev.npmauth.Secret;
import dev.npmauth.Sleeper;
import dev.npmauth.session.TwoFactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to rotate one token: replace it, when it expires within {@code renewWithin}, by a token
 * with the same rights; hand the replacement to the {@link SecretStore}; check that it works;
 * keep both valid for {@code overlap}; then revoke the old one. Every step is recorded in the
 * {@code journal} file, so a run that stops anywhere (a crash, a lost answer) resumes without
 * creating a second replacement and without revoking the only working token.
 *
 * <pre>{@code
 * RotationOptions options = RotationOptions.builder(Secret.of(System.getenv("NPM_TOKEN")),
 *         Secret.of(System.getenv("NPM_PASSWORD")), SecretStore.file(Path.of("/run/secrets/npm-token")),
 *         Path.of("/var/lib/ci/npm-token-rotation.json"))
 *     .renewWithin(Duration.ofDays(14))
 *     .overlap(Duration.ofHours(1))
 *     .build();
 * RotationResult result = client.tokens().rotate(options);
 * }</pre>
 *
 * <p>The journal is a JSON file written atomically and readable by its owner only. Between the
 * creation of the replacement and its hand-over to the store it holds the replacement token
 * (otherwise a crash there would lose it); it keeps it until the store can give it back, or, for
 * stores that cannot ({@link SecretStore#exportLine}), until the rotation is done.
 *
 * @param currentToken the token to rotate
 * @param currentKey its key, if known; otherwise it is found in the list by its prefix
 * @param password the account password, which the registry asks for to create the replacement
 * @param manager the credential for the token API; empty means the current token itself (and the
 *     replacement once verified)
 * @param store where the replacement goes
 * @param journal the journal file
 * @param renewWithin rotate only when the token expires within this time (or has no expiry and
 *     {@code force} is set)
 * @param overlap how long both tokens stay valid after the replacement is verified
 * @param lifetimeDays the replacement's lifetime; empty means the old token's lifetime, within
 *     the limits
 * @param replacementRights the replacement's rights, when the registry's list does not show the
 *     old token's (its name and lifetime are decided by the rotation)
 * @param limits the registry's limits for the replacement
 * @param twoFactor one-time password setting for creating and revoking
 * @param force rotate even when the token is not due
 * @param dryRun only plan: change nothing, write no journal
 * @param waitForOverlap wait out the overlap with the sleeper and revoke in the same run
 * @param sleeper how to wait; empty means the client's retry policy's sleeper
 * @param listener told about each recorded step
 */
public record RotationOptions(
    Secret currentToken,
    Optional<String> currentKey,
    Secret password,
    Optional<Credential> manager,
    SecretStore store,
    Path journal,
    Duration renewWithin,
    Duration overlap,
    Optional<Integer> lifetimeDays,
    Optional<TokenRequest> replacementRights,
    TokenLimits limits,
    TwoFactor twoFactor,
    boolean force,
    boolean dryRun,
    boolean waitForOverlap,
    Optional<Sleeper> sleeper,
    RotationListener listener) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for a negative window or overlap, or a lifetime under a day
   * @throws NullPointerException if a component is null
   */
  public RotationOptions {
    Objects.requireNonNull(currentToken, "currentToken");
    Objects.requireNonNull(currentKey, "currentKey");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(renewWithin, "renewWithin");
    Objects.requireNonNull(overlap, "overlap");
    Objects.requireNonNull(lifetimeDays, "lifetimeDays");
    Objects.requireNonNull(replacementRights, "replacementRights");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(twoFactor, "twoFactor");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(listener, "listener");
    if (renewWithin.isNegative()) {
      throw new IllegalArgumentException("the renewal window must be zero or more, got " + renewWithin);
    }
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("the overlap must be zero or more, got " + overlap);
    }
    if (lifetimeDays.isPresent() && lifetimeDays.get() < 1) {
      throw new IllegalArgumentException("the replacement's lifetime is at least 1 day, got " + lifetimeDays.get());
    }
  }

  /**
   * Starts options with the defaults: renew within 7 days, 1 hour of overlap, the old token's
   * lifetime, npm's limits, no one-time password, no forcing, no dry run, no waiting.
   *
   * @param currentToken the token to rotate
   * @param password the account password
   * @param store where the replacement goes
   * @param journal the journal file
   * @return the builder
   */
  public static Builder builder(Secret currentToken, Secret password, SecretStore store, Path journal) {
    return new Builder(currentToken, password, store, journal);
  }

  /** Never shows the tokens or the password. */
  @Override
  public String toString() {
    return "RotationOptions[token " + currentToken.redacted() + currentKey.map(k -> " (key " + k + ")").orElse("")
        + ", store " + store.describe() + ", journal " + journal + ", renew within " + renewWithin + ", overlap "
        + overlap + (force ? ", forced" : "") + (dryRun ? ", dry run" : "") + "]";
  }

  /** Builds {@link RotationOptions}. */
  public static final class Builder {
    private final Secret currentToken;
    private final Secret password;
    private final SecretStore store;
    private final Path journal;
    private String currentKey;
    private Credential manager;
    private Duration renewWithin = Duration.ofDays(7);
    private Duration overlap = Duration.ofHours(1);
    private Integer lifetimeDays;
    private TokenRequest replacementRights;
    private TokenLimits limits = TokenLimits.NPMJS;
    private TwoFactor twoFactor = TwoFactor.none();
    private boolean force;
    private boolean dryRun;
    private boolean waitForOverlap;
    private Sleeper sleeper;
    private RotationListener listener = RotationListener.none();

    private Builder(Secret currentToken, Secret password, SecretStore store, Path journal) {
      this.currentToken = currentToken;
      this.password = password;
      this.store = store;
      this.journal = journal;
    }

    /**
     * Names the old token's key, when known (otherwise it is found by its prefix).
     *
     * @param value the key
     * @return this builder
     */
    public Builder currentKey(String value) {
      this.currentKey = Objects.requireNonNull(value, "currentKey");
      return this;
    }

    /**
     * Uses another credential (for example a login session) for the token API.
     *
     * @param value the credential
     * @return this builder
     */
    public Builder manager(Credential value) {
      this.manager = Objects.requireNonNull(value, "manager");
      return this;
    }

    /**
     * Rotates only when the token expires within this time.
     *
     * @param value zero or more
     * @return this builder
     */
    public Builder renewWithin(Duration value) {
      this.renewWithin = value;
      return this;
    }

    /**
     * Keeps both tokens valid this long after the replacement is verified.
     *
     * @param value zero or more
     * @return this builder
     */
    public Builder overlap(Duration value) {
      this.overlap = value;
      return this;
    }

    /**
     * Gives the replacement this lifetime.
     *
     * @param days at least 1, within the limits for write tokens
     * @return this builder
     */
    public Builder lifetimeDays(int days) {
      this.lifetimeDays = days;
      return this;
    }

    /**
     * Gives the replacement these rights, for registries whose list does not show them.
     *
     * @param value the rights (name and lifetime are set by the rotation; the password is the
     *     rotation's)
     * @return this builder
     */
    public Builder replacementRights(TokenRequest value) {
      this.replacementRights = Objects.requireNonNull(value, "replacementRights");
      return this;
    }

    /**
     * Sets the registry's limits.
     *
     * @param value the limits
     * @return this builder
     */
    public Builder limits(TokenLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Sets how one-time passwords are given (accounts with 2FA for writes).
     *
     * @param value the setting
     * @return this builder
     */
    public Builder twoFactor(TwoFactor value) {
      this.twoFactor = Objects.requireNonNull(value, "twoFactor");
      return this;
    }

    /**
     * Rotates even when the token is not due.
     *
     * @return this builder
     */
    public Builder force() {
      this.force = true;
      return this;
    }

    /**
     * Only plans.
     *
     * @param value whether to
     * @return this builder
     */
    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    /**
     * Waits out the overlap in this run instead of leaving the revocation to the next.
     *
     * @return this builder
     */
    public Builder waitForOverlap() {
      this.waitForOverlap = true;
      return this;
    }

    /**
     * Waits with this sleeper.
     *
     * @param value the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /**
     * Tells this listener about each recorded step.
     *
     * @param value the listener
     * @return this builder
     */
    public Builder listener(RotationListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException for a negative window or overlap, or a lifetime under a day
     */
    public RotationOptions build() {
      return new RotationOptions(currentToken, Optional.ofNullable(currentKey), password, Optional.ofNullable(manager),
          store, journal, renewWithin, overlap, Optional.ofNullable(lifetimeDays), Optional.ofNullable(replacementRights),
          limits, twoFactor, force, dryRun, waitForOverlap, Optional.ofNullable(sleeper), listener);
    }
  }
}
