package dev.npmauth.testkit.internal.sigstore;

import static dev.npmauth.testkit.internal.sigstore.SigningKeys.b64;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.hex;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sha256;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.sign;
import static dev.npmauth.testkit.internal.sigstore.SigningKeys.utf8;

import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.internal.json.Json;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake registry's own Sigstore, written from the formats (Sigstore bundle and trusted root
 * JSON, DSSE, in-toto, Rekor's {@code intoto} 0.0.2 entries), not from any verifier: the same
 * {@link RekorLog}, {@link FulcioAuthority} and {@link CtLog} as the HTTP fake Sigstore, used
 * in-process (no HTTP) and named for {@code fake-sigstore.test}. It makes the registry's publish
 * attestations (DSSE signed by the registry key, bundle v0.2 with a public-key hint, as npm's
 * registry does) and, for tests, SLSA provenance bundles as {@code npm publish --provenance} on
 * GitHub Actions would attach them (bundle v0.3, keyless). {@link #trustedRoot()} names its keys.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class FakeSigstore {
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  public static final String PUBLISH_PREDICATE =
      "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";
  public static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
  static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  /** The domain the log, CA and CT log are named under (their URLs are never served). */
  private static final String DOMAIN = "fake-sigstore.test";
  /** The log's host name: its key name in checkpoints and its base URL's host. */
  private static final String REKOR_HOST = "rekor." + DOMAIN;

  private final SecureRandom random;
  private final RekorLog log;
  private final CtLog ctLog;
  private final FulcioAuthority ca;
  private final Instant start;

  /** Keys are valid from {@code start} (a day before the registry started, by its clock). */
  public FakeSigstore(SecureRandom random, Instant start) {
    this.random = random;
    this.start = start;
    this.log = new RekorLog(random, REKOR_HOST);
    this.ctLog = new CtLog(random);
    this.ca = new FulcioAuthority(random, ctLog, start, DOMAIN);
  }

  /** The trusted root ({@code trusted_root.json} shape) naming this log, CA and CT log. */
  public Map<String, Object> trustedRoot() {
    return TrustedRootJson.document(
        List.of(TrustedRootJson.log("https://" + REKOR_HOST, log.publicKey(), start)),
        List.of(TrustedRootJson.authority(ca.organization(), "fake-fulcio",
            "https://fulcio." + DOMAIN, ca.caChain(), start)),
        List.of(TrustedRootJson.log("https://ctfe." + DOMAIN, ctLog.publicKey(), start)),
        List.of());
  }

  /** The package URL npm attestations name: a scoped name's {@code @} is written {@code %40}. */
  public static String purl(String name, String version) {
    return "pkg:npm/" + (name.startsWith("@") ? "%40" + name.substring(1) : name) + "@" + version;
  }

  /**
   * The registry's publish attestation for a version: an in-toto v0.1 statement with predicate
   * {@code {name, version, registry}}, DSSE-signed by the registry key, logged at {@code time}.
   */
  public Map<String, Object> publishAttestation(KeyPair registryKey, String keyId, String name,
      String version, String sha512Hex, String registry, Instant time) {
    Map<String, Object> statement = Json.object(
        "_type", "https://in-toto.io/Statement/v0.1",
        "subject", List.of(Json.object("name", purl(name, version),
            "digest", Json.object("sha512", sha512Hex))),
        "predicateType", PUBLISH_PREDICATE,
        "predicate", Json.object("name", name, "version", version, "registry", registry));
    byte[] payload = Json.bytes(statement);
    byte[] sig = sign(registryKey.getPrivate(), RekorEntries.pae(PAYLOAD_TYPE, payload));
    String keyPem = SigningKeys.pem("PUBLIC KEY", registryKey.getPublic().getEncoded());
    Map<String, Object> entry = logged(intotoBody(payload, sig, keyId, keyPem), time);
    return Json.object(
        "mediaType", "application/vnd.dev.sigstore.bundle+json;version=0.2",
        "verificationMaterial", Json.object(
            "publicKey", Json.object("hint", keyId),
            "tlogEntries", List.of(entry),
            "timestampVerificationData", Json.object("rfc3161Timestamps", List.of())),
        "dsseEnvelope", envelope(payload, sig, keyId));
  }

  /**
   * SLSA v1 provenance for a tarball as the npm CLI makes it on GitHub Actions: the statement
   * names {@code pkg:npm/<name>@<version>} and the tarball's sha512; the signing certificate
   * carries the run's workflow identity; logged at {@code time}.
   */
  public Map<String, Object> provenance(byte[] tarball, String name, String version, GitHubRun run,
      Instant time) {
    String repoUrl = "https://github.com/" + run.repository();
    String workflowPath = ".github/workflows/" + run.workflowFile();
    String workflowRef = repoUrl + "/" + workflowPath + "@" + run.ref();
    String commit = hex(sha256(utf8(run.repository() + "@" + run.ref()))).substring(0, 40);
    String runner = run.selfHosted() ? "self-hosted" : "github-hosted";
    String invocation = repoUrl + "/actions/runs/4242/attempts/1";
    Map<String, Object> statement = Json.object(
        "_type", "https://in-toto.io/Statement/v1",
        "subject", List.of(Json.object("name", purl(name, version),
            "digest", Json.object("sha512", hex(SigningKeys.sha512(tarball))))),
        "predicateType", SLSA_V1,
        "predicate", Json.object(
            "buildDefinition", Json.object(
                "buildType",
                "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
                "externalParameters", Json.object("workflow", Json.object(
                    "ref", run.ref(), "repository", repoUrl, "path", workflowPath)),
                "internalParameters", Json.object("github", Json.object(
                    "event_name", "push", "repository_id", "4242",
                    "repository_owner_id", "4243")),
                "resolvedDependencies", List.of(Json.object(
                    "uri", "git+" + repoUrl + "@" + run.ref(),
                    "digest", Json.object("gitCommit", commit)))),
            "runDetails", Json.object(
                "builder", Json.object("id", "https://github.com/actions/runner/" + runner),
                "metadata", Json.object("invocationId", invocation))));
    Map<Integer, String> ext = new LinkedHashMap<>();
    ext.put(1, GITHUB_ISSUER);
    ext.put(8, GITHUB_ISSUER);
    ext.put(9, workflowRef);
    ext.put(10, commit);
    ext.put(11, runner);
    ext.put(12, repoUrl);
    ext.put(13, commit);
    ext.put(14, run.ref());
    ext.put(16, "https://github.com/" + run.owner());
    ext.put(18, workflowRef);
    ext.put(19, commit);
    ext.put(20, "push");
    ext.put(21, invocation);
    ext.put(22, run.visibility());
    KeyPair leafKey = SigningKeys.ecP256(random);
    Instant notBefore = time.minusSeconds(5);
    byte[] cert = ca.issue(new FulcioAuthority.Identity(workflowRef, ext), leafKey.getPublic(),
        notBefore).get(0);
    byte[] payload = Json.bytes(statement);
    byte[] sig = sign(leafKey.getPrivate(), RekorEntries.pae(PAYLOAD_TYPE, payload));
    String certPem = SigningKeys.pem("CERTIFICATE", cert);
    Map<String, Object> entry = logged(intotoBody(payload, sig, null, certPem), time);
    return Json.object(
        "mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json",
        "verificationMaterial", Json.object(
            "certificate", Json.object("rawBytes", b64(cert)),
            "tlogEntries", List.of(entry),
            "timestampVerificationData", Json.object("rfc3161Timestamps", List.of())),
        "dsseEnvelope", envelope(payload, sig, ""));
  }

  /**
   * Logs an {@code intoto} 0.0.2 body integrated at {@code time} and gives its bundle entry, whose
   * inclusion proof and checkpoint are of the tree right after the append.
   */
  private Map<String, Object> logged(byte[] intotoBody, Instant time) {
    synchronized (log) {
      RekorLog.Entry e = log.append("intoto", "0.0.2", intotoBody, time).entry();
      return log.bundleEntry(e, time);
    }
  }

  private static Map<String, Object> envelope(byte[] payload, byte[] sig, String keyId) {
    return Json.object(
        "payload", b64(payload),
        "payloadType", PAYLOAD_TYPE,
        "signatures", List.of(Json.object("sig", b64(sig), "keyid", keyId)));
  }

  /** A Rekor {@code intoto} 0.0.2 body; keys in canonical (sorted) order, as Rekor writes it. */
  private static byte[] intotoBody(byte[] payload, byte[] sig, String keyId, String pem) {
    Map<String, Object> signature = keyId == null
        ? Json.object("publicKey", b64(utf8(pem)), "sig", b64(utf8(b64(sig))))
        : Json.object("keyid", keyId, "publicKey", b64(utf8(pem)), "sig", b64(utf8(b64(sig))));
    Map<String, Object> envelope = Json.object(
        "payloadType", PAYLOAD_TYPE, "signatures", List.of(signature));
    byte[] envelopeHash = sha256(Json.bytes(Json.object("payload", b64(payload),
        "payloadType", PAYLOAD_TYPE, "signatures", List.of(Json.object(
            "keyid", keyId == null ? "" : keyId, "sig", b64(sig))))));
    return Json.bytes(Json.object(
        "apiVersion", "0.0.2",
        "kind", "intoto",
        "spec", Json.object("content", Json.object(
            "envelope", envelope,
            "hash", Json.object("algorithm", "sha256", "value", hex(envelopeHash)),
            "payloadHash", Json.object("algorithm", "sha256", "value", hex(sha256(payload)))))));
  }

  /** The CA's start: when every key of the trusted root becomes valid. */
  public Instant start() {
    return start;
  }

}
