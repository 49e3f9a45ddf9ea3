package dev.npmauth.provenance;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One certificate authority of a trusted root: a Fulcio instance ({@code certificateAuthorities})
 * or an RFC 3161 timestamp authority ({@code timestampAuthorities}).
 *
 * @param uri the authority's URI, e.g. {@code https://fulcio.sigstore.dev}
 * @param organization the subject organization the root names, if any
 * @param commonName the subject common name the root names, if any
 * @param certificates the chain, issuing (or, for a TSA, signing) certificate first and the trust
 *     anchor last
 * @param validFor when the authority may be used
 */
public record CertificateAuthorityInfo(
    String uri,
    Optional<String> organization,
    Optional<String> commonName,
    List<X509Certificate> certificates,
    ValidityWindow validFor) {

  /**
   * Checks that no component is null and copies the list.
   *
   * @param uri the authority's URI, e.g. {@code https://fulcio.sigstore.dev}
   * @param organization the subject organization the root names, if any
   * @param commonName the subject common name the root names, if any
   * @param certificates the chain, issuing (or, for a TSA, signing) certificate first and the trust
   *     anchor last
   * @param validFor when the authority may be used
   */
  public CertificateAuthorityInfo {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(commonName, "commonName");
    certificates = List.copyOf(certificates);
    Objects.requireNonNull(validFor, "validFor");
  }

  /**
   * One line naming the authority and each certificate of its chain by subject and serial number
   * (not the whole certificate, whose provider's text runs to dozens of lines and, for a certificate
   * whose signature is not whole bytes, throws). Never throws.
   *
   * @return e.g. {@code CertificateAuthorityInfo[uri=https://fulcio.sigstore.dev,
   *     organization=Optional[sigstore.dev], commonName=Optional[sigstore], certificates=[CN=sigstore,
   *     O=sigstore.dev (serial 1a2b)], validFor=...]}
   */
  @Override
  public String toString() {
    StringJoiner chain = new StringJoiner(", ", "[", "]");
    for (X509Certificate certificate : certificates) {
      chain.add(describe(certificate));
    }
    return "CertificateAuthorityInfo[uri=" + uri + ", organization=" + organization + ", commonName="
        + commonName + ", certificates=" + chain + ", validFor=" + validFor + "]";
  }

  private static String describe(X509Certificate certificate) {
    try {
      return certificate.getSubjectX500Principal().getName() + " (serial "
          + certificate.getSerialNumber().toString(16) + ")";
    } catch (RuntimeException e) { // a provider's parse of a malformed name or number
      return "a certificate whose subject or serial number does not decode";
    }
  }
}
