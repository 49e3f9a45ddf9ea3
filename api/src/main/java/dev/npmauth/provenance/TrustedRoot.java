package dev.npmauth.provenance;

import java.util.List;

/**
 * A parsed Sigstore trusted root ({@code trusted_root.json}): the Rekor logs, Fulcio certificate
 * authorities, certificate transparency logs and timestamp authorities a verifier trusts, each
 * with its validity window.
 *
 * <p>Obtain one with {@link TrustedRoots}. Implementations are immutable, decode every key and
 * certificate once, and are safe to share between threads and verifiers.
 */
public interface TrustedRoot {

  /**
   * The media type the document declared.
   *
   * @return e.g. {@code application/vnd.dev.sigstore.trustedroot+json;version=0.1}
   */
  String mediaType();

  /**
   * The Rekor transparency logs ({@code tlogs}).
   *
   * @return the logs, in document order
   */
  List<TransparencyLogInfo> transparencyLogs();

  /**
   * The certificate transparency logs ({@code ctlogs}).
   *
   * @return the logs, in document order
   */
  List<TransparencyLogInfo> certificateTransparencyLogs();

  /**
   * The Fulcio certificate authorities ({@code certificateAuthorities}).
   *
   * @return the authorities, in document order
   */
  List<CertificateAuthorityInfo> certificateAuthorities();

  /**
   * The RFC 3161 timestamp authorities ({@code timestampAuthorities}).
   *
   * @return the authorities, in document order
   */
  List<CertificateAuthorityInfo> timestampAuthorities();
}
