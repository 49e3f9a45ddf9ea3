package dev.npmauth.publish;

import dev.npmauth.Credential;
import dev.npmauth.OtpProvider;
import dev.npmauth.PackageName;
import java.util.Map;
import java.util.Optional;

/**
 * A package's dist-tags ({@code npm dist-tag}).
 *
 * <pre>{@code
 * client.distTags().add(PackageName.of("demo-pkg"), "1.1.0", "next", token, Optional.empty());
 * Map<String, String> tags = client.distTags().list(PackageName.of("demo-pkg"), Optional.of(token));
 * }</pre>
 */
public interface DistTags {

  /**
   * The tags and the versions they point at ({@code GET /-/package/<name>/dist-tags}).
   *
   * @param packageName the package
   * @param credential a credential, needed for restricted packages
   * @return tag to version, in the registry's order
   * @throws dev.npmauth.registry.RegistryException if the registry refuses (404 for an unknown
   *     package)
   */
  Map<String, String> list(PackageName packageName, Optional<Credential> credential);

  /**
   * Points a tag at a version. Nothing is sent when the tag already points there.
   *
   * @param packageName the package
   * @param version an existing version
   * @param tag the tag; not a semver version or range
   * @param credential a credential with write access to the package
   * @param otpProvider asked when the registry wants a one-time password
   * @throws IllegalArgumentException if the tag is not allowed, saying why
   * @throws dev.npmauth.registry.RegistryException if the registry refuses
   */
  void add(PackageName packageName, String version, String tag, Credential credential, Optional<OtpProvider> otpProvider);

  /**
   * Removes a tag.
   *
   * @param packageName the package
   * @param tag the tag; {@code latest} cannot be removed
   * @param credential a credential with write access to the package
   * @param otpProvider asked when the registry wants a one-time password
   * @throws IllegalArgumentException if the tag is {@code latest} or the package has no such tag
   * @throws dev.npmauth.registry.RegistryException if the registry refuses
   */
  void remove(PackageName packageName, String tag, Credential credential, Optional<OtpProvider> otpProvider);
}
