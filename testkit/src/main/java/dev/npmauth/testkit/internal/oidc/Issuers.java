package dev.npmauth.testkit.internal.oidc;

import dev.npmauth.testkit.CiProvider;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real issuer names of the CI providers, so fake tokens look exactly like production ones.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Issuers {
  public static final String GITHUB = "https://token.actions.githubusercontent.com";
  public static final String GITLAB = "https://gitlab.com";
  public static final String CIRCLECI_PREFIX = "https://oidc.circleci.com/org/";

  private static final Pattern CIRCLECI = Pattern.compile(Pattern.quote(CIRCLECI_PREFIX) + "([^/]+)");

  private Issuers() {}

  /** The issuer of CircleCI tokens for one organization. */
  public static String circleci(String orgId) {
    return CIRCLECI_PREFIX + orgId;
  }

  /** Which provider issues tokens with this {@code iss}, if any the fake trusts. */
  public static Optional<CiProvider> providerOf(String iss) {
    if (GITHUB.equals(iss)) {
      return Optional.of(CiProvider.GITHUB);
    }
    if (GITLAB.equals(iss)) {
      return Optional.of(CiProvider.GITLAB);
    }
    if (iss != null && CIRCLECI.matcher(iss).matches()) {
      return Optional.of(CiProvider.CIRCLECI);
    }
    return Optional.empty();
  }

  /** The organization id in a CircleCI issuer. */
  public static Optional<String> circleciOrg(String iss) {
    Matcher m = CIRCLECI.matcher(iss == null ? "" : iss);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
