package dev.npmauth.testkit.internal.sigstore;

import dev.npmauth.testkit.internal.http.Request;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.http.Router;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/**
 * The HTTP face of the fake Sigstore, shaped like the real services under three prefixes:
 *
 * <ul>
 *   <li>Fulcio, {@code /fulcio}: {@code POST /api/v2/signingCert} (an identity token and either a
 *       PEM public key with a proof of possession — the token's subject signed with the key — or
 *       a PEM certificate signing request), {@code GET /api/v2/trustBundle}, {@code GET
 *       /api/v2/configuration};
 *   <li>Rekor, {@code /rekor}: {@code POST /api/v1/log/entries} ({@code dsse} 0.0.1, {@code
 *       intoto} 0.0.2; 409 with {@code Location} for an entry already logged), {@code GET
 *       /api/v1/log/entries/<uuid>}, {@code GET /api/v1/log/entries?logIndex=N}, {@code GET
 *       /api/v1/log}, {@code GET /api/v1/log/publicKey};
 *   <li>the timestamp authority, {@code /tsa}: {@code POST /api/v1/timestamp} (a DER {@code
 *       application/timestamp-query}, or sigstore-js's JSON {@code {artifactHash, hashAlgorithm}}),
 *       {@code GET /api/v1/timestamp/certchain};
 * </ul>
 *
 * and {@code GET /trusted_root.json}.
 *
 * <p>Internal to the testkit; not API.
 */
public final class SigstoreRoutes {
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private SigstoreRoutes() {}

  public static Router build(SigstoreServices s) {
    return new Router()
        .add(Route.of("POST", "/fulcio/api/v2/signingCert", r -> signingCert(s, r)))
        .add(Route.of("GET", "/fulcio/api/v2/trustBundle", r -> trustBundle(s)))
        .add(Route.of("GET", "/fulcio/api/v2/configuration", r -> Response.json(200, Json.object("issuers",
            s.issuers().issuerUrls().stream().map(i -> (Object) Json.object("issuerUrl", i,
                "audience", FulcioIssuers.AUDIENCE, "challengeClaim", "sub")).toList()))))
        .add(Route.of("POST", "/rekor/api/v1/log/entries", r -> createEntry(s, r)))
        .add(Route.of("GET", "/rekor/api/v1/log/entries", r -> entryByIndex(s, r)))
        .add(Route.of("GET", "/rekor/api/v1/log/entries/(?<uuid>[0-9a-fA-F]{64,80})", r -> entry(s, r)))
        .add(Route.of("GET", "/rekor/api/v1/log", r -> Response.json(200, s.rekor().logInfo(s.clock().instant()))))
        .add(Route.of("GET", "/rekor/api/v1/log/publicKey", r -> Response.bytes(200, "application/x-pem-file",
            SigningKeys.pem("PUBLIC KEY", s.rekor().publicKey()).getBytes(StandardCharsets.UTF_8))))
        .add(Route.of("POST", "/tsa/api/v1/timestamp", r -> timestamp(s, r)))
        .add(Route.of("GET", "/tsa/api/v1/timestamp/certchain", r -> pemChain(s.tsa().chain())))
        .add(Route.of("GET", "/trusted_root.json", r -> Response.json(200, s.trustedRoot())));
  }

