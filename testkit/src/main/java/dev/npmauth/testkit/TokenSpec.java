package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.registry.Checks;
import dev.npmauth.testkit.internal.registry.PackageNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a token made with {@link FakeRegistry#createToken(TokenSpec)} may do. The fake enforces
 * all of it: read-only tokens cannot publish, a token limited to some packages cannot touch others,
 * an expired token is refused (by the registry's clock), and a token with a CIDR allow-list only
 * works from those addresses (loopback clients are refused by {@code 10.0.0.0/8}).
 *
 * <pre>{@code
 * String token = registry.createToken(
 *     TokenSpec.readWrite("alice").packages("demo-pkg").expiresIn(Duration.ofDays(7)));
 * }</pre>
 *
 * <p>Immutable: each setter returns a changed copy. Default: all packages, no expiry, no CIDR
 * limit. Publishing to an existing package also needs the user to be one of its maintainers (the
 * user who first published it).
 */
public final class TokenSpec {
  private static final Pattern IPV4_CIDR =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  private final String user;
  private final boolean readOnly;
  private final Set<String> packages; // empty = all packages
  private final Duration expiresIn;
  private final boolean bypass2fa;
  private final List<String> cidrs;

  private TokenSpec(
      String user,
      boolean readOnly,
      Set<String> packages,
      Duration expiresIn,
      boolean bypass2fa,
      List<String> cidrs) {
    this.user = user;
    this.readOnly = readOnly;
    this.packages = packages;
    this.expiresIn = expiresIn;
    this.bypass2fa = bypass2fa;
    this.cidrs = cidrs;
  }

  /**
   * A token of {@code user} that can read and publish.
   *
   * @throws IllegalArgumentException if {@code user} is blank
   */
  public static TokenSpec readWrite(String user) {
    return new TokenSpec(user(user), false, Set.of(), null, false, List.of());
  }

  /**
   * A token of {@code user} that can only read.
   *
   * @throws IllegalArgumentException if {@code user} is blank
   */
  public static TokenSpec readOnly(String user) {
    return new TokenSpec(user(user), true, Set.of(), null, false, List.of());
  }

  /**
   * Limits the token to these packages.
   *
   * @throws IllegalArgumentException if a name is not a valid package name, or none is given
   */
  public TokenSpec packages(String... packageNames) {
    if (packageNames.length == 0) {
      throw new IllegalArgumentException("name at least one package, or use allPackages()");
    }
    Set<String> set = new LinkedHashSet<>();
    for (String name : packageNames) {
      set.add(PackageNames.check(name));
    }
    return new TokenSpec(user, readOnly, Set.copyOf(set), expiresIn, bypass2fa, cidrs);
  }

  /** Lets the token act on every package (the default). */
  public TokenSpec allPackages() {
    return new TokenSpec(user, readOnly, Set.of(), expiresIn, bypass2fa, cidrs);
  }

  /**
   * The token expires this long after it is created (by the registry's clock).
   *
   * @throws IllegalArgumentException if not positive
   */
  public TokenSpec expiresIn(Duration lifetime) {
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("a token lifetime must be positive, got " + lifetime);
    }
    return new TokenSpec(user, readOnly, packages, lifetime, bypass2fa, cidrs);
  }

  /** Marks the token as allowed to skip two-factor authentication on writes. */
  public TokenSpec bypass2fa() {
    return new TokenSpec(user, readOnly, packages, expiresIn, true, cidrs);
  }

  /**
   * Allows the token only from these IPv4 ranges, e.g. {@code 10.0.0.0/8}.
   *
   * @throws IllegalArgumentException if a value is not an IPv4 CIDR
   */
  public TokenSpec cidr(String... ranges) {
    List<String> list = new ArrayList<>(cidrs);
    for (String r : ranges) {
      var m = IPV4_CIDR.matcher(r == null ? "" : r.trim());
      boolean ok = m.matches() && Integer.parseInt(m.group(5)) <= 32;
      for (int i = 1; ok && i <= 4; i++) {
        ok = Integer.parseInt(m.group(i)) <= 255;
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "a CIDR range must look like 10.0.0.0/8 (IPv4), got \"" + r + "\"");
      }
      list.add(r.trim());
    }
    return new TokenSpec(user, readOnly, packages, expiresIn, bypass2fa, List.copyOf(list));
  }

  /** The user the token acts as. */
  public String user() {
    return user;
  }

  /** Whether the token can only read. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** The packages the token is limited to; empty means all packages. */
  public Set<String> packages() {
    return packages;
  }

  /** The token lifetime, if it expires. */
  public Optional<Duration> expiresIn() {
    return Optional.ofNullable(expiresIn);
  }

  /** Whether the token may skip two-factor authentication on writes. */
  public boolean isBypass2fa() {
    return bypass2fa;
  }

  /** The IPv4 ranges the token may be used from (empty: anywhere). */
  public List<String> cidrs() {
    return cidrs;
  }

  private static String user(String user) {
    Checks.notBlank(user, "the user name");
    if (user.contains(" ") || user.contains("/") || user.contains(":")) {
      throw new IllegalArgumentException("a user name has no spaces, / or :, got \"" + user + "\"");
    }
    return user;
  }

  @Override
  public String toString() {
    return "TokenSpec[" + user + (readOnly ? " read-only" : " read-write")
        + (packages.isEmpty() ? " all packages" : " packages " + packages)
        + (expiresIn == null ? "" : " expires in " + expiresIn)
        + (bypass2fa ? " bypass-2fa" : "") + (cidrs.isEmpty() ? "" : " cidr " + cidrs) + "]";
  }
}
