package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.SigstoreBundle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Sigstore bundle: every field decoded (base64, integers) but nothing interpreted or
 * trusted yet. Absent fields are null.
 */
final class Bundle implements SigstoreBundle {
  /** The bundle format versions this verifier knows. */
  enum Version { V0_1, V0_2, V0_3 }

  final String mediaType;
  final List<byte[]> certificateChain;
  final byte[] certificate;
  final String publicKeyHint;
  final List<TlogEntry> tlogEntries;
  final List<byte[]> rfc3161Timestamps;
  final MessageSignature messageSignature;
  final Dsse dsse;

  Bundle(String mediaType, List<byte[]> certificateChain, byte[] certificate, String publicKeyHint,
      List<TlogEntry> tlogEntries, List<byte[]> rfc3161Timestamps,
      MessageSignature messageSignature, Dsse dsse) {
    this.mediaType = mediaType;
    this.certificateChain = certificateChain;
    this.certificate = certificate;
    this.publicKeyHint = publicKeyHint;
    this.tlogEntries = tlogEntries;
    this.rfc3161Timestamps = rfc3161Timestamps;
    this.messageSignature = messageSignature;
    this.dsse = dsse;
  }

  /** {@code messageSignature}. */
  static final class MessageSignature {
    final String digestAlgorithmName;
    final HashAlgorithm digestAlgorithm;
    final byte[] digest;
    final byte[] signature;

    MessageSignature(String digestAlgorithmName, HashAlgorithm digestAlgorithm, byte[] digest,
        byte[] signature) {
      this.digestAlgorithmName = digestAlgorithmName;
      this.digestAlgorithm = digestAlgorithm;
      this.digest = digest;
      this.signature = signature;
    }
  }

  /** {@code dsseEnvelope}. */
  static final class Dsse {
    final byte[] payload;
    final String payloadType;
    final List<DsseSignature> signatures;

    Dsse(byte[] payload, String payloadType, List<DsseSignature> signatures) {
      this.payload = payload;
      this.payloadType = payloadType;
      this.signatures = signatures;
    }
  }

  /** One DSSE signature. */
  static final class DsseSignature {
    final byte[] sig;
    final String keyId;

    DsseSignature(byte[] sig, String keyId) {
      this.sig = sig;
      this.keyId = keyId;
    }
  }

  /** {@code TransparencyLogEntry}. */
  static final class TlogEntry {
    final long logIndex;
    final byte[] logId;
    final String kind;
    final String kindVersion;
    final Long integratedTime;
    final byte[] signedEntryTimestamp;
    final InclusionProof inclusionProof;
    final byte[] canonicalizedBody;

    TlogEntry(long logIndex, byte[] logId, String kind, String kindVersion, Long integratedTime,
        byte[] signedEntryTimestamp, InclusionProof inclusionProof, byte[] canonicalizedBody) {
      this.logIndex = logIndex;
      this.logId = logId;
      this.kind = kind;
      this.kindVersion = kindVersion;
      this.integratedTime = integratedTime;
      this.signedEntryTimestamp = signedEntryTimestamp;
      this.inclusionProof = inclusionProof;
      this.canonicalizedBody = canonicalizedBody;
    }

    /** Rekor v2 entries carry no integrated time ({@code 0} or absent). */
    boolean hasIntegratedTime() {
      return integratedTime != null && integratedTime != 0L;
    }
  }

  /** {@code InclusionProof}. */
  static final class InclusionProof {
    final long logIndex;
    final byte[] rootHash;
    final long treeSize;
    final List<byte[]> hashes;
    final String checkpoint;

    InclusionProof(long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes,
        String checkpoint) {
      this.logIndex = logIndex;
      this.rootHash = rootHash;
      this.treeSize = treeSize;
      this.hashes = hashes;
      this.checkpoint = checkpoint;
    }
  }

  /** The version the media type names, or empty for an unknown media type. */
  Optional<Version> version() {
    switch (mediaType == null ? "" : mediaType) {
      case "application/vnd.dev.sigstore.bundle+json;version=0.1":
        return Optional.of(Version.V0_1);
      case "application/vnd.dev.sigstore.bundle+json;version=0.2":
        return Optional.of(Version.V0_2);
      case "application/vnd.dev.sigstore.bundle+json;version=0.3":
      case "application/vnd.dev.sigstore.bundle.v0.3+json":
        return Optional.of(Version.V0_3);
      default:
        return Optional.empty();
    }
  }

  /** The leaf (signing) certificate's DER, if the bundle has certificate material. */
  byte[] leafDer() {
    if (certificate != null) {
      return certificate;
    }
    if (certificateChain != null && !certificateChain.isEmpty()) {
      return certificateChain.get(0);
    }
    return null;
  }

  /** The signature the bundle content carries (the message signature or the DSSE one). */
  byte[] signatureBytes() {
    if (messageSignature != null) {
      return messageSignature.signature;
    }
    if (dsse != null && dsse.signatures != null && dsse.signatures.size() == 1) {
      return dsse.signatures.get(0).sig;
    }
    return null;
  }

  @Override
  public String mediaType() {
    return mediaType == null ? "" : mediaType;
  }

  @Override
  public ContentKind contentKind() {
    return dsse != null ? ContentKind.DSSE_ENVELOPE : ContentKind.MESSAGE_SIGNATURE;
  }

  @Override
  public Optional<String> publicKeyHint() {
    return Optional.ofNullable(publicKeyHint);
  }

  @Override
  public Optional<String> dsseKeyId() {
    if (dsse == null || dsse.signatures == null || dsse.signatures.isEmpty()) {
      return Optional.empty();
    }
    String k = dsse.signatures.get(0).keyId;
    return k == null || k.isEmpty() ? Optional.empty() : Optional.of(k);
  }

  @Override
  public Optional<String> dssePayloadType() {
    return dsse == null ? Optional.empty() : Optional.ofNullable(dsse.payloadType);
  }

  @Override
  public Optional<String> dssePayload() {
    return dsse == null || dsse.payload == null ? Optional.empty()
        : Optional.of(new String(dsse.payload, StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "SigstoreBundle[" + mediaType() + ", " + contentKind() + "]";
  }
}
