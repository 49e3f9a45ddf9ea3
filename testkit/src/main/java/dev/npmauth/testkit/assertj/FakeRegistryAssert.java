package dev.npmauth.testkit.assertj;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.IssuedToken;
import dev.npmauth.testkit.TrustSetting;
import dev.npmauth.testkit.TrustedPublisher;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over what a {@link FakeRegistry} holds; start with {@link
 * FakeRegistryAssertions#assertThat(FakeRegistry)}.
 *
 * <pre>{@code
 * assertThat(registry).hasPackage("demo-pkg").withVersions("1.0.0").withDistTag("latest", "1.0.0")
 *     .and().hasNoPackage("other-pkg")
 *     .hasTrustedPublisher(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"))
 *     .hasNothingStaged();
 * }</pre>
 */
public final class FakeRegistryAssert extends AbstractAssert<FakeRegistryAssert, FakeRegistry> {

  FakeRegistryAssert(FakeRegistry actual) {
    super(actual, FakeRegistryAssert.class);
  }

  private void fail(String message) {
    failWithMessage("%s", message);
  }

  /**
   * Checks that the package exists, and goes on with assertions about it.
   *
   * @param name e.g. {@code @acme/widgets}
   * @return assertions over the package; {@link PackageAssert#and()} comes back here
   */
  public PackageAssert hasPackage(String name) {
    isNotNull();
    Objects.requireNonNull(name, "name");
    if (!actual.packages().contains(name)) {
      fail("Expecting the fake registry " + actual.url() + " to have package \"" + name + "\" but it has:\n"
          + Describe.packages(actual));
    }
    return new PackageAssert(this, actual, name);
  }

  /**
   * Checks that the package does not exist.
   *
   * @param name the package
   * @return this assertion
   */
  public FakeRegistryAssert hasNoPackage(String name) {
    isNotNull();
    if (actual.packages().contains(name)) {
      fail("Expecting the fake registry " + actual.url() + " not to have package \"" + name + "\" but it has "
          + Describe.pkg(actual, name));
    }
    return this;
  }

  /**
   * Checks that the registry holds exactly these packages, in any order.
   *
   * @param names the packages
   * @return this assertion
   */
  public FakeRegistryAssert hasOnlyPackages(String... names) {
    isNotNull();
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(names));
    if (!new TreeSet<>(actual.packages()).equals(expected)) {
      fail("Expecting the fake registry " + actual.url() + " to have exactly the packages " + expected
          + " but it has:\n" + Describe.packages(actual));
    }
    return this;
  }

  /**
   * Checks that the registry holds no package.
   *
   * @return this assertion
   */
  public FakeRegistryAssert hasNoPackages() {
    return hasOnlyPackages();
  }

  /**
   * Checks that a package has this trusted publisher configuration (whether added with {@code
   * registry.trust(…)} or through the trust endpoint).
   *
   * @param publisher e.g. {@code TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml")}
   * @return this assertion
   */
  public FakeRegistryAssert hasTrustedPublisher(TrustedPublisher publisher) {
    isNotNull();
    List<TrustedPublisher> actualTrust = actual.trustedPublishers(publisher.packageName());
    if (!actualTrust.contains(publisher)) {
      fail("Expecting package \"" + publisher.packageName() + "\" to trust\n  " + publisher
          + "\nbut it trusts:\n" + list(actualTrust));
    }
    return this;
  }

  /**
   * Checks that a package has no trusted publisher configuration.
   *
   * @param packageName the package
   * @return this assertion
   */
  public FakeRegistryAssert hasNoTrustedPublisherFor(String packageName) {
    isNotNull();
    List<TrustSetting> settings = actual.trustSettings(packageName);
    if (!settings.isEmpty()) {
      fail("Expecting package \"" + packageName + "\" to trust no publisher but it trusts:\n"
          + list(settings.stream().map(s -> s.publisher() + " (id " + s.id() + ")").toList()));
    }
    return this;
  }

  /**
   * Checks that a user holds at least one token, and goes on with assertions about that user's
   * tokens (granular tokens, login sessions, tokens made by the test).
   *
   * @param user the user name
   * @return assertions over the user's tokens; {@link TokensAssert#and()} comes back here
   */
  public TokensAssert hasTokenOf(String user) {
    isNotNull();
    List<IssuedToken> tokens = actual.tokensOf(user);
    if (tokens.isEmpty()) {
      fail("Expecting user \"" + user + "\" to hold a token but they hold none; the registry's tokens:\n"
          + Describe.tokens(actual.tokens()));
    }
    return new TokensAssert(this, user, tokens);
  }

  /**
   * Checks that a user holds no token.
   *
   * @param user the user name
   * @return this assertion
   */
  public FakeRegistryAssert hasNoTokenOf(String user) {
    isNotNull();
    List<IssuedToken> tokens = actual.tokensOf(user);
    if (!tokens.isEmpty()) {
      fail("Expecting user \"" + user + "\" to hold no token but they hold:\n" + Describe.tokens(tokens));
    }
    return this;
  }

  /**
   * Checks that the registry would accept a token now (known, not revoked, not expired). The
   * message never shows the token.
   *
   * @param token the token value
   * @return this assertion
   */
  public FakeRegistryAssert acceptsToken(String token) {
    isNotNull();
    if (!actual.tokenWorks(token)) {
      fail("Expecting the fake registry " + actual.url() + " to accept the given token, but it is unknown,"
          + " revoked or expired (now " + actual.clock().instant() + "); the registry's tokens:\n"
          + Describe.tokens(actual.tokens()));
    }
    return this;
  }

  /**
   * Checks that the registry would refuse a token now (unknown, revoked or expired). The message
   * never shows the token.
   *
   * @param token the token value
   * @return this assertion
   */
  public FakeRegistryAssert rejectsToken(String token) {
    isNotNull();
    if (actual.tokenWorks(token)) {
      fail("Expecting the fake registry " + actual.url() + " to refuse the given token, but it would accept it"
          + " (now " + actual.clock().instant() + ")");
    }
    return this;
  }

  /**
   * Checks that a version waits on the stage.
   *
   * @param nameAtVersion e.g. {@code demo-pkg@2.0.0}
   * @return this assertion
   */
  public FakeRegistryAssert hasStaged(String nameAtVersion) {
    isNotNull();
    Map<String, String> staged = actual.stagedVersions();
    if (!staged.containsValue(nameAtVersion)) {
      fail("Expecting " + nameAtVersion + " to wait on the stage but the stage holds:\n" + staged(staged));
    }
    return this;
  }

  /**
   * Checks that no version waits on the stage.
   *
   * @return this assertion
   */
  public FakeRegistryAssert hasNothingStaged() {
    isNotNull();
    Map<String, String> staged = actual.stagedVersions();
    if (!staged.isEmpty()) {
      fail("Expecting the stage to be empty but it holds:\n" + staged(staged));
    }
    return this;
  }

  private static String staged(Map<String, String> staged) {
    return staged.isEmpty() ? "  (nothing)"
        : staged.entrySet().stream().map(e -> "  " + e.getValue() + " (stage id " + e.getKey() + ")")
            .collect(Collectors.joining("\n"));
  }

  private static String list(List<?> items) {
    return items.isEmpty() ? "  (none)" : items.stream().map(i -> "  " + i).collect(Collectors.joining("\n"));
  }
}
