package dev.npmauth.oidc;

import dev.npmauth.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an OIDC ID token comes from. The SDK's default source reads {@code NPM_ID_TOKEN} or asks
 * GitHub Actions' token endpoint; give your own to use a token obtained some other way.
 *
 * <pre>{@code
 * IdTokenSource given = IdTokenSource.fixed(Secret.of(jwtFromMyCi));
 * }</pre>
 */
@FunctionalInterface
public interface IdTokenSource {

  /**
   * Obtains an ID token for the audience.
   *
   * @param audience the audience the token must carry, {@code npm:<registry host>}
   * @return the raw JWT, or empty when this source has none to give
   * @throws TrustedPublishingException when the source exists but failed, naming why
   */
  Optional<Secret> idToken(String audience);

  /**
   * A source that always gives the same token (the caller obtained it).
   *
   * @param idToken the raw JWT
   * @return the source
   */
  static IdTokenSource fixed(Secret idToken) {
    Objects.requireNonNull(idToken, "idToken");
    return audience -> Optional.of(idToken);
  }
}
