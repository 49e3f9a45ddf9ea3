package dev.npmauth.testkit.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import dev.npmauth.testkit.CiProvider;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.IdTokenSpec;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fake Sigstore's services, driven over HTTP as Sigstore clients drive the real ones, and its
 * answers checked from the formats (X.509, RFC 6962, signed notes, RFC 3161) with BouncyCastle and
 * the JDK only.
 */
@Tag("fake")
class FakeSigstoreTest {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final String GITHUB = "https://token.actions.githubusercontent.com";
  static final GitHubRun RUN = GitHubRun.of("acme/widgets", "release.yml");

  private static FakeRegistry registry;
  private static FakeSigstore sigstore;
  private static Map<String, Object> root;

  @BeforeAll
  static void start() throws Exception {
    registry = FakeRegistry.builder().sigstore(true).start();
    sigstore = registry.sigstore().orElseThrow();
    root = json(sigstore.trustedRootJson());
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) throws Exception {
    return (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(text);
  }

  static String toJson(Object value) {
    return MOSHI.adapter(Object.class).toJson(value);
  }

  static HttpResponse<String> post(URI url, String contentType, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(url).header("content-type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(URI url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static byte[] sign(KeyPair key, byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(data);
    return s.sign();
  }

  static boolean verify(PublicKey key, byte[] data, byte[] sig) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(key);
    s.update(data);
    return s.verify(sig);
  }

  static String pem(String type, byte[] der) throws Exception {
    StringWriter w = new StringWriter();
    try (PemWriter pw = new PemWriter(w)) {
      pw.writeObject(new PemObject(type, der));
    }
    return w.toString();
  }

  static byte[] der(String pem) throws Exception {
    try (PemReader r = new PemReader(new StringReader(pem))) {
      return r.readPemObject().getContent();
    }
  }

  static X509Certificate cert(byte[] der) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  static String subjectOf(String jwt) throws Exception {
    return (String) json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8)).get("sub");
  }

  static String sigstoreToken() {
    return registry.idTokens().mint(IdTokenSpec.github(RUN).audience("sigstore"));
  }

  static HttpResponse<String> signingCert(String token, KeyPair key, byte[] proof) throws Exception {
    String request = toJson(Map.of(
        "credentials", Map.of("oidcIdentityToken", token),
        "publicKeyRequest", Map.of(
            "publicKey", Map.of("algorithm", "ECDSA", "content", pem("PUBLIC KEY", key.getPublic().getEncoded())),
            "proofOfPossession", Base64.getEncoder().encodeToString(proof))));
    return post(URI.create(sigstore.fulcioUrl() + "/api/v2/signingCert"), "application/json",
        request.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static List<X509Certificate> chain(HttpResponse<String> answer) throws Exception {
    Map<String, Object> body = json(answer.body());
    List<String> pems = (List<String>) ((Map<String, Object>) ((Map<String, Object>)
        body.get("signedCertificateEmbeddedSct")).get("chain")).get("certificates");
    List<X509Certificate> out = new ArrayList<>();
    for (String p : pems) {
      out.add(cert(der(p)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static byte[] rootBytes(String list, int index, String... path) {
    Object o = ((List<Object>) root.get(list)).get(index);
    for (String p : path) {
      o = o instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) o).get(p);
    }
    return Base64.getDecoder().decode((String) o);
  }

  static PublicKey ecPublic(byte[] spki) throws Exception {
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
  }

  @Test
  void fulcioCertifiesTheKeyForTheWorkflowWithFulcioExtensionsAndAnEmbeddedSct() throws Exception {
    KeyPair key = ecKey();
    String token = sigstoreToken();
    HttpResponse<String> answer = signingCert(token, key, sign(key, subjectOf(token).getBytes(StandardCharsets.UTF_8)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    List<X509Certificate> chain = chain(answer);
    assertThat(chain).hasSize(3);
    X509Certificate leaf = chain.get(0);
    assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(key.getPublic().getEncoded());
    leaf.verify(chain.get(1).getPublicKey());
    chain.get(1).verify(chain.get(2).getPublicKey());
    chain.get(2).verify(chain.get(2).getPublicKey());
    assertThat(chain.get(1).getEncoded()).isEqualTo(rootBytes("certificateAuthorities", 0, "certChain", "certificates", "0", "rawBytes"));
    assertThat(chain.get(2).getEncoded()).isEqualTo(rootBytes("certificateAuthorities", 0, "certChain", "certificates", "1", "rawBytes"));
    assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant())).isEqualTo(Duration.ofMinutes(10));
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
    assertThat(leaf.getSubjectAlternativeNames()).containsExactly(
        List.of(6, "https://github.com/acme/widgets/.github/workflows/release.yml@refs/heads/main"));
    // .1 is the raw issuer; .8 and later are DER UTF8String.
    assertThat(new String(ASN1OctetString.getInstance(leaf.getExtensionValue("1.3.6.1.4.1.57264.1.1")).getOctets(),
        StandardCharsets.UTF_8)).isEqualTo(GITHUB);
    assertThat(utf8Extension(leaf, 8)).isEqualTo(GITHUB);
    assertThat(utf8Extension(leaf, 12)).isEqualTo("https://github.com/acme/widgets");
    assertThat(utf8Extension(leaf, 14)).isEqualTo("refs/heads/main");
    assertThat(utf8Extension(leaf, 11)).isEqualTo("github-hosted");
    assertThat(utf8Extension(leaf, 21)).startsWith("https://github.com/acme/widgets/actions/runs/").endsWith("/attempts/1");
    assertThat(leaf.getExtensionValue("1.3.6.1.4.1.11129.2.4.2")).as("embedded SCT list").isNotNull();
    verifySct(leaf, chain.get(1));
    assertThat(sigstore.issuedCertificates()).anySatisfy(c ->
        assertThat(c.subjectAlternativeName()).isEqualTo("https://github.com/acme/widgets/.github/workflows/release.yml@refs/heads/main"));
  }

  static String utf8Extension(X509Certificate c, int oid) {
    byte[] v = c.getExtensionValue("1.3.6.1.4.1.57264.1." + oid);
    return ASN1UTF8String.getInstance(ASN1OctetString.getInstance(v).getOctets()).getString();
  }

  /** RFC 6962 section 3.2, over the leaf's TBS without the SCT extension, with the CT key of the trusted root. */
  static void verifySct(X509Certificate leaf, X509Certificate issuer) throws Exception {
    byte[] list = ASN1OctetString.getInstance(ASN1OctetString.getInstance(
        leaf.getExtensionValue("1.3.6.1.4.1.11129.2.4.2")).getOctets()).getOctets();
    int total = ((list[0] & 0xff) << 8) | (list[1] & 0xff);
    assertThat(total).isEqualTo(list.length - 2);
    int len = ((list[2] & 0xff) << 8) | (list[3] & 0xff);
    byte[] sct = Arrays.copyOfRange(list, 4, 4 + len);
    byte[] ctKey = rootBytes("ctlogs", 0, "publicKey", "rawBytes");
    assertThat(Arrays.copyOfRange(sct, 1, 33)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(ctKey));
    byte[] timestamp = Arrays.copyOfRange(sct, 33, 41);
    int sigLen = ((sct[45] & 0xff) << 8) | (sct[46] & 0xff);
    byte[] sig = Arrays.copyOfRange(sct, 47, 47 + sigLen);
    X509CertificateHolder holder = new X509CertificateHolder(leaf.getEncoded());
    var tbs = holder.toASN1Structure().getTBSCertificate();
    var without = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
    for (var oid : holder.getExtensions().getExtensionOIDs()) {
      if (!oid.getId().equals("1.3.6.1.4.1.11129.2.4.2")) {
        without.addExtension(holder.getExtension(oid));
      }
    }
    var v3 = new org.bouncycastle.asn1.x509.V3TBSCertificateGenerator();
    v3.setSerialNumber(tbs.getSerialNumber());
    v3.setSignature(tbs.getSignature());
    v3.setIssuer(tbs.getIssuer());
    v3.setStartDate(tbs.getStartDate());
    v3.setEndDate(tbs.getEndDate());
    v3.setSubject(tbs.getSubject());
    v3.setSubjectPublicKeyInfo(tbs.getSubjectPublicKeyInfo());
    v3.setExtensions(without.generate());
    byte[] preTbs = v3.generateTBSCertificate().getEncoded();
    var signed = new java.io.ByteArrayOutputStream();
    signed.write(new byte[] {0, 0});
    signed.write(timestamp);
    signed.write(new byte[] {0, 1});
    signed.write(MessageDigest.getInstance("SHA-256").digest(issuer.getPublicKey().getEncoded()));
    signed.write(new byte[] {(byte) (preTbs.length >> 16), (byte) (preTbs.length >> 8), (byte) preTbs.length});
    signed.write(preTbs);
    signed.write(new byte[] {0, 0});
    assertThat(verify(ecPublic(ctKey), signed.toByteArray(), sig)).as("SCT signature").isTrue();
  }

  @Test
  void fulcioAcceptsACertificateSigningRequestAsProofOfPossession() throws Exception {
    KeyPair key = ecKey();
    var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=ignored"), key.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    String request = toJson(Map.of("credentials", Map.of("oidcIdentityToken", sigstoreToken()),
        "certificateSigningRequest", Base64.getEncoder().encodeToString(
            pem("CERTIFICATE REQUEST", csr.getEncoded()).getBytes(StandardCharsets.UTF_8))));
    HttpResponse<String> answer = post(URI.create(sigstore.fulcioUrl() + "/api/v2/signingCert"), "application/json",
        request.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    assertThat(chain(answer).get(0).getPublicKey().getEncoded()).isEqualTo(key.getPublic().getEncoded());
  }

  @Test
  void fulcioRefusesTokensItCannotTrustAndProofsThatDoNotVerify() throws Exception {
    KeyPair key = ecKey();
    String npmToken = registry.idTokens().mint(IdTokenSpec.github(RUN));
    HttpResponse<String> wrongAudience = signingCert(npmToken, key, sign(key, subjectOf(npmToken).getBytes(StandardCharsets.UTF_8)));
    assertThat(wrongAudience.statusCode()).isEqualTo(401);
    assertThat(json(wrongAudience.body()).get("message").toString()).contains("audience").doesNotContain(npmToken);

    String rogue = registry.idTokens().mint(IdTokenSpec.github(RUN).audience("sigstore").signedWithUnknownKey());
    assertThat(signingCert(rogue, key, sign(key, subjectOf(rogue).getBytes(StandardCharsets.UTF_8))).statusCode())
        .isEqualTo(401);

    String expired = registry.idTokens().mint(IdTokenSpec.github(RUN).audience("sigstore").expired());
    assertThat(json(signingCert(expired, key, sign(key, subjectOf(expired).getBytes(StandardCharsets.UTF_8))).body())
        .get("message").toString()).contains("expired");

    String token = sigstoreToken();
    HttpResponse<String> badProof = signingCert(token, key, sign(key, "someone else".getBytes(StandardCharsets.UTF_8)));
    assertThat(badProof.statusCode()).isEqualTo(400);
    assertThat(json(badProof.body()).get("message").toString()).contains("could not be verified");

    KeyPair other = ecKey();
    assertThat(signingCert(token, key, sign(other, subjectOf(token).getBytes(StandardCharsets.UTF_8))).statusCode())
        .isEqualTo(400);
  }

  @Test
  void gitLabTokensGetTheConfigRefUriAsIdentity() throws Exception {
    KeyPair key = ecKey();
    String token = registry.gitlabRun(GitLabRun.of("acme/widgets", ".gitlab-ci.yml")).get("SIGSTORE_ID_TOKEN");
    HttpResponse<String> answer = signingCert(token, key, sign(key, subjectOf(token).getBytes(StandardCharsets.UTF_8)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    X509Certificate leaf = chain(answer).get(0);
    assertThat(leaf.getSubjectAlternativeNames()).containsExactly(
        List.of(6, "https://gitlab.com/acme/widgets//.gitlab-ci.yml@refs/heads/main"));
    assertThat(utf8Extension(leaf, 8)).isEqualTo("https://gitlab.com");
    assertThat(utf8Extension(leaf, 12)).isEqualTo("https://gitlab.com/acme/widgets");
    assertThat(utf8Extension(leaf, 14)).isEqualTo("refs/heads/main");
  }

  @Test
  void circleCiIsNotAFulcioIssuerHere() {
    assertThatThrownBy(() -> FakeSigstore.builder().trustIssuer(CiProvider.CIRCLECI, "https://oidc.circleci.com/org/x", "{\"keys\":[]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CircleCI");
  }

  /** An envelope signed with a Fulcio key, and the dsse proposal for it. */
  record Proposal(String envelope, byte[] payload, byte[] signature, String body) {}

  static Proposal dsseProposal(String statement) throws Exception {
    KeyPair key = ecKey();
    String token = sigstoreToken();
    X509Certificate leaf = chain(signingCert(token, key, sign(key, subjectOf(token).getBytes(StandardCharsets.UTF_8)))).get(0);
    byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
    String type = "application/vnd.in-toto+json";
    byte[] pae = ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " " + statement).getBytes(StandardCharsets.UTF_8);
    byte[] signature = sign(key, pae);
    String envelope = toJson(Map.of("payload", Base64.getEncoder().encodeToString(payload), "payloadType", type,
        "signatures", List.of(Map.of("sig", Base64.getEncoder().encodeToString(signature), "keyid", ""))));
    String body = toJson(Map.of("apiVersion", "0.0.1", "kind", "dsse", "spec", Map.of("proposedContent", Map.of(
        "envelope", envelope, "verifiers", List.of(Base64.getEncoder().encodeToString(
            pem("CERTIFICATE", leaf.getEncoded()).getBytes(StandardCharsets.UTF_8)))))));
    return new Proposal(envelope, payload, signature, body);
  }

  @Test
  @SuppressWarnings("unchecked")
  void rekorLogsDsseEntriesWithASignedEntryTimestampAndAnInclusionProofToASignedCheckpoint() throws Exception {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Proposal p = dsseProposal("{\"_type\":\"https://in-toto.io/Statement/v1\",\"n\":" + i + "}");
      HttpResponse<String> answer = post(URI.create(sigstore.rekorUrl() + "/api/v1/log/entries"), "application/json",
          p.body().getBytes(StandardCharsets.UTF_8));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
      Map<String, Object> entry = (Map<String, Object>) json(answer.body()).values().iterator().next();
      entries.add(entry);
      byte[] body = Base64.getDecoder().decode((String) entry.get("body"));
      Map<String, Object> canonical = json(new String(body, StandardCharsets.UTF_8));
      assertThat(new String(body, StandardCharsets.UTF_8)).as("canonical JSON").isEqualTo(canonicalJson(canonical));
      assertThat(canonical.get("kind")).isEqualTo("dsse");
      Map<String, Object> spec = (Map<String, Object>) canonical.get("spec");
      assertThat(((Map<String, Object>) spec.get("payloadHash")).get("value"))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(p.payload())));
      assertThat(((Map<String, Object>) spec.get("envelopeHash")).get("value")).isEqualTo(HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(p.envelope().getBytes(StandardCharsets.UTF_8))));
      Map<String, Object> sig = ((List<Map<String, Object>>) spec.get("signatures")).get(0);
      assertThat(Base64.getDecoder().decode((String) sig.get("signature"))).isEqualTo(p.signature());
      verifySetAndProof(entry, body);
    }
    // Proofs of earlier entries against the current tree (GET) verify too.
    for (Map<String, Object> e : entries) {
      HttpResponse<String> again = get(URI.create(sigstore.rekorUrl() + "/api/v1/log/entries?logIndex=" + ((Number) e.get("logIndex")).longValue()));
      assertThat(again.statusCode()).isEqualTo(200);
      Map<String, Object> current = (Map<String, Object>) json(again.body()).values().iterator().next();
      verifySetAndProof(current, Base64.getDecoder().decode((String) current.get("body")));
    }
    Map<String, Object> info = json(get(URI.create(sigstore.rekorUrl() + "/api/v1/log")).body());
    assertThat(((Number) info.get("treeSize")).longValue()).isEqualTo(sigstore.logEntries().size());
  }

  @SuppressWarnings("unchecked")
  static void verifySetAndProof(Map<String, Object> entry, byte[] body) throws Exception {
    PublicKey rekorKey = ecPublic(rootBytes("tlogs", 0, "publicKey", "rawBytes"));
    byte[] logId = rootBytes("tlogs", 0, "logId", "keyId");
    assertThat(entry.get("logID")).isEqualTo(HexFormat.of().formatHex(logId));
    Map<String, Object> setPayload = new TreeMap<>();
    setPayload.put("body", entry.get("body"));
    setPayload.put("integratedTime", ((Number) entry.get("integratedTime")).longValue());
    setPayload.put("logID", entry.get("logID"));
    setPayload.put("logIndex", ((Number) entry.get("logIndex")).longValue());
    Map<String, Object> verification = (Map<String, Object>) entry.get("verification");
    assertThat(verify(rekorKey, canonicalJson(setPayload).getBytes(StandardCharsets.UTF_8),
        Base64.getDecoder().decode((String) verification.get("signedEntryTimestamp")))).as("SET").isTrue();

    Map<String, Object> proof = (Map<String, Object>) verification.get("inclusionProof");
    long index = ((Number) proof.get("logIndex")).longValue();
    long size = ((Number) proof.get("treeSize")).longValue();
    List<byte[]> hashes = new ArrayList<>();
    for (Object h : (List<Object>) proof.get("hashes")) {
      hashes.add(HexFormat.of().parseHex((String) h));
    }
    byte[] rootHash = rootFromProof(index, size, sha256(new byte[] {0}, body), hashes);
    assertThat(HexFormat.of().formatHex(rootHash)).isEqualTo(proof.get("rootHash"));

    String checkpoint = (String) proof.get("checkpoint");
    int split = checkpoint.indexOf("\n\n");
    String note = checkpoint.substring(0, split + 1);
    String[] lines = note.split("\n");
    String name = sigstore.rekorUrl().getHost() + ":" + sigstore.rekorUrl().getPort();
    assertThat(lines[0]).startsWith(name + " - ");
    assertThat(Long.parseLong(lines[1])).isEqualTo(size);
    assertThat(Base64.getDecoder().decode(lines[2])).isEqualTo(rootHash);
    assertThat(lines[3]).startsWith("Timestamp: ");
    String sigLine = checkpoint.substring(split + 2).strip();
    assertThat(sigLine).startsWith("\u2014 " + name + " ");
    byte[] blob = Base64.getDecoder().decode(sigLine.substring(sigLine.lastIndexOf(' ') + 1));
    assertThat(Arrays.copyOf(blob, 4)).isEqualTo(Arrays.copyOf(logId, 4));
    assertThat(verify(rekorKey, note.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, blob.length)))
        .as("checkpoint signature").isTrue();
  }

  /** RFC 9162 section 2.1.3.2. */
  static byte[] rootFromProof(long index, long size, byte[] leaf, List<byte[]> path) throws Exception {
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf;
    for (byte[] p : path) {
      assertThat(sn).isNotZero();
      if ((fn & 1) == 1 || fn == sn) {
        r = sha256(new byte[] {1}, p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = sha256(new byte[] {1}, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    assertThat(sn).isZero();
    return r;
  }

  static byte[] sha256(byte[]... parts) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  /** Keys sorted, no spaces (values here are strings, numbers, objects and arrays only). */
  @SuppressWarnings("unchecked")
  static String canonicalJson(Object value) {
    if (value instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      new TreeMap<>((Map<String, Object>) m).forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "")
          .append(MOSHI.adapter(String.class).toJson(k)).append(':').append(canonicalJson(v)));
      return sb.append('}').toString();
    }
    if (value instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : l) {
        sb.append(sb.length() > 1 ? "," : "").append(canonicalJson(o));
      }
      return sb.append(']').toString();
    }
    if (value instanceof Number n) {
      return String.valueOf(n.longValue());
    }
    return MOSHI.adapter(Object.class).toJson(value);
  }

  @Test
  void anEntryLoggedTwiceIsAConflictThatNamesTheEntry() throws Exception {
    Proposal p = dsseProposal("{\"twice\":true}");
    URI entries = URI.create(sigstore.rekorUrl() + "/api/v1/log/entries");
    HttpResponse<String> first = post(entries, "application/json", p.body().getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> second = post(entries, "application/json", p.body().getBytes(StandardCharsets.UTF_8));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(409);
    String location = second.headers().firstValue("location").orElseThrow();
    assertThat(location).isEqualTo(first.headers().firstValue("location").orElseThrow());
    HttpResponse<String> fetched = get(sigstore.url().resolve(location));
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(json(fetched.body()).keySet()).isEqualTo(json(first.body()).keySet());
  }

  @Test
  void rekorRefusesEnvelopesWhoseSignatureDoesNotVerify() throws Exception {
    Proposal p = dsseProposal("{\"ok\":true}");
    String forged = p.body().replace(Base64.getEncoder().encodeToString(p.payload()),
        Base64.getEncoder().encodeToString("{\"ok\":false}".getBytes(StandardCharsets.UTF_8)));
    assertThat(forged).isNotEqualTo(p.body());
    HttpResponse<String> answer = post(URI.create(sigstore.rekorUrl() + "/api/v1/log/entries"), "application/json",
        forged.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer.body()).get("message").toString()).contains("does not verify");
  }

  @Test
  @SuppressWarnings("unchecked")
  void rekorTakesIntotoEntriesAsSigstoreJsProposesThem() throws Exception {
    KeyPair key = ecKey();
    String token = sigstoreToken();
    X509Certificate leaf = chain(signingCert(token, key, sign(key, subjectOf(token).getBytes(StandardCharsets.UTF_8)))).get(0);
    String statement = "{\"intoto\":true}";
    String type = "application/vnd.in-toto+json";
    byte[] signature = sign(key, ("DSSEv1 " + type.length() + " " + type + " " + statement.length() + " " + statement)
        .getBytes(StandardCharsets.UTF_8));
    Base64.Encoder b64 = Base64.getEncoder();
    String certPem = b64.encodeToString(pem("CERTIFICATE", leaf.getEncoded()).getBytes(StandardCharsets.UTF_8));
    String sigTwice = b64.encodeToString(b64.encodeToString(signature).getBytes(StandardCharsets.US_ASCII));
    String body = toJson(Map.of("apiVersion", "0.0.2", "kind", "intoto", "spec", Map.of("content", Map.of(
        "envelope", Map.of("payloadType", type,
            "payload", b64.encodeToString(b64.encodeToString(statement.getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII)),
            "signatures", List.of(Map.of("sig", sigTwice, "publicKey", certPem))),
        "payloadHash", Map.of("algorithm", "sha256", "value", HexFormat.of().formatHex(
            sha256(statement.getBytes(StandardCharsets.UTF_8))))))));
    HttpResponse<String> answer = post(URI.create(sigstore.rekorUrl() + "/api/v1/log/entries"), "application/json",
        body.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    Map<String, Object> entry = (Map<String, Object>) json(answer.body()).values().iterator().next();
    Map<String, Object> canonical = json(new String(Base64.getDecoder().decode((String) entry.get("body")), StandardCharsets.UTF_8));
    assertThat(canonical.get("kind")).isEqualTo("intoto");
    Map<String, Object> envelope = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        canonical.get("spec")).get("content")).get("envelope");
    assertThat(envelope).doesNotContainKey("payload");
    assertThat(((List<Map<String, Object>>) envelope.get("signatures")).get(0)).containsEntry("sig", sigTwice)
        .containsEntry("publicKey", certPem);
    verifySetAndProof(entry, Base64.getDecoder().decode((String) entry.get("body")));
  }

  @Test
  void theTimestampAuthorityAnswersRfc3161RequestsInDerAndJson() throws Exception {
    byte[] digest = sha256("a signature".getBytes(StandardCharsets.UTF_8));
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(true);
    TimeStampRequest request = g.generate(TSPAlgorithms.SHA256, digest, BigInteger.valueOf(4242));
    HttpResponse<byte[]> der = HTTP.send(HttpRequest.newBuilder(URI.create(sigstore.timestampAuthorityUrl() + "/api/v1/timestamp"))
        .header("content-type", "application/timestamp-query")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(der.statusCode()).isEqualTo(200);
    TimeStampResponse response = new TimeStampResponse(der.body());
    response.validate(request);
    X509Certificate tsaLeaf = cert(rootBytes("timestampAuthorities", 0, "certChain", "certificates", "0", "rawBytes"));
    X509Certificate tsaRoot = cert(rootBytes("timestampAuthorities", 0, "certChain", "certificates", "1", "rawBytes"));
    tsaLeaf.verify(tsaRoot.getPublicKey());
    assertThat(tsaLeaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    response.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaLeaf));

    HttpResponse<byte[]> fromJson = HTTP.send(HttpRequest.newBuilder(URI.create(sigstore.timestampAuthorityUrl() + "/api/v1/timestamp"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(toJson(Map.of("artifactHash", Base64.getEncoder().encodeToString(digest),
            "hashAlgorithm", "sha256")))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(fromJson.statusCode()).isEqualTo(200);
    TimeStampResponse second = new TimeStampResponse(fromJson.body());
    assertThat(second.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
    second.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaLeaf));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTrustedRootNamesEveryServiceAndTheRegistrysLogAndIsServedAndWritten() throws Exception {
    assertThat(root.get("mediaType")).isEqualTo("application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    List<Map<String, Object>> tlogs = (List<Map<String, Object>>) root.get("tlogs");
    assertThat(tlogs).hasSize(2);
    assertThat(tlogs.get(0).get("baseUrl")).isEqualTo(sigstore.rekorUrl().toString());
    assertThat(tlogs.get(1)).isEqualTo(((List<Object>) json(registry.sigstoreTrustedRoot()).get("tlogs")).get(0));
    assertThat(((List<Object>) root.get("ctlogs"))).isNotEmpty();
    assertThat(((List<Map<String, Object>>) root.get("certificateAuthorities")).get(0).get("uri"))
        .isEqualTo(sigstore.fulcioUrl().toString());
    assertThat(((List<Map<String, Object>>) root.get("timestampAuthorities")).get(0).get("uri"))
        .isEqualTo(sigstore.timestampAuthorityUrl().toString());
    assertThat(json(get(sigstore.url().resolve("trusted_root.json")).body())).isEqualTo(root);
    assertThat(json(Files.readString(sigstore.trustedRootFile()))).isEqualTo(root);
    assertThat(new String(sigstore.trustedRoot(), StandardCharsets.UTF_8)).isEqualTo(sigstore.trustedRootJson());
  }

  @Test
  void aStandaloneSigstoreWritesItsRootWhereAskedKeepsItAndInjectsFaults(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("roots/trusted_root.json");
    Path temp;
    try (FakeSigstore own = FakeSigstore.builder().trustedRootFile(file)
        .trustIssuer(CiProvider.GITHUB, GITHUB, registry.idTokens().jwks(CiProvider.GITHUB)).start();
         FakeSigstore other = FakeSigstore.builder().start()) {
      assertThat(json(Files.readString(file))).isEqualTo(json(own.trustedRootJson()));
      temp = other.trustedRootFile();
      assertThat(temp).exists();
      own.inject(Fault.on("POST", "/fulcio/api/v2/signingCert").status(503).once());
      KeyPair key = ecKey();
      String token = sigstoreToken();
      String request = toJson(Map.of("credentials", Map.of("oidcIdentityToken", token), "publicKeyRequest", Map.of(
          "publicKey", Map.of("algorithm", "ECDSA", "content", pem("PUBLIC KEY", key.getPublic().getEncoded())),
          "proofOfPossession", Base64.getEncoder().encodeToString(sign(key, subjectOf(token).getBytes(StandardCharsets.UTF_8))))));
      URI url = URI.create(own.fulcioUrl() + "/api/v2/signingCert");
      assertThat(post(url, "application/json", request.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(503);
      assertThat(post(url, "application/json", request.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
      assertThat(own.journal()).extracting(r -> r.status()).containsExactly(503, 201);
      // the other one trusts no issuer
      assertThat(post(URI.create(other.fulcioUrl() + "/api/v2/signingCert"), "application/json",
          request.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(401);
    }
    assertThat(file).exists();
    assertThat(temp).doesNotExist();
  }
}
