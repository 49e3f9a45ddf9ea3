package dev.npmauth.testkit.internal.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.npmauth.testkit.CiProvider;

/**
 * An ID token whose signature, issuer, lifetime and audience were checked.
 *
 * <p>Internal to the testkit; not API.
 */
public record VerifiedIdToken(CiProvider provider, JWTClaimsSet claims) {

  /** A string claim, or null when absent or not a string. */
  public String string(String name) {
    Object v = claims.getClaim(name);
    return v instanceof String ? (String) v : null;
  }
}
