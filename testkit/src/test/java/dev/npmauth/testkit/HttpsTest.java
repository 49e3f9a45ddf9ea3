package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class HttpsTest {
  private FakeRegistry registry;
  private HttpClient trusting;

  @BeforeEach
  void start() {
    registry = FakeRegistry.builder().https(true).start();
    trusting = HttpClient.newBuilder().sslContext(registry.sslContext()).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHttpsOnLoopbackToAClientTrustingItsCa() throws Exception {
    assertThat(registry.url().getScheme()).isEqualTo("https");
    assertThat(registry.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(get(trusting, registry.url().resolve("-/ping")).statusCode()).isEqualTo(200);
    URI byName = URI.create("https://localhost:" + registry.url().getPort() + "/-/ping");
    assertThat(get(trusting, byName).statusCode()).isEqualTo(200);
  }

  @Test
  void aClientWithTheDefaultTrustStoreRefusesIt() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> get(plain, registry.url().resolve("-/ping")))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void theServerCertificateNamesTheLoopbackAndChainsToTheCa() throws Exception {
    HttpsURLConnection c = (HttpsURLConnection) registry.url().resolve("-/ping").toURL().openConnection();
    c.setSSLSocketFactory(registry.sslContext().getSocketFactory());
    c.getResponseCode();
    X509Certificate leaf = (X509Certificate) c.getServerCertificates()[0];
    c.disconnect();
    X509Certificate ca = registry.certificateAuthority();

    leaf.verify(ca.getPublicKey());
    leaf.checkValidity();
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
        .contains("127.0.0.1", "localhost");
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
  }

  @Test
  void theCaIsGivenAsPemTextAndAsAFileDeletedOnClose() throws Exception {
    String pem = registry.certificateAuthorityPem();
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    assertThat(parsed).isEqualTo(registry.certificateAuthority());

    Path file = registry.caCertificateFile();
    assertThat(file).hasContent(pem);
    assertThat(registry.caCertificateFile()).isEqualTo(file);
    registry.close();
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void eachRegistryHasItsOwnCa() {
    try (FakeRegistry other = FakeRegistry.builder().https(true).start()) {
      assertThat(other.certificateAuthorityPem()).isNotEqualTo(registry.certificateAuthorityPem());
      HttpClient trustsOther = HttpClient.newBuilder().sslContext(other.sslContext()).build();
      assertThatThrownBy(() -> get(trustsOther, registry.url().resolve("-/ping")))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void publishingAndTheGitHubIdTokenEndpointWorkOverHttps() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 100);
    HttpResponse<String> put = trusting.send(HttpRequest.newBuilder(registry.url().resolve("demo-pkg"))
        .header("authorization", "Bearer " + registry.adminToken()).header("content-type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(registry.tarballUrl("demo-pkg", "1.0.0").toString()).startsWith("https://127.0.0.1:");
    assertThat(registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")))
        .hasEntrySatisfying("ACTIONS_ID_TOKEN_REQUEST_URL", u -> assertThat(u).startsWith("https://"));
  }

  @Test
  void faultsThatCutTheBodyWorkOverTls() {
    registry.inject(Fault.on("GET", "/-/ping").truncateBody(1));
    assertThatThrownBy(() -> get(trusting, registry.url().resolve("-/ping"))).isInstanceOf(IOException.class);
    assertThat(registry.journal()).extracting(RecordedRequest::status).containsExactly(200);
  }

  @Test
  void aPlainHttpRegistrySaysHowToGetACa() {
    try (FakeRegistry plain = FakeRegistry.start()) {
      assertThat(plain.url().getScheme()).isEqualTo("http");
      for (Runnable call : List.<Runnable>of(plain::sslContext, plain::certificateAuthorityPem,
          plain::caCertificateFile, plain::trustManager)) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("https(true)");
      }
    }
  }
}
