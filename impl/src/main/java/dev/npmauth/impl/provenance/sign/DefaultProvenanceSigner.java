package dev.npmauth.impl.provenance.sign;

import dev.npmauth.Environment;
import dev.npmauth.Secret;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.oidc.CiProvider;
import dev.npmauth.provenance.sign.ProvenanceSigner;
import dev.npmauth.provenance.sign.ProvenanceSubject;
import dev.npmauth.provenance.sign.SignedProvenance;
import dev.npmauth.provenance.sign.SigstoreInstance;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs provenance as {@code npm publish --provenance} does (libnpmpublish's {@code provenance.js}
 * and sigstore-js's {@code attest}): the CI's statement, an identity token for {@code sigstore},
 * an ephemeral key certified by Fulcio, a DSSE signature over the statement's pre-authentication
 * encoding, a {@code dsse} Rekor entry, optionally an RFC 3161 timestamp, then a bundle v0.3.
 */
public final class DefaultProvenanceSigner implements ProvenanceSigner {
  static final String BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  private static final System.Logger LOG = System.getLogger("dev.npmauth.provenance");

  private final RegistryHttp http;
  private final Environment environment;
  private final Optional<SigstoreInstance> configured;
  private final SigstoreIdTokens tokens;
  private final SecureRandom random = new SecureRandom();

  /**
   * Creates the signer.
   *
   * @param http the HTTP stack (GitHub's token endpoint, Fulcio, Rekor, the timestamp authority)
   * @param environment the environment the CI is detected from
   * @param sigstore where to sign; empty means {@link SigstoreInstance#fromEnvironment}, read when
   *     first needed (so a bad {@code NPMAUTH_FULCIO_URL} fails provenance, not the whole client)
   */
  public DefaultProvenanceSigner(RegistryHttp http, Environment environment, Optional<SigstoreInstance> sigstore) {
    this.http = Objects.requireNonNull(http, "http");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.configured = Objects.requireNonNull(sigstore, "sigstore");
    this.tokens = new SigstoreIdTokens(environment, http);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if an {@code NPMAUTH_*_URL} variable is not a usable URL
   */
  @Override
  public SigstoreInstance sigstore() {
    return configured.orElseGet(() -> SigstoreInstance.fromEnvironment(environment));
  }

  @Override
  public String statement(ProvenanceSubject subject) {
    Objects.requireNonNull(subject, "subject");
    return Json.write(SlsaStatements.statement(tokens.ci(), environment, subject));
  }

  @Override
  public SignedProvenance sign(ProvenanceSubject subject) {
    Objects.requireNonNull(subject, "subject");
    CiProvider ci = tokens.ci();
    SigstoreInstance sigstore = sigstore();
    FulcioClient fulcio = new FulcioClient(http, sigstore.fulcioUrl());
    RekorClient rekor = new RekorClient(http, sigstore.rekorUrl());
    String statementJson = Json.write(SlsaStatements.statement(ci, environment, subject));
    byte[] payload = statementJson.getBytes(StandardCharsets.UTF_8);
    Secret idToken = tokens.token(ci);
    String challenge = SigstoreIdTokens.challengeSubject(idToken);

    EphemeralKey key = new EphemeralKey(random);
    List<X509Certificate> chain = fulcio.certificate(idToken, key,
        key.sign(challenge.getBytes(StandardCharsets.UTF_8)));
    X509Certificate leaf = chain.get(0);
    byte[] leafDer;
    try {
      leafDer = leaf.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate could not be encoded again", e);
    }
    byte[] signature = key.sign(pae(SlsaStatements.PAYLOAD_TYPE, payload));
    Map<String, Object> envelope = envelope(payload, signature);

    List<Object> timestamps = new ArrayList<>();
    if (sigstore.timestampAuthorityUrl().isPresent()) {
      TimestampClient tsa = new TimestampClient(http, sigstore.timestampAuthorityUrl().get(), random);
      timestamps.add(Map.of("signedTimestamp", Base64.getEncoder().encodeToString(tsa.timestamp(signature))));
    }
    RekorClient.Logged logged = rekor.logDsse(Json.write(envelope), EphemeralKey.pem("CERTIFICATE", leafDer),
        signature, payload);

    Map<String, Object> material = new LinkedHashMap<>();
    material.put("certificate", Map.of("rawBytes", Base64.getEncoder().encodeToString(leafDer)));
    material.put("tlogEntries", List.of(logged.tlogEntry()));
    material.put("timestampVerificationData", Map.of("rfc3161Timestamps", timestamps));
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("mediaType", BUNDLE_MEDIA_TYPE);
    bundle.put("verificationMaterial", material);
    bundle.put("dsseEnvelope", envelope);

    SignedProvenance signed = new SignedProvenance(Json.write(bundle), BUNDLE_MEDIA_TYPE,
        SlsaStatements.predicateType(ci), statementJson, identity(leaf), sigstore.rekorUrl(), logged.logIndex(),
        logged.integratedTime());
    LOG.log(Level.DEBUG, "Signed provenance statement with source and build information from " + ci.displayName()
        + "; published to transparency log " + sigstore.rekorUrl() + " at index " + logged.logIndex()
        + signed.searchUrl().map(u -> " (" + u + ")").orElse(""));
    return signed;
  }

  /** The envelope as sigstore-js serializes it: payload, payload type, one signature with an empty keyid. */
  private static Map<String, Object> envelope(byte[] payload, byte[] signature) {
    Map<String, Object> sig = new LinkedHashMap<>();
    sig.put("sig", Base64.getEncoder().encodeToString(signature));
    sig.put("keyid", "");
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    envelope.put("payloadType", SlsaStatements.PAYLOAD_TYPE);
    envelope.put("signatures", List.of(sig));
    return envelope;
  }

  /** DSSE v1 pre-authentication encoding: {@code DSSEv1 SP len(type) SP type SP len(body) SP body}. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  /** The leaf's first URI (else e-mail) subject alternative name. */
  private static String identity(X509Certificate leaf) {
    try {
      String email = null;
      if (leaf.getSubjectAlternativeNames() != null) {
        for (List<?> name : leaf.getSubjectAlternativeNames()) {
          Object type = name.get(0);
          if (Integer.valueOf(6).equals(type)) {
            return String.valueOf(name.get(1));
          }
          if (Integer.valueOf(1).equals(type) && email == null) {
            email = String.valueOf(name.get(1));
          }
        }
      }
      return email != null ? email : leaf.getSubjectX500Principal().getName();
    } catch (CertificateParsingException e) {
      return leaf.getSubjectX500Principal().getName();
    }
  }
}
