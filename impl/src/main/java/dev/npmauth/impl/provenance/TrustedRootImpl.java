package dev.npmauth.impl.provenance;

import dev.npmauth.impl.provenance.Certificates.Cert;
import dev.npmauth.provenance.CertificateAuthorityInfo;
import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.TransparencyLogInfo;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.ValidityWindow;
import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed trusted root with every key and certificate decoded once, and the internal signatures
 * of each authority's chain checked once, so that verifying a bundle only touches the leaf.
 */
final class TrustedRootImpl implements TrustedRoot {
  final String mediaType;
  final List<LogKey> tlogs;
  final List<LogKey> ctlogs;
  final List<Authority> certificateAuthorities;
  final List<Authority> timestampAuthorities;

  TrustedRootImpl(String mediaType, List<LogKey> tlogs, List<LogKey> ctlogs,
      List<Authority> certificateAuthorities, List<Authority> timestampAuthorities) {
    this.mediaType = mediaType;
    this.tlogs = List.copyOf(tlogs);
    this.ctlogs = List.copyOf(ctlogs);
    this.certificateAuthorities = List.copyOf(certificateAuthorities);
    this.timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  @Override
  public List<TransparencyLogInfo> transparencyLogs() {
    return tlogs.stream().map(l -> l.info).toList();
  }

  @Override
  public List<TransparencyLogInfo> certificateTransparencyLogs() {
    return ctlogs.stream().map(l -> l.info).toList();
  }

  @Override
  public List<CertificateAuthorityInfo> certificateAuthorities() {
    return certificateAuthorities.stream().map(a -> a.info).toList();
  }

  @Override
  public List<CertificateAuthorityInfo> timestampAuthorities() {
    return timestampAuthorities.stream().map(a -> a.info).toList();
  }

  @Override
  public String toString() {
    return "TrustedRoot[" + mediaType + ", " + tlogs.size() + " tlogs, " + ctlogs.size()
        + " ctlogs, " + certificateAuthorities.size() + " CAs, " + timestampAuthorities.size()
        + " TSAs]";
  }

  /** The Rekor logs whose id is {@code logId}, in document order. */
  List<LogKey> tlogsById(byte[] logId) {
    List<LogKey> out = new ArrayList<>(1);
    for (LogKey k : tlogs) {
      if (Bytes.equal(k.logId, logId)) {
        out.add(k);
      }
    }
    return out;
  }

  /** A transparency log key (Rekor or CT). */
  static final class LogKey {
    final String baseUrl;
    /** The log's name in checkpoints: the base URL's host (and port, if any). */
    final String host;
    final HashAlgorithm hashAlgorithm;
    final String keyDetails;
    final PublicKey key;
    final byte[] logId;
    final byte[] checkpointKeyId;
    final ValidityWindow validFor;
    final HashAlgorithm signatureHash;
    final TransparencyLogInfo info;
    /** {@link #key} as a trusted EC key; null if it is not EC. */
    final TrustedEcKey ecKey;

    LogKey(String baseUrl, HashAlgorithm hashAlgorithm, String keyDetails, PublicKey key,
        byte[] logId, byte[] checkpointKeyId, ValidityWindow validFor) {
      this.baseUrl = baseUrl;
      this.host = hostOf(baseUrl);
      this.hashAlgorithm = hashAlgorithm;
      this.keyDetails = keyDetails;
      this.key = key;
      this.logId = logId;
      this.checkpointKeyId = checkpointKeyId;
      this.validFor = validFor;
      this.signatureHash = signatureHash(keyDetails, key);
      this.ecKey = TrustedEcKey.of(key);
      this.info = new TransparencyLogInfo(baseUrl, hashAlgorithm, keyDetails, key,
          Bytes.toBase64(logId),
          java.util.Optional.ofNullable(checkpointKeyId).map(Bytes::toBase64), validFor);
    }

    /** {@link Crypto#verify} with this log's key. */
    boolean verify(HashAlgorithm hash, byte[] data, byte[] signature) {
      return ecKey != null ? ecKey.verify(hash, data, signature)
          : Crypto.verify(key, hash, data, signature);
    }

    /** The 4-byte key hint a signed-note signature line carries for this log. */
    byte[] noteKeyHint() {
      byte[] id = checkpointKeyId != null ? checkpointKeyId : logId;
      return java.util.Arrays.copyOf(id, Math.min(4, id.length));
    }

    boolean validAt(Instant t) {
      return validFor.contains(t);
    }

    private static HashAlgorithm signatureHash(String keyDetails, PublicKey key) {
      String d = keyDetails.toUpperCase(Locale.ROOT);
      if (d.contains("SHA_384") || d.contains("SHA384")) {
        return HashAlgorithm.SHA2_384;
      }
      if (d.contains("SHA_512") || d.contains("SHA512")) {
        return HashAlgorithm.SHA2_512;
      }
      if (d.contains("SHA_256") || d.contains("SHA256")) {
        return HashAlgorithm.SHA2_256;
      }
      return Crypto.defaultHash(key);
    }

    /** The URL's authority without user info: host, and port when the URL has one. */
    private static String hostOf(String url) {
      try {
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
          return url;
        }
        return uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
      } catch (IllegalArgumentException e) {
        return url;
      }
    }
  }

  /** A certificate authority (Fulcio or TSA) with its chain decoded and pre-checked. */
  static final class Authority {
    final String uri;
    final List<Cert> chain;
    final ValidityWindow validFor;
    final CertificateAuthorityInfo info;
    /** Null when each certificate is signed by the next one and the last is an anchor. */
    final String chainProblem;
    /** For a timestamp authority: the CMS verifier of its signing certificate, made once. */
    private volatile org.bouncycastle.cms.SignerInformationVerifier signerVerifier;

    Authority(String uri, List<Cert> chain, ValidityWindow validFor,
        CertificateAuthorityInfo info) {
      this.uri = uri;
      this.chain = List.copyOf(chain);
      this.validFor = validFor;
      this.info = info;
      this.chainProblem = checkChain(this.chain);
    }

    /**
     * A CMS signer verifier for {@code chain[0]}, made once; safe to share between threads. Its
     * content verifiers check each signature once (see {@link Crypto#cmsVerifierProvider}).
     */
    org.bouncycastle.cms.SignerInformationVerifier signerVerifier()
        throws org.bouncycastle.operator.OperatorCreationException {
      org.bouncycastle.cms.SignerInformationVerifier v = signerVerifier;
      if (v == null) {
        v = new org.bouncycastle.cms.SignerInformationVerifier(
            new org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator(),
            new org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder(),
            Crypto.cmsVerifierProvider(chain.get(0).holder, chain.get(0).publicKey,
                chain.get(0).trustedKey()),
            new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder()
                .setProvider(Crypto.BC).build());
        signerVerifier = v;
      }
      return v;
    }

    private static String checkChain(List<Cert> chain) {
      for (int i = 0; i + 1 < chain.size(); i++) {
        Cert c = chain.get(i);
        Cert issuer = chain.get(i + 1);
        if (!c.couldBeIssuedBy(issuer) || !c.signedBy(issuer.publicKey)) {
          return "certificate " + i + " of the chain is not issued by certificate " + (i + 1);
        }
        if (!issuer.isCa()) {
          return "certificate " + (i + 1) + " of the chain is not a CA";
        }
      }
      return null;
    }
  }
}
