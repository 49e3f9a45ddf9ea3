package dev.npmauth.testkit.internal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import dev.npmauth.testkit.CiProvider;
import dev.npmauth.testkit.internal.json.Json;
import java.util.Map;

/**
 * Signs claim sets as RS256 JWTs with a fake issuer's key. The payload is written as given, so
 * negative tests can put claims of any type in it.
 *
 * <p>Internal to the testkit; not API.
 */
public final class IdTokenMinter {
  private final IssuerKeys keys;

  public IdTokenMinter(IssuerKeys keys) {
    this.keys = keys;
  }

  /** Signs with the provider's own key. */
  public String sign(CiProvider provider, Map<String, Object> claims) {
    return sign(provider, claims, false, null);
  }

  /**
   * Signs a claim set.
   *
   * @param rogue sign with a key the registry does not know
   * @param kidOverride the {@code kid} header to write; null for the issuer's own kid
   */
  public String sign(
      CiProvider provider, Map<String, Object> claims, boolean rogue, String kidOverride) {
    RSAKey own = keys.signingKey(provider);
    String kid = kidOverride != null ? kidOverride : own.getKeyID();
    RSAKey signer = rogue ? keys.rogueKey(kid) : own;
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build();
    JWSObject jws = new JWSObject(header, new Payload(Json.write(claims)));
    try {
      jws.sign(new RSASSASigner(signer));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an ID token", e);
    }
    return jws.serialize();
  }
}
