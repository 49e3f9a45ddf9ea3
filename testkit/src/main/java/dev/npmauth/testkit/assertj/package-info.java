/**
 * AssertJ assertions over a {@link dev.npmauth.testkit.FakeRegistry}'s state and request journal,
 * whose failure messages show what the registry actually holds or received (secrets redacted).
 *
 * <pre>{@code
 * import static dev.npmauth.testkit.assertj.FakeRegistryAssertions.assertThat;
 *
 * assertThat(registry).hasPackage("demo-pkg").withVersions("1.0.0").withDistTag("latest", "1.0.0");
 * assertThat(registry.journal()).hasRequest("PUT", "/demo-pkg").withStatuses(503, 200);
 * }</pre>
 *
 * <p>AssertJ ({@code org.assertj:assertj-core} 3.x) is not a dependency of the testkit at run
 * time: bring your own, as for your other assertions. The entry points are more specific than
 * AssertJ's own, so both {@code assertThat}s can be imported statically side by side.
 */
package dev.npmauth.testkit.assertj;
