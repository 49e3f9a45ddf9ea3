package dev.npmauth.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers {@link FakeRegistryExtension} on a test class: shorthand for {@code
 * @ExtendWith(FakeRegistryExtension.class)}. Settings come from {@link FakeRegistryConfig}.
 *
 * <pre>{@code
 * @WithFakeRegistry
 * class PublishTest {
 *   @Test
 *   void publishes(FakeRegistry registry) { ... }   // a new registry for this test, closed after it
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(FakeRegistryExtension.class)
public @interface WithFakeRegistry {}
