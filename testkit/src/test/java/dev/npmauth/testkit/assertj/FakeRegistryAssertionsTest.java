package dev.npmauth.testkit.assertj;

import static dev.npmauth.testkit.assertj.FakeRegistryAssertions.assertThat;
import static dev.npmauth.testkit.assertj.FakeRegistryAssertions.assertThatJournal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TestClock;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.TrustedPublisher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fake")
class FakeRegistryAssertionsTest {
  private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
  @TempDir
  Path dir;
  private final TestClock clock = TestClock.at(NOW);
  private FakeRegistry registry;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws IOException {
    tgz("demo-1.0.0.tgz", "demo-pkg", "1.0.0");
    tgz("demo-1.1.0.tgz", "demo-pkg", "1.1.0");
    tgz("widgets-0.1.0.tgz", "@acme/widgets", "0.1.0");
    registry = FakeRegistry.builder().clock(clock).seed(dir).start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private void tgz(String file, String name, String version) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      byte[] json = ("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("package/package.json");
      e.setSize(json.length);
      tar.putArchiveEntry(e);
      tar.write(json);
      tar.closeArchiveEntry();
    }
    Files.write(dir.resolve(file), bytes.toByteArray());
  }

  private int send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(registry.url().resolve(path.substring(1)))
        .method(method, method.equals("PUT") ? HttpRequest.BodyPublishers.ofString("{}")
            : HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void passingStateAssertionsChain() throws Exception {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    registry.createToken(TokenSpec.readOnly("alice").packages("demo-pkg").expiresIn(Duration.ofDays(7)));

    assertThat(registry)
        .hasPackage("demo-pkg").withVersions("1.1.0", "1.0.0").withVersion("1.0.0").withoutVersion("2.0.0")
        .withDistTag("latest", "1.1.0").withoutDistTag("next").withDistTags(Map.of("latest", "1.1.0"))
        .withAccess("public").withoutAttestations("1.0.0")
        .withTarball("1.0.0", Files.readAllBytes(dir.resolve("demo-1.0.0.tgz")))
        .withTrustedPublisher(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"))
        .and().hasNoPackage("demo-pkg-typo").hasOnlyPackages("@acme/widgets", "demo-pkg")
        .hasNoTrustedPublisherFor("@acme/widgets")
        .hasTokenOf("alice").readOnly().withPackages("demo-pkg").expiringBy(NOW.plus(Duration.ofDays(7))).count(1)
        .and().hasNoTokenOf("bob").acceptsToken(registry.adminToken()).rejectsToken("npm_not-a-token")
        .hasNothingStaged();
  }

  @Test
  void attestationsOfAVersionPublishedWithProvenanceAreSeen() throws Exception {
    byte[] tgz = Files.readAllBytes(dir.resolve("demo-1.0.0.tgz"));
    tgz("demo-3.0.0.tgz", "demo-pkg", "3.0.0");
    byte[] three = Files.readAllBytes(dir.resolve("demo-3.0.0.tgz"));
    String provenance = registry.provenanceBundle(three, "demo-pkg", "3.0.0",
        dev.npmauth.testkit.GitHubRun.of("acme/widgets", "release.yml"));
    Map<String, Object> manifest = new java.util.LinkedHashMap<>();
    manifest.put("name", "demo-pkg");
    manifest.put("version", "3.0.0");
    Map<String, Object> attachments = new java.util.LinkedHashMap<>();
    attachments.put("demo-pkg-3.0.0.tgz", Map.of("content_type", "application/octet-stream",
        "data", java.util.Base64.getEncoder().encodeToString(three), "length", three.length));
    attachments.put("demo-pkg-3.0.0.sigstore", Map.of("content_type",
        "application/vnd.dev.sigstore.bundle.v0.3+json", "data", provenance, "length", provenance.length()));
    Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("_id", "demo-pkg");
    doc.put("name", "demo-pkg");
    doc.put("dist-tags", Map.of("latest", "3.0.0"));
    doc.put("versions", Map.of("3.0.0", manifest));
    doc.put("_attachments", attachments);
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(registry.url().resolve("demo-pkg"))
        .header("authorization", "Bearer " + registry.adminToken()).header("content-type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(dev.npmauth.testkit.internal.json.Json.write(doc))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    assertThat(registry).hasPackage("demo-pkg").withAttestations("3.0.0").withoutAttestations("1.0.0")
        .withTarball("1.0.0", tgz);
    assertThatThrownBy(() -> assertThat(registry).hasPackage("demo-pkg").withoutAttestations("3.0.0"))
        .hasMessageContaining("to have no attestations but the registry serves them");
  }

  @Test
  void aMissingPackageListsWhatTheRegistryHas() {
    assertThatThrownBy(() -> assertThat(registry).hasPackage("demo"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have package \"demo\" but it has:")
        .hasMessageContaining("@acme/widgets [0.1.0] dist-tags {latest=0.1.0}")
        .hasMessageContaining("demo-pkg [1.0.0, 1.1.0] dist-tags {latest=1.1.0}");
  }

  @Test
  void wrongVersionsAndTagsShowTheActualOnes() {
    assertThatThrownBy(() -> assertThat(registry).hasPackage("demo-pkg").withVersions("1.0.0"))
        .hasMessageContaining("exactly the versions [1.0.0] but \"demo-pkg\" has versions [1.0.0, 1.1.0]");
    assertThatThrownBy(() -> assertThat(registry).hasPackage("demo-pkg").withDistTag("latest", "1.0.0"))
        .hasMessageContaining("dist-tag \"latest\" of \"demo-pkg\" to point at 1.0.0 but")
        .hasMessageContaining("dist-tags {latest=1.1.0}");
    assertThatThrownBy(() -> assertThat(registry).hasPackage("@acme/widgets").withAccess("restricted"))
        .hasMessageContaining("to be restricted but it is public");
    assertThatThrownBy(() -> assertThat(registry).hasPackage("demo-pkg").withAttestations("1.0.0"))
        .hasMessageContaining("published without provenance");
    assertThatThrownBy(() -> assertThat(registry).hasNoPackage("demo-pkg"))
        .hasMessageContaining("not to have package \"demo-pkg\" but it has demo-pkg [1.0.0, 1.1.0]");
  }

  @Test
  void tokenFailuresListTheTokensButNeverAValue() {
    String token = registry.createToken(TokenSpec.readWrite("alice").packages("demo-pkg"));
    assertThatThrownBy(() -> assertThat(registry).hasTokenOf("alice").readOnly())
        .hasMessageContaining("to hold a token read-only but they hold:")
        .hasMessageContaining("alice testkit key ")
        .hasMessageContaining("read-write packages [demo-pkg] no expiry")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    clock.advance(Duration.ofDays(1));
    assertThatThrownBy(() -> assertThat(registry).rejectsToken(token))
        .hasMessageContaining("to refuse the given token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    assertThatThrownBy(() -> assertThat(registry).acceptsToken("npm_canary-123"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("canary-123"));
  }

  @Test
  void trustAndStageFailuresShowTheActualSettings() {
    registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
    assertThatThrownBy(() -> assertThat(registry).hasTrustedPublisher(
        TrustedPublisher.github("demo-pkg", "acme/widgets", "publish.yml")))
        .hasMessageContaining("but it trusts:")
        .hasMessageContaining("release.yml");
    assertThatThrownBy(() -> assertThat(registry).hasNoTrustedPublisherFor("demo-pkg"))
        .hasMessageContaining("(id ");
    assertThatThrownBy(() -> assertThat(registry).hasStaged("demo-pkg@2.0.0"))
        .hasMessageContaining("the stage holds:\n  (nothing)");
  }

  @Test
  void journalAssertionsFindCountAndOrderRequests() throws Exception {
    registry.inject(Fault.on("PUT", "/demo-pkg").status(503));
    send("GET", "/demo-pkg");
    send("PUT", "/demo-pkg", "npm-command", "publish", "authorization", "Bearer " + registry.adminToken());
    send("PUT", "/demo-pkg", "npm-command", "publish", "authorization", "Bearer " + registry.adminToken());
    send("GET", "/@acme%2fwidgets?write=true");

    assertThat(registry.journal())
        .hasSize(4)
        .hasRequest("PUT", "/demo-pkg").times(2).withStatuses(503, 400).withHeader("npm-command", "publish")
        .withHeader("Authorization", "Bearer ****").withoutHeader("npm-otp").withStatus(503).once()
        .and().hasRequest("get", "/@acme%2fwidgets").withQuery("write=true")
        .and().hasRequest("*", "/demo-pkg").times(3)
        .and().hasNoRequest("DELETE", ".*")
        .hasNoRequestMatching(r -> r.header("npm-otp").isPresent(), "with a one-time password")
        .hasRequestsInOrder("GET /demo-pkg", "PUT /demo-pkg", "GET /@acme%2fwidgets")
        .hasNoTraceOf(registry.adminToken())
        .extracting(RecordedRequest::method).containsExactly("GET", "PUT", "PUT", "GET");
    assertThatJournal(registry).hasRequest("GET", "/demo-pkg").once();
  }

  @Test
  void journalFailuresListTheRedactedJournal() throws Exception {
    send("PUT", "/demo-pkg", "npm-command", "publish", "authorization", "Bearer " + registry.adminToken());
    send("GET", "/@acme%2fwidgets");

    assertThatThrownBy(() -> assertThat(registry.journal()).hasRequest("PUT", "/other"))
        .hasMessageContaining("to have a request PUT /other but it has none.")
        .hasMessageContaining("The journal (2 requests):\n  PUT /demo-pkg -> 400\n  GET /@acme%2fwidgets -> 200")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(registry.adminToken()));
    assertThatThrownBy(() -> assertThat(registry.journal()).hasRequest("PUT", "/demo-pkg")
        .withHeader("npm-command", "unpublish"))
        .hasMessageContaining("PUT /demo-pkg with npm-command: unpublish but the 1 request PUT /demo-pkg had:\n"
            + "  PUT /demo-pkg -> 400   npm-command: publish");
    assertThatThrownBy(() -> assertThat(registry.journal()).hasRequest("PUT", "/demo-pkg").withStatuses(503, 200))
        .hasMessageContaining("to be answered 503, then 200 but they were answered [400]");
    assertThatThrownBy(() -> assertThat(registry.journal()).hasRequest("PUT", "/demo-pkg").times(2))
        .hasMessageContaining("Expecting 2 requests PUT /demo-pkg but found 1");
    assertThatThrownBy(() -> assertThat(registry.journal()).hasNoRequest("GET", "/@acme.*"))
        .hasMessageContaining("to have no request GET /@acme.* but it has 1");
    assertThatThrownBy(() -> assertThat(registry.journal()).hasRequestsInOrder("GET /@acme%2fwidgets", "PUT /demo-pkg"))
        .hasMessageContaining("found no PUT /demo-pkg after the ones before it");
  }

  @Test
  void aLeakedSecretIsReportedMasked() throws Exception {
    String canary = "canary-" + System.nanoTime();
    send("GET", "/-/whoami", "x-debug", "token=" + canary);
    assertThatThrownBy(() -> assertThat(registry.journal()).hasNoTraceOf(canary))
        .hasMessageContaining("secret #1 to show nowhere in the journal but it shows in the headers of GET /-/whoami")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(canary));
  }

  @Test
  void aLongJournalShowsItsLastRequests() throws Exception {
    for (int i = 0; i < Describe.MAX_REQUESTS + 5; i++) {
      send("GET", "/-/ping");
    }
    assertThatThrownBy(() -> assertThat(registry.journal()).hasRequest("PUT", "/x"))
        .hasMessageContaining("… 5 earlier requests not shown");
  }

  @Test
  void assertJsOwnAssertThatStillServesOtherLists() {
    List<String> names = List.of("a", "b");
    assertThat(names).containsExactly("a", "b");
    assertThat(registry.journal()).isEmpty();
  }
}
