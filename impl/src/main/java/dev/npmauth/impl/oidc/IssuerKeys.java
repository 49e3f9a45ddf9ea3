package dev.npmauth.impl.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.oidc.TrustedPublishingException;
import dev.npmauth.oidc.TrustedPublishingFailure;
import java.net.URI;
import java.security.Key;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * Verifies ID token signatures against the JWKS of issuers the caller configured, fetching each
 * JWKS once through the SDK's HTTP stack.
 */
final class IssuerKeys {
  private final Map<String, URI> jwksByIssuer;
  private final RegistryHttp http;
  private final Map<String, JWKSet> cache = new ConcurrentHashMap<>();

  IssuerKeys(Map<String, URI> jwksByIssuer, RegistryHttp http) {
    this.jwksByIssuer = jwksByIssuer;
    this.http = http;
  }

  boolean knows(String issuer) {
    return jwksByIssuer.containsKey(issuer);
  }

  /**
   * Checks the signature.
   *
   * @param token the parsed token
   * @return a description of the key that verified it, or empty when the issuer is not configured
   * @throws TrustedPublishingException {@link TrustedPublishingFailure#ID_TOKEN_SIGNATURE_INVALID}
   */
  Optional<String> verify(ParsedIdToken token) {
    String issuer = token.claims().getIssuer();
    URI jwksUrl = jwksByIssuer.get(issuer);
    if (jwksUrl == null) {
      return Optional.empty();
    }
    if (!(token.jwt() instanceof SignedJWT signed)) {
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_SIGNATURE_INVALID,
          "the ID token is not signed");
    }
    JWKSet keys = cache.computeIfAbsent(issuer, i -> fetch(jwksUrl));
    String kid = signed.getHeader().getKeyID();
    for (JWK jwk : keys.getKeys()) {
      if (kid != null && !kid.equals(jwk.getKeyID())) {
        continue;
      }
      if (!(jwk instanceof AsymmetricJWK asymmetric)) {
        continue;
      }
      try {
        Key key = asymmetric.toPublicKey();
        JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(signed.getHeader(), key);
        if (signed.verify(verifier)) {
          return Optional.of("verified with key " + jwk.getKeyID() + " of " + issuer);
        }
      } catch (JOSEException e) {
        // the key does not fit this algorithm: try the next one
      }
    }
    throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_SIGNATURE_INVALID,
        "the ID token's signature (" + signed.getHeader().getAlgorithm() + ", kid " + kid
            + ") does not verify against the keys " + issuer + " publishes at " + jwksUrl);
  }

  private JWKSet fetch(URI jwksUrl) {
    HttpUrl url = HttpUrl.get(jwksUrl);
    String body = http.call("GET", url).header("Accept", "application/json").execute().body();
    try {
      return JWKSet.parse(body);
    } catch (ParseException e) {
      throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_SIGNATURE_INVALID,
          "the JWKS at " + jwksUrl + " is not a valid JWK set");
    }
  }
}
