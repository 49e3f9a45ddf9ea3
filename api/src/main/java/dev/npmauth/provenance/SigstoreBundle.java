package dev.npmauth.provenance;

import java.util.Optional;

/**
 * A Sigstore bundle that was parsed and structurally checked but not yet verified. Parse once
 * with {@link BundleVerifier#parse(byte[])} to verify the same bundle several times (e.g. against
 * several artifacts) without parsing again. Implementations are immutable.
 */
public interface SigstoreBundle {

  /** What a bundle signs. */
  enum ContentKind {
    /** A plain signature over the artifact bytes. */
    MESSAGE_SIGNATURE,
    /** A DSSE envelope (an in-toto statement about the artifact). */
    DSSE_ENVELOPE
  }

  /**
   * The bundle's media type.
   *
   * @return e.g. {@code application/vnd.dev.sigstore.bundle.v0.3+json}
   */
  String mediaType();

  /**
   * What the bundle signs.
   *
   * @return message signature or DSSE envelope
   */
  ContentKind contentKind();

  /**
   * The key hint of a key-signed bundle ({@code verificationMaterial.publicKey.hint}); for npm
   * publish attestations the registry keyid.
   *
   * @return the hint, or empty for a certificate-signed bundle
   */
  Optional<String> publicKeyHint();

  /**
   * The DSSE signature's {@code keyid}, when the bundle is a DSSE envelope and the id is not empty.
   *
   * @return the key id
   */
  Optional<String> dsseKeyId();

  /**
   * The DSSE payload type, for DSSE bundles.
   *
   * @return e.g. {@code application/vnd.in-toto+json}
   */
  Optional<String> dssePayloadType();

  /**
   * The DSSE payload decoded as UTF-8, for DSSE bundles. Not verified.
   *
   * @return the payload text (an in-toto statement for npm attestations)
   */
  Optional<String> dssePayload();
}
