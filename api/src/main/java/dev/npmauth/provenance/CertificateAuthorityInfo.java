package dev.npmauth.provenance;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
}
