package dev.npmauth.impl.provenance;

import dev.npmauth.impl.provenance.Bundle.TlogEntry;
import dev.npmauth.impl.provenance.Certificates.Cert;
import dev.npmauth.impl.provenance.CertificatePaths.CertPath;
import dev.npmauth.impl.provenance.JsonTree.ShapeException;
import dev.npmauth.impl.provenance.TrustedRootImpl.LogKey;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.BundleParseException;
import dev.npmauth.provenance.BundleVerifier;
import dev.npmauth.provenance.Check;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.FulcioCertificateInfo;
import dev.npmauth.provenance.FulcioExtension;
import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.PublicKeyMaterial;
import dev.npmauth.provenance.SigstoreBundle;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.VerificationPolicy;
import dev.npmauth.provenance.VerificationResult;
import dev.npmauth.provenance.VerifiedTimestamp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;

/**
 * Verifies Sigstore bundles against one trusted root. The checks run in a fixed order, nothing is
 * trusted before it is verified, and the first failure ends the run (the remaining checks are
 * listed as skipped).
 */
final class DefaultBundleVerifier implements BundleVerifier {
  /** The bundle checks in the order they run. */
  static final List<CheckName> ORDER = List.of(
      CheckName.BUNDLE_PARSE, CheckName.MEDIA_TYPE, CheckName.BUNDLE_STRUCTURE, CheckName.SET,
      CheckName.TIMESTAMP_RFC3161, CheckName.SIGNING_TIME, CheckName.PUBLIC_KEY,
      CheckName.CERTIFICATE_CHAIN, CheckName.CERTIFICATE_VALIDITY_AT_SIGNING_TIME, CheckName.SCT,
      CheckName.CHECKPOINT, CheckName.TLOG_INCLUSION_PROOF, CheckName.TLOG_BODY_MATCHES,
      CheckName.SIGNATURE, CheckName.ARTIFACT_DIGEST, CheckName.IDENTITY_POLICY);

  private final TrustedRootImpl root;

