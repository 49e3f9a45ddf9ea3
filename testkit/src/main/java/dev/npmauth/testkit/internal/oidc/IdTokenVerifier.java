package dev.npmauth.testkit.internal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.npmauth.testkit.CiProvider;
import dev.npmauth.testkit.internal.http.HttpError;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Checks an OIDC ID token presented to the token exchange for real: it must be an RS256 JWT from
 * one of the fake issuers, signed with that issuer's key (found by {@code kid}), not expired (with
 * a few seconds of leeway), past its {@code nbf}, and meant for {@code npm:<registry host>}.
 * Each refusal is a 401 whose message says which check failed; the token itself never appears.
 *
 * <p>Internal to the testkit; not API.
 */
public final class IdTokenVerifier {
  /** Clock skew tolerated on {@code exp} and {@code nbf}. */
  public static final Duration LEEWAY = Duration.ofSeconds(5);

  private final IssuerKeys keys;

  public IdTokenVerifier(IssuerKeys keys) {
    this.keys = keys;
  }

  /**
   * Verifies {@code token}.
   *
   * @throws HttpError 401 naming the failed check
   */
  public VerifiedIdToken verify(String token, String expectedAudience, Instant now) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw refuse(
          "the ID token is malformed: it is not a signed JWT (three base64url parts, a JSON header"
              + " and a JSON payload)");
    }
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw refuse("the ID token is malformed: its payload is not a valid JSON claims set");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!JWSAlgorithm.RS256.equals(alg)) {
      throw refuse(
          "the ID token's signature does not verify: it is signed with "
              + alg
              + ", the issuers sign with RS256");
    }
    String iss = claims.getIssuer();
    if (iss == null) {
      throw refuse("the ID token is malformed: it has no iss (issuer) claim");
    }
    Optional<CiProvider> provider = Issuers.providerOf(iss);
    if (provider.isEmpty()) {
      throw refuse(
          "the ID token's issuer \""
              + iss
              + "\" is not trusted (trusted issuers: "
              + Issuers.GITHUB
              + ", "
              + Issuers.GITLAB
              + ", "
              + Issuers.CIRCLECI_PREFIX
              + "<org-id>)");
    }
    String kid = jwt.getHeader().getKeyID();
    Optional<RSAKey> key = keys.publicKey(provider.get(), kid);
    if (key.isEmpty()) {
      throw refuse(
          "the ID token's signature does not verify: issuer "
              + iss
              + " has no key with kid \""
              + kid
              + "\"");
    }
    boolean valid;
    try {
      valid = jwt.verify(new RSASSAVerifier(key.get()));
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      throw refuse(
          "the ID token's signature does not verify with the key of issuer "
              + iss
              + " (kid \""
              + kid
              + "\")");
    }
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw refuse("the ID token is malformed: it has no exp (expiry) claim");
    }
    if (now.isAfter(exp.toInstant().plus(LEEWAY))) {
      throw refuse("the ID token expired at " + exp.toInstant() + " (now " + now + ")");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(LEEWAY).isBefore(nbf.toInstant())) {
      throw refuse("the ID token is not valid before " + nbf.toInstant() + " (now " + now + ")");
    }
    List<String> audience = claims.getAudience();
    if (!audience.contains(expectedAudience)) {
      throw refuse(
          "the ID token's audience "
              + (audience.size() == 1 ? "\"" + audience.get(0) + "\"" : audience.toString())
              + " is not \""
              + expectedAudience
              + "\"");
    }
    return new VerifiedIdToken(provider.get(), claims);
  }

  private static HttpError refuse(String message) {
    return HttpError.withMessage(401, message);
  }
}