  private static Response signingCert(SigstoreServices s, Request r) throws IOException {
    Map<String, Object> body = jsonBody(r, true);
    String token = Json.asObject(body.get("credentials"))
        .flatMap(c -> Json.asString(c.get("oidcIdentityToken")))
        .filter(t -> !t.isBlank())
        .orElseThrow(() -> SigstoreErrors.fulcio(400, "credentials.oidcIdentityToken is missing"));
    Instant now = s.clock().instant();
    FulcioIssuers.Verified verified = s.issuers().verify(token, now);
    String subject = challengeSubject(verified);
    PublicKey key;
    Object keyRequest = body.get("publicKeyRequest");
    Object csr = body.get("certificateSigningRequest");
    if (keyRequest instanceof Map<?, ?> kr) {
      String pem = Json.asObject(kr.get("publicKey")).flatMap(k -> Json.asString(k.get("content")))
          .orElseThrow(() -> SigstoreErrors.fulcio(400, "publicKeyRequest.publicKey.content (PEM) is missing"));
      byte[] der = fulcioPem(pem);
      key = Pem.publicKey(der);
      String pop = Json.asString(kr.get("proofOfPossession"))
          .orElseThrow(() -> SigstoreErrors.fulcio(400, "publicKeyRequest.proofOfPossession is missing"));
      byte[] popBytes;
      try {
        popBytes = Base64.getDecoder().decode(pop);
      } catch (IllegalArgumentException e) {
        throw SigstoreErrors.fulcio(400, "proofOfPossession is not base64");
      }
      if (!Pem.verify(key, subject.getBytes(StandardCharsets.UTF_8), popBytes)) {
        throw SigstoreErrors.fulcio(400, "The signature supplied in the request could not be verified:"
            + " proofOfPossession must be the token's subject signed with the requested key");
      }
    } else if (csr instanceof String csrText) {
      key = csrKey(csrText);
    } else {
      throw SigstoreErrors.fulcio(400, "give publicKeyRequest or certificateSigningRequest");
    }
    if (!"EC".equals(key.getAlgorithm()) && !"RSA".equals(key.getAlgorithm())) {
      throw SigstoreErrors.fulcio(400, "unsupported key algorithm " + key.getAlgorithm());
    }
    FulcioAuthority.Identity identity = FulcioIdentities.of(verified);
    List<byte[]> chain = s.fulcio().issue(identity, key, now);
    s.recordIssued(new SigstoreServices.IssuedLeaf(chain.get(0), identity.subjectAlternativeName(),
        verified.issuer(), now));
    List<Object> pems = new ArrayList<>();
    for (byte[] der : chain) {
      pems.add(SigningKeys.pem("CERTIFICATE", der));
    }
    return Response.json(201, Json.object("signedCertificateEmbeddedSct",
        Json.object("chain", Json.object("certificates", pems))));
  }

  /** What the proof of possession signs: a verified email, else the subject. */
  private static String challengeSubject(FulcioIssuers.Verified v) {
    Object email = v.claims().getClaim("email");
    if (email instanceof String e && !e.isEmpty()) {
      if (!Boolean.TRUE.equals(v.claims().getClaim("email_verified"))) {
        throw SigstoreErrors.fulcio(400, "the identity token's email is not verified");
      }
      return e;
    }
    String sub = v.claims().getSubject();
    if (sub == null || sub.isEmpty()) {
      throw SigstoreErrors.fulcio(400, "the identity token has no sub claim to prove possession over");
    }
    return sub;
  }

  private static byte[] fulcioPem(String pem) {
    try {
      return Pem.decode(pem);
    } catch (RuntimeException e) {
      throw SigstoreErrors.fulcio(400, "publicKeyRequest.publicKey.content is not a PEM public key");
    }
  }

