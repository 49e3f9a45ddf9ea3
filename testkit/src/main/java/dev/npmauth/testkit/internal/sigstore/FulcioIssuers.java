package dev.npmauth.testkit.internal.sigstore;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.npmauth.testkit.CiProvider;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The OIDC issuers the fake Fulcio trusts, each with its keys (a JWKS) and its kind (GitHub
 * Actions or GitLab, which decides how claims become certificate extensions). An identity token
 * is accepted only when its signature verifies with a key of its issuer (found by {@code kid}),
 * it is current (with a few seconds of leeway) and its audience includes {@code sigstore}.
 * Refusals say which check failed and never show the token.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class FulcioIssuers {
  /** The audience Fulcio requires. */
  public static final String AUDIENCE = "sigstore";
  static final Duration LEEWAY = Duration.ofSeconds(5);

  /** A trusted issuer whose JWKS is parsed on first use. */
  static final class Issuer {
    private final CiProvider kind;
    private final String url;
    private final Supplier<String> jwks;
    private JWKSet keys;

    Issuer(CiProvider kind, String url, Supplier<String> jwks) {
      this.kind = kind;
      this.url = url;
      this.jwks = jwks;
    }

    CiProvider kind() {
      return kind;
    }

    synchronized JWKSet keys() {
      if (keys == null) {
        try {
          keys = JWKSet.parse(jwks.get());
        } catch (ParseException e) {
          throw SigstoreErrors.fulcio(500, "the JWKS of " + url + " does not parse: " + e.getMessage());
        }
      }
      return keys;
    }
  }

  /** A token that passed every check. */
  public record Verified(CiProvider kind, String issuer, JWTClaimsSet claims) {}

  private final Map<String, Issuer> issuers = new ConcurrentHashMap<>();

  /**
   * Trusts an issuer.
   *
   * @param jwks gives the issuer's JWKS, read on the first token of that issuer
   * @throws IllegalArgumentException if the kind is not GitHub or GitLab
   */
  public void trust(CiProvider kind, String issuer, Supplier<String> jwks) {
    if (kind == CiProvider.CIRCLECI) {
      throw new IllegalArgumentException("the fake Fulcio issues certificates for GitHub Actions and"
          + " GitLab workflows (npm makes provenance only there), not for CircleCI");
    }
    issuers.put(issuer, new Issuer(kind, issuer, jwks));
  }

  /** The trusted issuer URLs. */
  public List<String> issuerUrls() {
    return List.copyOf(new java.util.TreeSet<>(issuers.keySet()));
  }

  /**
   * Checks an identity token.
   *
   * @throws dev.npmauth.testkit.internal.http.HttpError 401 naming the failed check
   */
  public Verified verify(String token, Instant now) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw refuse("the identity token is not a signed JWT");
    }
    String iss = claims.getIssuer();
    Issuer issuer = iss == null ? null : issuers.get(iss);
    if (issuer == null) {
      throw refuse("the identity token's issuer " + (iss == null ? "is missing" : "\"" + iss + "\" is not trusted")
          + " (trusted: " + issuerUrls() + ")");
    }
    String kid = jwt.getHeader().getKeyID();
    JWK key = kid == null ? null : issuer.keys().getKeyByKeyId(kid);
    if (key == null) {
      throw refuse("issuer " + iss + " has no key with kid \"" + kid + "\"");
    }
    boolean valid;
    try {
      JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
      JWSVerifier verifier;
      if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
        verifier = new RSASSAVerifier(rsa);
      } else if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
        verifier = new ECDSAVerifier(ec);
      } else {
        throw refuse("the identity token is signed with " + alg + ", which key " + kid + " cannot verify");
      }
      valid = jwt.verify(verifier);
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      throw refuse("the identity token's signature does not verify with the key of issuer " + iss);
    }
    Date exp = claims.getExpirationTime();
    if (exp == null || now.isAfter(exp.toInstant().plus(LEEWAY))) {
      throw refuse(exp == null ? "the identity token has no exp claim"
          : "the identity token expired at " + exp.toInstant() + " (now " + now + ")");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(LEEWAY).isBefore(nbf.toInstant())) {
      throw refuse("the identity token is not valid before " + nbf.toInstant());
    }
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(AUDIENCE)) {
      throw refuse("the identity token's audience " + aud + " does not include \"" + AUDIENCE + "\"");
    }
    return new Verified(issuer.kind(), iss, claims);
  }

  private static RuntimeException refuse(String message) {
    return SigstoreErrors.fulcio(401, "There was an error processing the identity token: " + message);
  }
}
