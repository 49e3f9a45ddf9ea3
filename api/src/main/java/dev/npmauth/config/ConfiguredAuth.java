package dev.npmauth.config;

import dev.npmauth.Credential;
import java.util.Objects;

/**
 * A credential found in npm configuration, and the key it was found under.
 *
 * @param credential the credential
 * @param key the configuration key, for example {@code //registry.npmjs.org/:_authToken}
 * @param origin where the key was set, for example {@code /home/me/.npmrc}
 */
public record ConfiguredAuth(Credential credential, String key, String origin) {
  /** Checks that no component is null. */
  public ConfiguredAuth {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(origin, "origin");
  }
}
