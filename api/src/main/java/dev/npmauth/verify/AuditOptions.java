package dev.npmauth.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * How an audit runs: what verification means ({@link VerifyOptions}), how many registry requests
 * may be in flight at once, and who hears about progress.
 *
 * <pre>{@code
 * AuditReport report = client.verification().audit(Path.of("package-lock.json"),
 *     AuditOptions.builder().concurrency(16).listener(p -> bar.step()).build());
 * System.exit(report.exitCode());
 * }</pre>
 *
 * @param verify how each dependency is verified
 * @param concurrency how many dependencies are verified at once, so at most this many registry
 *     requests are in flight
 * @param listener hears about each dependency done
 */
public record AuditOptions(VerifyOptions verify, int concurrency, Optional<AuditListener> listener) {
  /** The default number of dependencies verified at once. */
  public static final int DEFAULT_CONCURRENCY = 8;
  /** The largest concurrency accepted. */
  public static final int MAX_CONCURRENCY = 256;

  /**
   * Checks the components.
   *
   * @param verify how each dependency is verified
   * @param concurrency 1 to {@value #MAX_CONCURRENCY}
   * @param listener hears about progress
   * @throws IllegalArgumentException if the concurrency is out of range
   */
  public AuditOptions {
    Objects.requireNonNull(verify, "verify");
    Objects.requireNonNull(listener, "listener");
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException("the audit concurrency is between 1 and "
          + MAX_CONCURRENCY + ", got " + concurrency);
    }
  }

  /**
   * The defaults: {@link VerifyOptions#defaults()}, {@value #DEFAULT_CONCURRENCY} at once, no
   * listener.
   *
   * @return the options
   */
  public static AuditOptions defaults() {
    return builder().build();
  }

  /**
   * Starts options with the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AuditOptions}. */
  public static final class Builder {
    private VerifyOptions verify = VerifyOptions.defaults();
    private int concurrency = DEFAULT_CONCURRENCY;
    private AuditListener listener;

    private Builder() {
    }

    /**
     * Sets how each dependency is verified.
     *
     * @param value the verification options
     * @return this builder
     */
    public Builder verify(VerifyOptions value) {
      this.verify = Objects.requireNonNull(value, "verify");
      return this;
    }

    /**
     * Sets how many dependencies are verified at once.
     *
     * @param value 1 to {@value AuditOptions#MAX_CONCURRENCY}
     * @return this builder
     */
    public Builder concurrency(int value) {
      this.concurrency = value;
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param value the listener
     * @return this builder
     */
    public Builder listener(AuditListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException if the concurrency is out of range
     */
    public AuditOptions build() {
      return new AuditOptions(verify, concurrency, Optional.ofNullable(listener));
    }
  }
}
