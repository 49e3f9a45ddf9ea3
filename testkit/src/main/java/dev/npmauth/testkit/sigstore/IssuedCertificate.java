package dev.npmauth.testkit.sigstore;

import java.time.Instant;
import java.util.Objects;

/**
 * A leaf certificate the fake Fulcio issued.
 *
 * @param subjectAlternativeName the workflow identity it names, e.g. {@code
 *     https://github.com/acme/widgets/.github/workflows/release.yml@refs/heads/main}
 * @param issuer the OIDC issuer of the token it was issued for
 * @param notBefore the start of its ten-minute validity
 * @param pem the certificate, PEM
 */
public record IssuedCertificate(String subjectAlternativeName, String issuer, Instant notBefore, String pem) {

  /**
   * Checks that no component is null.
   *
   * @param subjectAlternativeName the workflow identity it names
   * @param issuer the OIDC issuer of the token
   * @param notBefore the start of its validity
   * @param pem the certificate, PEM
   */
  public IssuedCertificate {
    Objects.requireNonNull(subjectAlternativeName, "subjectAlternativeName");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(pem, "pem");
  }
}
