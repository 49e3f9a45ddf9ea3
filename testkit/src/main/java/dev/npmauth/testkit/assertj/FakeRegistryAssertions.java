package dev.npmauth.testkit.assertj;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.RecordedRequest;
import java.util.List;

/**
 * Entry points of the testkit's AssertJ assertions.
 *
 * <pre>{@code
 * import static dev.npmauth.testkit.assertj.FakeRegistryAssertions.assertThat;
 *
 * assertThat(registry)
 *     .hasPackage("demo-pkg").withVersions("1.0.0", "1.1.0").withDistTag("latest", "1.1.0")
 *     .and().hasNoPackage("demo-pkg-typo")
 *     .hasTokenOf("alice").readOnly();
 * assertThat(registry.journal())
 *     .hasRequest("PUT", "/demo-pkg").withHeader("npm-command", "publish").withStatuses(503, 200)
 *     .and().hasNoRequest("DELETE", ".*");
 * }</pre>
 *
 * <p>A failing assertion's message shows the actual state: the registry's packages with their
 * versions and tags, a user's tokens (never a token value), or the journal's requests (redacted).
 */
public final class FakeRegistryAssertions {
  private FakeRegistryAssertions() {}

  /**
   * Assertions over what a registry holds: packages, versions, dist-tags, access, tarballs,
   * attestations, trusted publishers, tokens, staged versions.
   *
   * @param registry the registry (open or closed)
   * @return the assertion
   */
  public static FakeRegistryAssert assertThat(FakeRegistry registry) {
    return new FakeRegistryAssert(registry);
  }

  /**
   * Assertions over a request journal ({@link FakeRegistry#journal()}, or a fake Sigstore's); it
   * is also an AssertJ list assertion ({@code hasSize}, {@code extracting}, …).
   *
   * @param journal the recorded requests, oldest first
   * @return the assertion
   */
  public static JournalAssert assertThat(List<RecordedRequest> journal) {
    return new JournalAssert(journal);
  }

  /**
   * Assertions over the journal of a registry, read now.
   *
   * @param registry the registry
   * @return the assertion over {@code registry.journal()}
   */
  public static JournalAssert assertThatJournal(FakeRegistry registry) {
    return new JournalAssert(registry.journal());
  }
}
