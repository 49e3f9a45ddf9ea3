package dev.npmauth.impl.provenance.sign;

import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.provenance.sign.ProvenanceException;
import dev.npmauth.provenance.sign.ProvenanceFailure;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An RFC 3161 timestamp over a signature ({@code POST /api/v1/timestamp}, DER {@code
 * application/timestamp-query}): the imprint is SHA-256 of the signature bytes, with a nonce and a
 * request for the authority's certificate. The answer must be granted and match the request.
 */
final class TimestampClient {
  private static final MediaType QUERY = MediaType.get("application/timestamp-query");

  private final RegistryHttp http;
  private final URI baseUrl;
  private final SecureRandom random;

  TimestampClient(RegistryHttp http, URI baseUrl, SecureRandom random) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.random = random;
  }

  /**
   * Timestamps a signature.
   *
   * @return the DER {@code TimeStampResp}
   * @throws ProvenanceException {@link ProvenanceFailure#TIMESTAMP_FAILED}
   */
  byte[] timestamp(byte[] signature) {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, RekorClient.sha256(signature),
        new BigInteger(63, random));
    byte[] der;
    try {
      der = http.call("POST", HttpUrl.get(baseUrl + "/api/v1/timestamp"))
          .header("Accept", "application/timestamp-reply")
          .body(RequestBody.create(request.getEncoded(), QUERY))
          .retryable(true)
          .stream(response -> response.body() == null ? new byte[0] : response.body().bytes());
    } catch (IOException e) {
      throw failed("the request could not be encoded: " + e.getMessage(), e);
    } catch (RegistryException e) {
      throw new ProvenanceException(ProvenanceFailure.TIMESTAMP_FAILED, "the timestamp authority at " + baseUrl
          + " refused the request", e.status(), e.registryMessage().orElse(null), e);
    } catch (RegistryUnreachableException e) {
      throw failed("the timestamp authority at " + baseUrl + " did not answer (" + e.getMessage() + ")", e);
    }
    try {
      TimeStampResponse response = new TimeStampResponse(der);
      response.validate(request);
      if (response.getTimeStampToken() == null) {
        throw failed("the timestamp authority at " + baseUrl + " granted no token (status "
            + response.getStatus() + ")", null);
      }
      return response.getEncoded();
    } catch (TSPException | IOException e) {
      throw failed("the timestamp authority at " + baseUrl + " answered a response that does not match"
          + " the request: " + e.getMessage(), e);
    }
  }

  private static ProvenanceException failed(String detail, Throwable cause) {
    return new ProvenanceException(ProvenanceFailure.TIMESTAMP_FAILED, detail, null, null, cause);
  }
}
