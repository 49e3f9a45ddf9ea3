package dev.npmauth.impl.provenance.sign;

import dev.npmauth.Secret;
import dev.npmauth.impl.http.Answer;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.provenance.sign.ProvenanceException;
import dev.npmauth.provenance.sign.ProvenanceFailure;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Fulcio's {@code POST /api/v2/signingCert}: the identity token, the ephemeral public key (PEM)
 * and the proof of possession (the token's subject signed with the key); the answer is a chain
 * whose leaf must certify exactly that key.
 */
final class FulcioClient {
  private static final MediaType JSON = MediaType.get("application/json");

  private final RegistryHttp http;
  private final URI baseUrl;

  FulcioClient(RegistryHttp http, URI baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  /**
   * Gets a signing certificate for the key.
   *
   * @return the chain, leaf first
   * @throws ProvenanceException when Fulcio refuses, does not answer, or certifies another key
   */
  List<X509Certificate> certificate(Secret idToken, EphemeralKey key, byte[] proofOfPossession) {
    Map<String, Object> publicKey = new LinkedHashMap<>();
    publicKey.put("algorithm", "ECDSA");
    publicKey.put("content", key.publicKeyPem());
    Map<String, Object> keyRequest = new LinkedHashMap<>();
    keyRequest.put("publicKey", publicKey);
    keyRequest.put("proofOfPossession", Base64.getEncoder().encodeToString(proofOfPossession));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("credentials", Map.of("oidcIdentityToken", idToken.reveal()));
    request.put("publicKeyRequest", keyRequest);
    HttpUrl url = HttpUrl.get(baseUrl + "/api/v2/signingCert");
    Answer answer;
    try {
      answer = http.call("POST", url)
          .header("Accept", "application/json")
          .body(RequestBody.create(Json.write(request), JSON))
          .retryable(true) // a repeated request only yields another certificate for the same key
          .execute();
    } catch (RegistryException e) {
      throw new ProvenanceException(ProvenanceFailure.FULCIO_REFUSED, "Fulcio at " + baseUrl
          + " refused the signing certificate request", e.status(), e.registryMessage().orElse(null), e);
    } catch (RegistryUnreachableException e) {
      throw new ProvenanceException(ProvenanceFailure.FULCIO_UNREACHABLE, "Fulcio at " + baseUrl
          + " did not answer (" + e.getMessage() + ")", null, null, e);
    }
    List<X509Certificate> chain = chain(answer);
    if (!MessageDigest.isEqual(chain.get(0).getPublicKey().getEncoded(), key.publicKey().getEncoded())) {
      throw new ProvenanceException(ProvenanceFailure.UNEXPECTED_RESPONSE,
          "Fulcio at " + baseUrl + " answered a certificate for another key");
    }
    return chain;
  }

  private List<X509Certificate> chain(Answer answer) {
    Map<String, Object> body;
    try {
      body = answer.json();
    } catch (IOException e) {
      throw unexpected("its answer is not a JSON object");
    }
    Optional<Map<String, Object>> signed = Json.object(body, "signedCertificateEmbeddedSct")
        .or(() -> Json.object(body, "signedCertificateDetachedSct"));
    Object certificates = signed.flatMap(s -> Json.object(s, "chain")).map(c -> c.get("certificates")).orElse(null);
    if (!(certificates instanceof List<?> pems) || pems.isEmpty()) {
      throw unexpected("its answer has no signedCertificateEmbeddedSct.chain.certificates");
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Object pem : pems) {
        if (!(pem instanceof String text)) {
          throw unexpected("a certificate in its chain is not a PEM string");
        }
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(text))) {
          object = reader.readPemObject();
        }
        if (object == null || !"CERTIFICATE".equals(object.getType())) {
          throw unexpected("a certificate in its chain is not PEM");
        }
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(object.getContent())));
      }
    } catch (IOException | CertificateException e) {
      throw unexpected("its chain does not parse: " + e.getMessage());
    }
    return chain;
  }

  private ProvenanceException unexpected(String what) {
    return new ProvenanceException(ProvenanceFailure.UNEXPECTED_RESPONSE, "Fulcio at " + baseUrl + ": " + what);
  }
}