  DefaultBundleVerifier(TrustedRootImpl root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  @Override
  public TrustedRoot trustedRoot() {
    return root;
  }

  @Override
  public SigstoreBundle parse(byte[] bundleJson) {
    Objects.requireNonNull(bundleJson, "bundleJson");
    return BundleParser.parse(bundleJson);
  }

  @Override
  public VerificationResult verify(byte[] bundleJson, Artifact artifact,
      VerificationPolicy policy) {
    Objects.requireNonNull(bundleJson, "bundleJson");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(policy, "policy");
    Bundle bundle;
    try {
      bundle = BundleParser.parse(bundleJson);
    } catch (BundleParseException e) {
      return parseFailure(e.getMessage());
    }
    return run(bundle, artifact, Mode.of(policy));
  }

  @Override
  public VerificationResult verify(SigstoreBundle bundle, Artifact artifact,
      VerificationPolicy policy) {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(policy, "policy");
    return run(own(bundle), artifact, Mode.of(policy));
  }

  /**
   * For npm attestations: a key-signed bundle, or a keyless one whose identity the caller
   * checks.
   */
  VerificationResult verifyInternal(Bundle bundle, Artifact artifact, Mode mode) {
    return run(bundle, artifact, mode);
  }

  static VerificationResult parseFailure(String message) {
    List<Check> checks = new ArrayList<>();
    checks.add(Check.failed(CheckName.BUNDLE_PARSE, message));
    for (CheckName n : ORDER.subList(1, ORDER.size())) {
      checks.add(Check.skipped(n, "not run: " + CheckName.BUNDLE_PARSE + " failed"));
    }
    return new VerificationResult(checks, Optional.empty(), List.of(), Optional.empty(),
        Optional.empty());
  }

  static Bundle own(SigstoreBundle bundle) {
    if (!(bundle instanceof Bundle)) {
      throw new IllegalArgumentException("the bundle was not parsed by this implementation");
    }
    return (Bundle) bundle;
  }

  private VerificationResult run(Bundle bundle, Artifact artifact, Mode mode) {
    Run r = new Run(root, bundle, artifact, mode);
    r.execute();
    return r.result();
  }

  /** What the signer must be: a managed key, or a certificate (identity optional). */
  static final class Mode {
    final VerificationPolicy identity;
    final PublicKeyMaterial managedKey;
    final boolean keyless;

    private Mode(VerificationPolicy identity, PublicKeyMaterial managedKey, boolean keyless) {
      this.identity = identity;
      this.managedKey = managedKey;
      this.keyless = keyless;
    }

    static Mode of(VerificationPolicy policy) {
      return policy.publicKey().isPresent() ? new Mode(null, policy.publicKey().get(), false)
          : new Mode(policy, null, true);
    }

    static Mode managedKey(PublicKeyMaterial key) {
      return new Mode(null, key, false);
    }

    static Mode keylessAnyIdentity() {
      return new Mode(null, null, true);
    }
  }

  /** Ends a run at a failed check. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed() {
      super(null, null, false, false);
    }
  }

  /** One verification: the state it builds up and the checks it records. */
  private static final class Run {
    private final TrustedRootImpl root;
    private final Bundle b;
    private final Artifact artifact;
    private final Mode mode;
    private final List<Check> checks = new ArrayList<>(ORDER.size());
    private final List<VerifiedTimestamp> timestamps = new ArrayList<>();
    private final List<Instant> setTimes = new ArrayList<>();
    private Bundle.Version version;
    private PublicKey signingKey;
    private byte[] signingKeySpki;
    private Cert leaf;
    private FulcioCertificateInfo info;
    private List<CertPath> paths;
    private CertPath path;

    Run(TrustedRootImpl root, Bundle b, Artifact artifact, Mode mode) {
      this.root = root;
      this.b = b;
      this.artifact = artifact;
      this.mode = mode;
    }

    void execute() {
      try {
        pass(CheckName.BUNDLE_PARSE, "parsed");
        mediaType();
        structure();
        signedEntryTimestamps();
        rfc3161();
        signingTime();
        publicKey();
        certificateChain();
        certificateValidity();
        scts();
        checkpointsAndProofs();
        bodies();
        signature();
        artifactDigest();
        identity();
      } catch (Failed f) {
        // recorded; the rest is skipped in result()
      } catch (RuntimeException e) {
        // A defect or a library surprise on hostile input must still be a failed check.
        CheckName at = ORDER.get(Math.min(checks.size(), ORDER.size() - 1));
        checks.add(Check.failed(at, "unexpected error: " + e));
      }
    }

    VerificationResult result() {
      List<Check> all = new ArrayList<>(checks);
      CheckName failed = all.stream().filter(Check::failed).map(Check::name).findFirst()
          .orElse(null);
      for (int i = all.size(); i < ORDER.size(); i++) {
        all.add(Check.skipped(ORDER.get(i), "not run: " + failed + " failed"));
      }
      Optional<String> payloadType = b.dsse == null ? Optional.empty()
          : Optional.ofNullable(b.dsse.payloadType);
      Optional<String> payload = b.dsse == null || b.dsse.payload == null ? Optional.empty()
          : Optional.of(new String(b.dsse.payload, StandardCharsets.UTF_8));
      return new VerificationResult(all, Optional.ofNullable(info), timestamps, payloadType,
          payload);
    }

    private void pass(CheckName name, String detail) {
      checks.add(Check.passed(name, detail));
    }

    private void skip(CheckName name, String detail) {
      checks.add(Check.skipped(name, detail));
    }

    private Failed fail(CheckName name, String detail) {
      checks.add(Check.failed(name, detail));
      return new Failed();
    }

    // ---- MEDIA_TYPE, BUNDLE_STRUCTURE -------------------------------------------------

    private void mediaType() throws Failed {
      Optional<Bundle.Version> v = b.version();
      if (v.isEmpty()) {
        throw fail(CheckName.MEDIA_TYPE, b.mediaType == null ? "the bundle has no mediaType"
            : "unknown bundle media type '" + b.mediaType + "'");
      }
      version = v.get();
      pass(CheckName.MEDIA_TYPE, b.mediaType);
    }

    private void structure() throws Failed {
      String problem = structureProblem();
      if (problem != null) {
        throw fail(CheckName.BUNDLE_STRUCTURE, problem);
      }
      pass(CheckName.BUNDLE_STRUCTURE, version + " bundle, "
          + (b.dsse != null ? "DSSE envelope" : "message signature") + ", "
          + (b.publicKeyHint != null ? "public key hint"
              : b.certificate != null ? "certificate" : "certificate chain")
          + ", " + b.tlogEntries.size() + " tlog entr" + (b.tlogEntries.size() == 1 ? "y" : "ies")
          + ", " + b.rfc3161Timestamps.size() + " RFC 3161 timestamp(s)");
    }

    private String structureProblem() {
      if ((b.messageSignature == null) == (b.dsse == null)) {
        return "the bundle must have exactly one of messageSignature and dsseEnvelope";
      }
      if (b.messageSignature != null) {
        if (b.messageSignature.digest == null || b.messageSignature.digest.length == 0) {
          return "messageSignature.messageDigest.digest is missing";
        }
        if (b.messageSignature.digestAlgorithm == null) {
          return "messageSignature.messageDigest.algorithm '"
              + b.messageSignature.digestAlgorithmName + "' is not supported";
        }
        if (b.messageSignature.digest.length != b.messageSignature.digestAlgorithm.length()) {
          return "messageSignature.messageDigest.digest has the wrong length";
        }
        if (b.messageSignature.signature == null || b.messageSignature.signature.length == 0) {
          return "messageSignature.signature is missing";
        }
      } else {
        if (b.dsse.payload == null || b.dsse.payload.length == 0) {
          return "dsseEnvelope.payload is missing";
        }
        if (b.dsse.payloadType == null || b.dsse.payloadType.isEmpty()) {
          return "dsseEnvelope.payloadType is missing";
        }
        if (b.dsse.signatures.size() != 1) {
          return "dsseEnvelope must have exactly one signature, has " + b.dsse.signatures.size();
        }
        if (b.dsse.signatures.get(0).sig.length == 0) {
          return "dsseEnvelope.signatures[0].sig is empty";
        }
      }
      int material = (b.certificateChain != null ? 1 : 0) + (b.certificate != null ? 1 : 0)
          + (b.publicKeyHint != null ? 1 : 0);
      if (material != 1) {
        return "verificationMaterial must have exactly one of x509CertificateChain, certificate"
            + " and publicKey";
      }
      if (b.certificateChain != null) {
        if (version == Bundle.Version.V0_3) {
          return "a v0.3 bundle must carry a single certificate, not x509CertificateChain";
        }
        if (b.certificateChain.isEmpty()) {
          return "x509CertificateChain has no certificate";
        }
        for (byte[] c : b.certificateChain) {
          if (c.length == 0) {
            return "x509CertificateChain has an empty certificate";
          }
        }
      }
      if (b.certificate != null && b.certificate.length == 0) {
        return "certificate.rawBytes is empty";
      }
      if (b.publicKeyHint != null && b.dsse != null) {
        String keyId = b.dsse.signatures.get(0).keyId;
        if (!b.publicKeyHint.isEmpty() && keyId != null && !keyId.isEmpty()
            && !keyId.equals(b.publicKeyHint)) {
          return "the DSSE keyid differs from the public key hint";
        }
      }
      if (b.tlogEntries == null || b.tlogEntries.isEmpty()) {
        return "the bundle has no transparency log entry";
      }
      for (int i = 0; i < b.tlogEntries.size(); i++) {
        TlogEntry e = b.tlogEntries.get(i);
        String at = "tlogEntries[" + i + "]";
        if (e.logId == null || e.logId.length == 0) {
          return at + ".logId is missing";
        }
        if (e.kind == null || e.kindVersion == null) {
          return at + ".kindVersion is missing";
        }
        if (e.canonicalizedBody == null || e.canonicalizedBody.length == 0) {
          return at + ".canonicalizedBody is missing";
        }
        if (e.signedEntryTimestamp != null && e.signedEntryTimestamp.length == 0) {
          return at + ".inclusionPromise.signedEntryTimestamp is empty";
        }
        if (version == Bundle.Version.V0_1 && e.signedEntryTimestamp == null) {
          return at + " has no inclusionPromise, which a v0.1 bundle requires";
        }
        if (version != Bundle.Version.V0_1) {
          if (e.inclusionProof == null) {
            return at + " has no inclusionProof, which a " + version + " bundle requires";
          }
          if (e.inclusionProof.checkpoint == null) {
            return at + ".inclusionProof has no checkpoint, which a " + version
                + " bundle requires";
          }
        }
        if (e.inclusionProof != null && e.inclusionProof.rootHash == null) {
          return at + ".inclusionProof.rootHash is missing";
        }
      }
      for (int i = 0; i < b.rfc3161Timestamps.size(); i++) {
        if (b.rfc3161Timestamps.get(i).length == 0) {
          return "rfc3161Timestamps[" + i + "].signedTimestamp is empty";
        }
      }
      return null;
    }

    // ---- SET, TIMESTAMP_RFC3161, SIGNING_TIME ------------------------------------------

    private void signedEntryTimestamps() throws Failed {
      int count = 0;
      for (int i = 0; i < b.tlogEntries.size(); i++) {
        TlogEntry e = b.tlogEntries.get(i);
        if (e.signedEntryTimestamp == null) {
          continue;
        }
        count++;
        if (!e.hasIntegratedTime()) {
          throw fail(CheckName.SET, "tlogEntries[" + i + "] has a SET but no integratedTime");
        }
        Instant t = Instant.ofEpochSecond(e.integratedTime);
        List<LogKey> logs = root.tlogsById(e.logId);
        if (logs.isEmpty()) {
          throw fail(CheckName.SET, "tlogEntries[" + i + "] names log "
              + Bytes.toBase64(e.logId) + ", which the trusted root does not list");
        }
        byte[] payload = SignedEntryTimestamps.payload(e);
        LogKey verifiedBy = null;
        for (LogKey log : logs) {
          if (log.validAt(t) && log.verify(log.signatureHash, payload,
              e.signedEntryTimestamp)) {
            verifiedBy = log;
            break;
          }
        }
        if (verifiedBy == null) {
          throw fail(CheckName.SET, "the SET of tlogEntries[" + i + "] does not verify with a key"
              + " of log " + logs.get(0).baseUrl + " valid at " + t);
        }
        timestamps.add(new VerifiedTimestamp(VerifiedTimestamp.Source.TRANSPARENCY_LOG, t,
            verifiedBy.baseUrl));
        setTimes.add(t);
      }
      if (count == 0) {
        skip(CheckName.SET, "no entry has a signed entry timestamp");
      } else {
        pass(CheckName.SET, count + " signed entry timestamp(s) verified");
      }
    }

    private void rfc3161() throws Failed {
      if (b.rfc3161Timestamps.isEmpty()) {
        skip(CheckName.TIMESTAMP_RFC3161, "the bundle has no RFC 3161 timestamp");
        return;
      }
      byte[] sig = b.signatureBytes();
      List<String> details = new ArrayList<>();
      for (int i = 0; i < b.rfc3161Timestamps.size(); i++) {
        TimestampVerifier.Outcome o = TimestampVerifier.verify(b.rfc3161Timestamps.get(i), sig,
            root.timestampAuthorities);
        if (o.problem != null) {
          throw fail(CheckName.TIMESTAMP_RFC3161, "rfc3161Timestamps[" + i + "]: " + o.problem);
        }
        timestamps.add(new VerifiedTimestamp(VerifiedTimestamp.Source.TIMESTAMP_AUTHORITY, o.time,
            o.authority));
        details.add(o.time + " by " + o.authority);
      }
      pass(CheckName.TIMESTAMP_RFC3161, String.join(", ", details));
    }

    private void signingTime() throws Failed {
      if (timestamps.isEmpty()) {
        throw fail(CheckName.SIGNING_TIME, "no verified signing time: the bundle has neither a"
            + " verified signed entry timestamp nor a verified RFC 3161 timestamp");
      }
      for (int i = 0; i < timestamps.size(); i++) {
        for (int j = i + 1; j < timestamps.size(); j++) {
          if (timestamps.get(i).equals(timestamps.get(j))) {
            throw fail(CheckName.SIGNING_TIME, "duplicate timestamp " + timestamps.get(i));
          }
        }
      }
      StringBuilder sb = new StringBuilder();
      for (VerifiedTimestamp t : timestamps) {
        sb.append(sb.length() == 0 ? "" : ", ").append(t.time()).append(" (")
            .append(t.source() == VerifiedTimestamp.Source.TRANSPARENCY_LOG ? "tlog" : "TSA")
            .append(')');
      }
      pass(CheckName.SIGNING_TIME, sb.toString());
    }

    // ---- PUBLIC_KEY, CERTIFICATE_CHAIN, CERTIFICATE_VALIDITY, SCT ----------------------

    private void publicKey() throws Failed {
      if (mode.managedKey != null) {
        if (b.publicKeyHint == null) {
          throw fail(CheckName.PUBLIC_KEY, "the policy names a managed key, but the bundle is"
              + " signed with a certificate");
        }
        byte[] der = mode.managedKey.der();
        try {
          signingKey = Crypto.decodeSpki(der);
        } catch (GeneralSecurityException e) {
          throw fail(CheckName.PUBLIC_KEY, "the policy's public key does not decode: "
              + e.getMessage());
        }
        signingKeySpki = der;
        pass(CheckName.PUBLIC_KEY, signingKey.getAlgorithm() + " key, bundle hint '"
            + b.publicKeyHint + "'");
        return;
      }
      if (b.publicKeyHint != null) {
        throw fail(CheckName.PUBLIC_KEY, "the bundle is signed with a managed key (hint '"
            + b.publicKeyHint + "'), but the policy expects a certificate identity; verify it"
            + " with that key instead");
      }
      skip(CheckName.PUBLIC_KEY, "certificate-signed bundle");
    }

    private void certificateChain() throws Failed {
      if (mode.managedKey != null) {
        skip(CheckName.CERTIFICATE_CHAIN, "managed key: no certificate");
        return;
      }
      try {
        leaf = Certificates.parse(b.leafDer());
      } catch (GeneralSecurityException e) {
        throw fail(CheckName.CERTIFICATE_CHAIN, "the signing certificate: " + e.getMessage());
      }
      info = Certificates.fulcioInfo(leaf);
      signingKey = leaf.publicKey;
      try {
        signingKeySpki = leaf.holder.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
      } catch (IOException e) {
        throw fail(CheckName.CERTIFICATE_CHAIN, "the signing certificate's key does not encode");
      }
      String usage = Certificates.leafUsageProblem(leaf);
      if (usage != null) {
        throw fail(CheckName.CERTIFICATE_CHAIN, usage);
      }
      if (leaf.isCa()) {
        throw fail(CheckName.CERTIFICATE_CHAIN, "the signing certificate is a CA certificate");
      }
      paths = CertificatePaths.build(leaf, root.certificateAuthorities);
      if (paths.isEmpty()) {
        throw fail(CheckName.CERTIFICATE_CHAIN, "the signing certificate (issuer '"
            + leaf.holder.getIssuer() + "') does not chain to a certificate authority of the"
            + " trusted root");
      }
      pass(CheckName.CERTIFICATE_CHAIN, "issued by '" + paths.get(0).issuer().holder.getSubject()
          + "' of " + paths.get(0).authority.uri);
    }

    private void certificateValidity() throws Failed {
      if (mode.managedKey != null) {
        skip(CheckName.CERTIFICATE_VALIDITY_AT_SIGNING_TIME, "managed key: no certificate");
        return;
      }
      String lastProblem = null;
      for (CertPath p : paths) {
        String problem = null;
        for (VerifiedTimestamp t : timestamps) {
          problem = p.problemAt(t.time());
          if (problem != null) {
            break;
          }
        }
        if (problem == null) {
          path = p;
          break;
        }
        lastProblem = problem;
      }
      if (path == null) {
        throw fail(CheckName.CERTIFICATE_VALIDITY_AT_SIGNING_TIME, lastProblem);
      }
      pass(CheckName.CERTIFICATE_VALIDITY_AT_SIGNING_TIME, "leaf valid " + leaf.notBefore + " to "
          + leaf.notAfter + ", covering every verified signing time");
    }

    private void scts() throws Failed {
      if (mode.managedKey != null) {
        skip(CheckName.SCT, "managed key: no certificate");
        return;
      }
      SctVerifier.Outcome o = SctVerifier.verify(leaf, path.issuer(), root.ctlogs);
      if (o.problem != null) {
        throw fail(CheckName.SCT, o.problem);
      }
      pass(CheckName.SCT, o.verified + " of " + o.total + " embedded SCT(s) verified");
    }

    // ---- CHECKPOINT, TLOG_INCLUSION_PROOF, TLOG_BODY_MATCHES ---------------------------

    private void checkpointsAndProofs() throws Failed {
      List<SignedNote> notes = new ArrayList<>();
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < b.tlogEntries.size(); i++) {
        TlogEntry e = b.tlogEntries.get(i);
        if (e.inclusionProof == null) {
          continue;
        }
        String at = "tlogEntries[" + i + "]";
        if (e.inclusionProof.checkpoint == null) {
          throw fail(CheckName.CHECKPOINT, at + ".inclusionProof has no checkpoint");
        }
        SignedNote note;
        try {
          note = SignedNote.parse(e.inclusionProof.checkpoint);
        } catch (SignedNote.MalformedException ex) {
          throw fail(CheckName.CHECKPOINT, at + ": malformed checkpoint: " + ex.getMessage());
        }
        List<LogKey> logs = logsFor(e);
        if (logs.isEmpty()) {
          throw fail(CheckName.CHECKPOINT, at + " names log " + Bytes.toBase64(e.logId)
              + ", which the trusted root does not list as valid at the signing time");
        }
        String problem = null;
        boolean ok = false;
        for (LogKey log : logs) {
          problem = checkpointProblem(note, log);
          if (problem == null) {
            ok = true;
            break;
          }
        }
        if (!ok) {
          throw fail(CheckName.CHECKPOINT, at + ": " + problem);
        }
        notes.add(note);
        indexes.add(i);
      }
      if (notes.isEmpty()) {
        skip(CheckName.CHECKPOINT, "no inclusion proof (the SET stands in)");
        skip(CheckName.TLOG_INCLUSION_PROOF, "no inclusion proof (the SET stands in)");
        return;
      }
      pass(CheckName.CHECKPOINT, notes.size() + " checkpoint(s) signed by their log");
      for (int k = 0; k < notes.size(); k++) {
        int i = indexes.get(k);
        TlogEntry e = b.tlogEntries.get(i);
        SignedNote note = notes.get(k);
        Bundle.InclusionProof p = e.inclusionProof;
        String at = "tlogEntries[" + i + "].inclusionProof";
        if (p.treeSize != note.treeSize) {
          throw fail(CheckName.TLOG_INCLUSION_PROOF, at + ".treeSize " + p.treeSize
              + " differs from the checkpoint's " + note.treeSize);
        }
        if (!Bytes.equal(p.rootHash, note.rootHash)) {
          throw fail(CheckName.TLOG_INCLUSION_PROOF,
              at + ".rootHash differs from the checkpoint's");
        }
        byte[] computed = MerkleInclusion.rootFromProof(p.logIndex, note.treeSize,
            MerkleInclusion.leafHash(e.canonicalizedBody), p.hashes);
        if (computed == null || !Bytes.equal(computed, note.rootHash)) {
          throw fail(CheckName.TLOG_INCLUSION_PROOF, at + " does not lead from the entry (index "
              + p.logIndex + ") to the root of the tree of size " + note.treeSize);
        }
      }
      pass(CheckName.TLOG_INCLUSION_PROOF, notes.size() + " inclusion proof(s) verified");
    }

    /** The trusted logs an entry may come from, valid at the times that apply to it. */
    private List<LogKey> logsFor(TlogEntry e) {
      List<LogKey> out = new ArrayList<>();
      for (LogKey log : root.tlogsById(e.logId)) {
        boolean valid;
        if (e.signedEntryTimestamp != null && e.hasIntegratedTime()) {
          valid = log.validAt(Instant.ofEpochSecond(e.integratedTime));
        } else {
          valid = !timestamps.isEmpty();
          for (VerifiedTimestamp t : timestamps) {
            valid &= log.validAt(t.time());
          }
        }
        if (valid) {
          out.add(log);
        }
      }
      return out;
    }

    private static String checkpointProblem(SignedNote note, LogKey log) {
      if (!note.origin.equals(log.host) && !note.origin.startsWith(log.host + " - ")) {
        return "checkpoint origin '" + note.origin + "' is not log " + log.host;
      }
      byte[] hint = log.noteKeyHint();
      for (SignedNote.Line line : note.signatures) {
        if (line.keyName.equals(log.host) && Bytes.equal(line.keyHint, hint)
            && log.verify(log.signatureHash, note.signedText, line.signature)) {
          return null;
        }
      }
      return "no checkpoint signature from " + log.host + " (key hint " + Bytes.hex(hint)
          + ") verifies";
    }

    private void bodies() throws Failed {
      TlogBodies.Signer signer = new TlogBodies.Signer(leaf == null ? null : leaf.der,
          signingKeySpki);
      for (int i = 0; i < b.tlogEntries.size(); i++) {
        String problem = TlogBodies.problem(b.tlogEntries.get(i), b, signer, artifact);
        if (problem != null) {
          throw fail(CheckName.TLOG_BODY_MATCHES, "tlogEntries[" + i + "]: " + problem);
        }
      }
      pass(CheckName.TLOG_BODY_MATCHES, b.tlogEntries.size() + " entr"
          + (b.tlogEntries.size() == 1 ? "y records" : "ies record") + " this signature");
    }

    // ---- SIGNATURE, ARTIFACT_DIGEST, IDENTITY_POLICY -----------------------------------

    private void signature() throws Failed {
      if (b.dsse != null) {
        byte[] pae = Dsse.pae(b.dsse.payloadType, b.dsse.payload);
        if (!Crypto.verify(signingKey, Crypto.defaultHash(signingKey), pae, b.signatureBytes())) {
          throw fail(CheckName.SIGNATURE, "the DSSE signature does not verify over the PAE of the"
              + " envelope");
        }
        pass(CheckName.SIGNATURE, "DSSE signature verified");
        return;
      }
      HashAlgorithm hash = b.messageSignature.digestAlgorithm;
      byte[] sig = b.messageSignature.signature;
      boolean ok;
      if (Crypto.kind(signingKey) == Crypto.KeyKind.ED25519) {
        // pure Ed25519 signs the message itself, so only the bytes will do
        Optional<ByteBuffer> content = artifact.content();
        if (content.isEmpty()) {
          throw fail(CheckName.SIGNATURE, "an Ed25519 signature can only be checked over the"
              + " artifact bytes, not a digest");
        }
        ByteBuffer buf = content.get();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        ok = Crypto.verify(signingKey, hash, bytes, sig);
      } else {
        // ECDSA and RSA sign the hash: use the artifact's (cached) digest
        Optional<byte[]> digest = artifact.digest(hash);
        if (digest.isEmpty()) {
          throw fail(CheckName.SIGNATURE, "the artifact is known only by "
              + artifact.digestAlgorithms() + " digest(s); the signature is over " + hash);
        }
        ok = Crypto.verifyDigest(signingKey, hash, digest.get(), sig);
      }
      if (!ok) {
        throw fail(CheckName.SIGNATURE, "the signature does not verify over the artifact");
      }
      pass(CheckName.SIGNATURE, "message signature verified");
    }

    private void artifactDigest() throws Failed {
      if (b.messageSignature != null) {
        HashAlgorithm hash = b.messageSignature.digestAlgorithm;
        if (!artifact.digestEquals(hash, b.messageSignature.digest)) {
          throw fail(CheckName.ARTIFACT_DIGEST, "the artifact's " + hash.shortName()
              + " digest differs from the bundle's messageDigest");
        }
        pass(CheckName.ARTIFACT_DIGEST, hash.shortName() + ":"
            + Bytes.hex(b.messageSignature.digest));
        return;
      }
      if (!Dsse.IN_TOTO_PAYLOAD_TYPE.equals(b.dsse.payloadType)) {
        throw fail(CheckName.ARTIFACT_DIGEST, "payload type '" + b.dsse.payloadType
            + "' is not an in-toto statement, so the artifact cannot be matched");
      }
      InTotoStatement statement;
      try {
        statement = InTotoStatement.parse(b.dsse.payload);
      } catch (ShapeException e) {
        throw fail(CheckName.ARTIFACT_DIGEST, "the in-toto statement is malformed: "
            + e.getMessage());
      }
      if (!statement.knownType()) {
        throw fail(CheckName.ARTIFACT_DIGEST, "unknown statement type '" + statement.type + "'");
      }
      boolean comparable = false;
      for (InTotoStatement.Subject s : statement.subjects) {
        for (Map.Entry<String, String> d : s.digest.entrySet()) {
          Optional<HashAlgorithm> a = HashAlgorithm.fromShortName(d.getKey());
          if (a.isEmpty() || !artifact.digestAlgorithms().contains(a.get())) {
            continue;
          }
          comparable = true;
          byte[] expected = Bytes.fromHex(d.getValue());
          if (expected != null && artifact.digestEquals(a.get(), expected)) {
            pass(CheckName.ARTIFACT_DIGEST, "subject '" + s.name + "' " + a.get().shortName() + ":"
                + d.getValue().toLowerCase(Locale.ROOT));
            return;
          }
        }
      }
      throw fail(CheckName.ARTIFACT_DIGEST, comparable
          ? "no statement subject has the artifact's digest"
          : "no statement subject has a digest the artifact can be compared with (artifact knows "
              + artifact.digestAlgorithms() + ")");
    }

    private void identity() throws Failed {
      if (mode.managedKey != null) {
        skip(CheckName.IDENTITY_POLICY, "managed key: the key is the identity");
        return;
      }
      VerificationPolicy p = mode.identity;
      if (p == null) {
        skip(CheckName.IDENTITY_POLICY, "no identity policy here; the caller checks the identity");
        return;
      }
      String san = info.subjectAlternativeName();
      if (p.subjectAlternativeName().isPresent()
          && !p.subjectAlternativeName().get().equals(san)) {
        throw fail(CheckName.IDENTITY_POLICY, "SAN '" + san + "' is not '"
            + p.subjectAlternativeName().get() + "'");
      }
      if (p.subjectAlternativeNamePattern().isPresent()
          && !p.subjectAlternativeNamePattern().get().matcher(san).matches()) {
        throw fail(CheckName.IDENTITY_POLICY, "SAN '" + san + "' does not match /"
            + p.subjectAlternativeNamePattern().get().pattern() + "/");
      }
      Optional<String> issuer = info.issuer();
      if (p.issuer().isPresent() && !p.issuer().equals(issuer)) {
        throw fail(CheckName.IDENTITY_POLICY, "issuer '" + issuer.orElse("(none)") + "' is not '"
            + p.issuer().get() + "'");
      }
      for (Map.Entry<FulcioExtension, String> req : p.requiredExtensions().entrySet()) {
        Optional<String> actual = info.get(req.getKey());
        if (!actual.equals(Optional.of(req.getValue()))) {
          throw fail(CheckName.IDENTITY_POLICY, req.getKey() + " is '" + actual.orElse("(absent)")
              + "', not '" + req.getValue() + "'");
        }
      }
      pass(CheckName.IDENTITY_POLICY, "SAN '" + san + "', issuer '" + issuer.orElse("") + "'");
    }
  }
}
