package dev.npmauth.testkit.assertj;

import dev.npmauth.testkit.IssuedToken;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over the tokens one user holds; reached with {@link
 * FakeRegistryAssert#hasTokenOf(String)}. Each {@code with…}/{@code readOnly()} keeps the tokens
 * that match and fails when none is left, listing what the user holds.
 *
 * <pre>{@code
 * assertThat(registry).hasTokenOf("alice").named("ci").readWrite().withPackages("demo-pkg")
 *     .expiringBy(clock.instant().plus(Duration.ofDays(30))).count(1);
 * }</pre>
 */
public final class TokensAssert extends AbstractAssert<TokensAssert, List<IssuedToken>> {
  private final FakeRegistryAssert parent;
  private final String user;
  private final List<IssuedToken> all;
  private final String conditions;

  TokensAssert(FakeRegistryAssert parent, String user, List<IssuedToken> tokens) {
    this(parent, user, tokens, tokens, "");
  }

  private TokensAssert(FakeRegistryAssert parent, String user, List<IssuedToken> all, List<IssuedToken> matching,
      String conditions) {
    super(matching, TokensAssert.class);
    this.parent = parent;
    this.user = user;
    this.all = all;
    this.conditions = conditions;
  }

  /**
   * Back to the assertions over the whole registry.
   *
   * @return the registry assertion
   */
  public FakeRegistryAssert and() {
    return parent;
  }

  private TokensAssert keep(Predicate<IssuedToken> test, String condition) {
    List<IssuedToken> left = actual.stream().filter(test).toList();
    String now = conditions + " " + condition;
    if (left.isEmpty()) {
      failWithMessage("%s", "Expecting user \"" + user + "\" to hold a token" + now + " but they hold:\n"
          + Describe.tokens(all));
    }
    return new TokensAssert(parent, user, all, left, now);
  }

  /**
   * Keeps the tokens with this name.
   *
   * @param name the name given at creation
   * @return the narrowed assertion
   */
  public TokensAssert named(String name) {
    return keep(t -> t.name().equals(Optional.of(name)), "named \"" + name + "\"");
  }

  /**
   * Keeps the read-only tokens.
   *
   * @return the narrowed assertion
   */
  public TokensAssert readOnly() {
    return keep(IssuedToken::readOnly, "read-only");
  }

  /**
   * Keeps the tokens that can write.
   *
   * @return the narrowed assertion
   */
  public TokensAssert readWrite() {
    return keep(t -> !t.readOnly(), "read-write");
  }

  /**
   * Keeps the tokens limited to exactly these packages.
   *
   * @param packages package names
   * @return the narrowed assertion
   */
  public TokensAssert withPackages(String... packages) {
    Set<String> expected = Set.copyOf(Arrays.asList(packages));
    return keep(t -> t.packages().equals(expected), "limited to packages " + Arrays.toString(packages));
  }

  /**
   * Keeps the tokens of the given origin.
   *
   * @param origin {@code granular}, {@code session} or {@code testkit}
   * @return the narrowed assertion
   */
  public TokensAssert withOrigin(String origin) {
    return keep(t -> t.origin().equals(origin), "of origin " + origin);
  }

  /**
   * Keeps the tokens that bypass two-factor authentication.
   *
   * @return the narrowed assertion
   */
  public TokensAssert bypassing2fa() {
    return keep(IssuedToken::bypass2fa, "bypassing 2FA");
  }

  /**
   * Keeps the tokens limited to these address ranges (in this order).
   *
   * @param cidrs IPv4 ranges
   * @return the narrowed assertion
   */
  public TokensAssert withCidrs(String... cidrs) {
    return keep(t -> t.cidrs().equals(List.of(cidrs)), "limited to " + Arrays.toString(cidrs));
  }

  /**
   * Keeps the tokens that expire at or before an instant.
   *
   * @param latest the latest acceptable expiry
   * @return the narrowed assertion
   */
  public TokensAssert expiringBy(Instant latest) {
    return keep(t -> t.expires().map(e -> !e.isAfter(latest)).orElse(false), "expiring by " + latest);
  }

  /**
   * Keeps the tokens that never expire.
   *
   * @return the narrowed assertion
   */
  public TokensAssert withoutExpiry() {
    return keep(t -> t.expires().isEmpty(), "without expiry");
  }

  /**
   * Checks how many of the user's tokens are left after the conditions so far.
   *
   * @param n the expected count
   * @return this assertion
   */
  public TokensAssert count(int n) {
    if (actual.size() != n) {
      failWithMessage("%s", "Expecting user \"" + user + "\" to hold " + n + " token" + (n == 1 ? "" : "s")
          + conditions + " but " + actual.size() + " match; they hold:\n" + Describe.tokens(all));
    }
    return this;
  }
}
