package dev.npmauth.testkit.internal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.npmauth.testkit.CiProvider;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * One RS256 key pair per fake issuer, made on first use (key generation takes a noticeable
 * fraction of a second, and most tests never need all three), plus one "rogue" key the registry
 * does not trust, for negative tests.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class IssuerKeys {
  private static final int KEY_BITS = 2048;

  private final SecureRandom random;
  private final Map<CiProvider, RSAKey> keys = new EnumMap<>(CiProvider.class);
  private RSAKey rogue;

  public IssuerKeys(SecureRandom random) {
    this.random = random;
  }

  /** The signing key (with private part) of a provider's issuer. */
  public synchronized RSAKey signingKey(CiProvider provider) {
    return keys.computeIfAbsent(provider, p -> generate(p.id() + "-" + hex(8)));
  }

  /** A key the registry does not know, with the given kid. */
  public synchronized RSAKey rogueKey(String kid) {
    if (rogue == null) {
      rogue = generate("rogue");
    }
    return new RSAKey.Builder(rogue).keyID(kid).build();
  }

  /** The public key an issuer signs with under {@code kid}, if there is one. */
  public Optional<RSAKey> publicKey(CiProvider provider, String kid) {
    RSAKey key = signingKey(provider);
    return kid != null && kid.equals(key.getKeyID())
        ? Optional.of(key.toPublicJWK())
        : Optional.empty();
  }

  /** The issuer's JWKS document (public keys only) as JSON text. */
  public String jwksJson(CiProvider provider) {
    return new JWKSet(signingKey(provider).toPublicJWK()).toString(true);
  }

  private RSAKey generate(String kid) {
    try {
      return new RSAKeyGenerator(KEY_BITS)
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .secureRandom(random)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
