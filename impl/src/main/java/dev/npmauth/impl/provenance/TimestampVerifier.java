package dev.npmauth.impl.provenance;

import dev.npmauth.impl.provenance.Certificates.Cert;
import dev.npmauth.impl.provenance.TrustedRootImpl.Authority;
import dev.npmauth.provenance.HashAlgorithm;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * RFC 3161 timestamps (bcpkix TSP): the token must be over the bundle's signature bytes, signed
 * by a timestamp authority of the trusted root whose window contains the time, with the
 * authority's chain valid at that time. Certificates embedded in the token are never trusted.
 */
final class TimestampVerifier {
  private TimestampVerifier() {
  }

  /** A verified time, or why the token failed. */
  static final class Outcome {
    final Instant time;
    final String authority;
    final String problem;

    private Outcome(Instant time, String authority, String problem) {
      this.time = time;
      this.authority = authority;
      this.problem = problem;
    }

    static Outcome ok(Instant time, String authority) {
      return new Outcome(time, authority, null);
    }

    static Outcome fail(String problem) {
      return new Outcome(null, null, problem);
    }
  }

  static Outcome verify(byte[] encoded, byte[] signatureBytes, List<Authority> tsas) {
    TimeStampToken token;
    try {
      token = token(encoded);
    } catch (IOException | TSPException | RuntimeException e) {
      return Outcome.fail("not an RFC 3161 timestamp: " + e.getMessage());
    }
    TimeStampTokenInfo info = token.getTimeStampInfo();
    Instant genTime = info.getGenTime().toInstant();
    Optional<HashAlgorithm> alg = hashFor(info.getMessageImprintAlgOID());
    if (alg.isEmpty()) {
      return Outcome.fail(
          "unsupported message imprint algorithm " + info.getMessageImprintAlgOID());
    }
    if (signatureBytes == null
        || !Bytes.equal(Bytes.digest(alg.get(), signatureBytes), info.getMessageImprintDigest())) {
      return Outcome.fail(
          "the timestamp's message imprint is not the hash of the bundle signature");
    }
    SignerId sid = token.getSID();
    List<String> problems = new ArrayList<>();
    for (Authority tsa : tsas) {
      if (!tsa.validFor.contains(genTime)) {
        problems.add(tsa.uri + ": outside its trusted-root validity");
        continue;
      }
      Cert leaf = tsa.chain.get(0);
      if (!sid.match(leaf.holder)) {
        problems.add(tsa.uri + ": token not signed by its certificate");
        continue;
      }
      String chainProblem = chainProblem(tsa, genTime);
      if (chainProblem != null) {
        problems.add(tsa.uri + ": " + chainProblem);
        continue;
      }
      try {
        token.validate(tsa.signerVerifier());
        return Outcome.ok(genTime, tsa.uri);
      } catch (TSPException | OperatorCreationException | RuntimeException e) {
        problems.add(tsa.uri + ": " + e.getMessage());
      }
    }
    return Outcome.fail(problems.isEmpty()
        ? "no timestamp authority in the trusted root"
        : "no trusted timestamp authority verifies the token at " + genTime + " ("
            + String.join("; ", problems) + ")");
  }

  private static String chainProblem(Authority tsa, Instant t) {
    if (tsa.chainProblem != null) {
      return tsa.chainProblem;
    }
    for (Cert c : tsa.chain) {
      if (!c.validAt(t)) {
        return "certificate " + c.holder.getSubject() + " not valid at " + t;
      }
    }
    return null;
  }

  /** A {@code TimeStampResp}, or (as some producers store it) a bare token {@code ContentInfo}. */
  private static TimeStampToken token(byte[] encoded) throws IOException, TSPException {
    TimeStampResponse response = null;
    try {
      response = new TimeStampResponse(encoded);
    } catch (IOException | TSPException | RuntimeException e) {
      // not a response: try a bare token below
    }
    if (response != null) {
      int status = response.getStatus();
      if (status != 0 && status != 1) {
        throw new TSPException("the timestamp response status is " + status + ", not granted");
      }
      TimeStampToken t = response.getTimeStampToken();
      if (t == null) {
        throw new TSPException("the timestamp response carries no token");
      }
      return t;
    }
    try {
      return new TimeStampToken(ContentInfo.getInstance(encoded));
    } catch (RuntimeException e) {
      throw new TSPException("neither a TimeStampResp nor a token: " + e.getMessage(), e);
    }
  }

  private static Optional<HashAlgorithm> hashFor(ASN1ObjectIdentifier oid) {
    if (NISTObjectIdentifiers.id_sha256.equals(oid)) {
      return Optional.of(HashAlgorithm.SHA2_256);
    }
    if (NISTObjectIdentifiers.id_sha384.equals(oid)) {
      return Optional.of(HashAlgorithm.SHA2_384);
    }
    if (NISTObjectIdentifiers.id_sha512.equals(oid)) {
      return Optional.of(HashAlgorithm.SHA2_512);
    }
    return Optional.empty();
  }
}
