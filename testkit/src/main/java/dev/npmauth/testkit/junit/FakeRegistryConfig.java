package dev.npmauth.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings of the registries {@link FakeRegistryExtension} starts. On a field or parameter it
 * applies to that registry; on a test method, to the registries of that test without their own;
 * on the class (or an enclosing class), to all the others. Registries of one scope (the class, or
 * one test) with equal settings are the same registry: give a {@link #name()} to have two.
 *
 * <pre>{@code
 * @WithFakeRegistry
 * @FakeRegistryConfig(https = true, testClock = true, clockStart = "2026-01-01T00:00:00Z")
 * class ExpiryTest {
 *   @Test
 *   void tokenExpires(FakeRegistry registry, TestClock clock) { ... }
 *
 *   @Test
 *   void seeded(@FakeRegistryConfig(seed = "src/test/resources/registry") FakeRegistry registry) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER,
    ElementType.ANNOTATION_TYPE})
public @interface FakeRegistryConfig {
  /**
   * Serve HTTPS with a certificate authority made for the registry (see {@code
   * FakeRegistry.Builder.https}).
   *
   * @return whether to serve HTTPS
   */
  boolean https() default false;

  /**
   * Run the registry on a {@link dev.npmauth.testkit.TestClock}, which fields and parameters of
   * type {@code TestClock} receive, so the test moves time by hand.
   *
   * @return whether the registry gets a test clock
   */
  boolean testClock() default false;

  /**
   * Where the {@link #testClock()} starts, as an ISO-8601 instant ({@code 2026-01-01T00:00:00Z});
   * setting it implies {@code testClock}. Empty: the current time, to the second.
   *
   * @return the start instant, or empty
   */
  String clockStart() default "";

  /**
   * Folders of tarballs to publish when the registry starts (see {@code FakeRegistry.seed}),
   * relative to the working directory (the module folder under Maven and Gradle).
   *
   * @return the folders
   */
  String[] seed() default {};

  /**
   * The admin token's value; empty for a random one.
   *
   * @return the admin token, or empty
   */
  String adminToken() default "";

  /**
   * Also start a fake Sigstore with the registry (see {@code FakeRegistry.Builder.sigstore}).
   *
   * @return whether to start one
   */
  boolean sigstore() default false;

  /**
   * Tells apart registries with otherwise equal settings in one scope.
   *
   * @return a name, or empty
   */
  String name() default "";
}