  private static PublicKey csrKey(String csrText) {
    try {
      String pem = csrText.contains("-----BEGIN")
          ? csrText : new String(Base64.getDecoder().decode(csrText), StandardCharsets.UTF_8);
      byte[] der;
      try (org.bouncycastle.util.io.pem.PemReader reader =
               new org.bouncycastle.util.io.pem.PemReader(new java.io.StringReader(pem))) {
        der = reader.readPemObject().getContent();
      }
      PKCS10CertificationRequest request = new PKCS10CertificationRequest(der);
      PublicKey key = Pem.publicKey(request.getSubjectPublicKeyInfo().getEncoded());
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw SigstoreErrors.fulcio(400, "the certificate signing request's signature does not verify");
      }
      return key;
    } catch (IOException | RuntimeException | org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.pkcs.PKCSException e) {
      if (e instanceof dev.npmauth.testkit.internal.http.HttpError h) {
        throw h;
      }
      throw SigstoreErrors.fulcio(400, "certificateSigningRequest is not a PEM PKCS#10 request ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  private static Response trustBundle(SigstoreServices s) {
    List<Object> pems = new ArrayList<>();
    for (byte[] der : s.fulcio().caChain()) {
      pems.add(SigningKeys.pem("CERTIFICATE", der));
    }
    return Response.json(200, Json.object("chains", List.of(Json.object("certificates", pems))));
  }

  private static Response createEntry(SigstoreServices s, Request r) throws IOException {
    Map<String, Object> proposed = jsonBody(r, false);
    RekorEntries.Canonical canonical = RekorEntries.canonicalize(proposed);
    Instant now = s.clock().instant();
    RekorLog.Appended appended = s.rekor().append(canonical.kind(), canonical.apiVersion(), canonical.body(), now);
    String location = s.rekorUrl().getPath() + "/api/v1/log/entries/" + appended.entry().uuid();
    if (!appended.created()) {
      String message = "an equivalent entry already exists in the transparency log with UUID "
          + appended.entry().uuid();
      return Response.json(409, Json.object("code", 409, "message", message)).header("location", location);
    }
    return Response.json(201, s.rekor().answer(appended.entry(), now))
        .header("location", location)
        .header("etag", appended.entry().uuid());
  }

  private static Response entry(SigstoreServices s, Request r) {
    RekorLog.Entry e = s.rekor().byUuid(r.pathGroup("uuid"))
        .orElseThrow(() -> SigstoreErrors.rekor(404, "no entry with UUID " + r.pathGroup("uuid")));
    return Response.json(200, s.rekor().answer(e, s.clock().instant()));
  }

  private static Response entryByIndex(SigstoreServices s, Request r) {
    String index = r.queryParameter("logIndex")
        .orElseThrow(() -> SigstoreErrors.rekor(400, "give ?logIndex=N or /entries/<uuid>"));
    long i;
    try {
      i = Long.parseLong(index);
    } catch (NumberFormatException e) {
      throw SigstoreErrors.rekor(400, "logIndex is not a number");
    }
    RekorLog.Entry e = s.rekor().byIndex(i)
        .orElseThrow(() -> SigstoreErrors.rekor(404, "no entry at log index " + index));
    return Response.json(200, s.rekor().answer(e, s.clock().instant()));
  }

  private static Response timestamp(SigstoreServices s, Request r) throws IOException {
    String type = r.header("content-type").orElse("");
    TimeStampRequest request;
    if (type.startsWith("application/json")) {
      Map<String, Object> body = jsonBody(r, false);
      String hashAlgorithm = Json.asString(body.get("hashAlgorithm")).orElse("sha256");
      if (!"sha256".equalsIgnoreCase(hashAlgorithm)) {
        throw SigstoreErrors.rekor(400, "the fake timestamp authority takes sha256 only");
      }
      byte[] hash = RekorEntries.base64(Json.asString(body.get("artifactHash"))
          .orElseThrow(() -> SigstoreErrors.rekor(400, "artifactHash is missing")), "artifactHash");
      TimeStampRequestGenerator g = new TimeStampRequestGenerator();
      g.setCertReq(!Boolean.FALSE.equals(body.get("certificates")));
      Object nonce = body.get("nonce");
      request = nonce == null ? g.generate(TSPAlgorithms.SHA256, hash)
          : g.generate(TSPAlgorithms.SHA256, hash, new BigInteger(String.valueOf(nonce)));
    } else {
      try {
        request = new TimeStampRequest(readBody(r));
      } catch (IOException | RuntimeException e) {
        throw SigstoreErrors.rekor(400, "the body is not a DER TimeStampReq (application/timestamp-query)");
      }
    }
    return Response.bytes(200, "application/timestamp-reply", s.tsa().stamp(request, s.clock().instant()));
  }

  private static Response pemChain(List<byte[]> chain) {
    StringBuilder pem = new StringBuilder();
    for (byte[] der : chain) {
      pem.append(SigningKeys.pem("CERTIFICATE", der));
    }
    return Response.bytes(200, "application/pem-certificate-chain", pem.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> jsonBody(Request r, boolean fulcio) throws IOException {
    byte[] bytes = readBody(r);
    try {
      return Json.asObject(Json.parse(new String(bytes, StandardCharsets.UTF_8)))
          .orElseThrow(() -> new IOException("not an object"));
    } catch (IOException e) {
      String message = "the body is not a JSON object";
      throw fulcio ? SigstoreErrors.fulcio(400, message) : SigstoreErrors.rekor(400, message);
    }
  }

  private static byte[] readBody(Request r) throws IOException {
    InputStream in = r.body();
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw SigstoreErrors.rekor(413, "the body is larger than " + MAX_BODY + " bytes");
    }
    return bytes;
  }
}
