package dev.npmauth.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.TestClock;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The declarative extension: scopes, sharing, settings, clocks, closing. */
@Tag("fake")
@WithFakeRegistry
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeRegistryExtensionTest {
  static final Path SEED = Path.of("target", "extension-test-seed");
  static FakeRegistry classRegistry;
  static FakeRegistry fromBeforeAll;
  static final List<FakeRegistry> testRegistries = new CopyOnWriteArrayList<>();
  static final List<FakeRegistry> nestedClassRegistries = new CopyOnWriteArrayList<>();
  FakeRegistry registry;
  FakeRegistry fromBeforeEach;

  @BeforeAll
  static void beforeAll(FakeRegistry r) throws Exception {
    fromBeforeAll = r;
    Files.createDirectories(SEED);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      byte[] json = "{\"name\":\"seeded-pkg\",\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("package/package.json");
      e.setSize(json.length);
      tar.putArchiveEntry(e);
      tar.write(json);
      tar.closeArchiveEntry();
    }
    Files.write(SEED.resolve("seeded-pkg-1.0.0.tgz"), bytes.toByteArray());
  }

  @BeforeEach
  void beforeEach(FakeRegistry r) {
    fromBeforeEach = r;
  }

  @AfterEach
  void afterEach(FakeRegistry r) {
    assertThat(r).as("@AfterEach sees the test's registry, still open").isSameAs(registry);
    assertThat(r.toString()).doesNotContain("closed");
    testRegistries.add(r);
  }

  @AfterAll
  static void afterAll(FakeRegistry r) {
    assertThat(r).isSameAs(classRegistry);
    assertThat(classRegistry.toString()).doesNotContain("closed");
    assertThat(testRegistries).hasSizeGreaterThanOrEqualTo(6).doesNotHaveDuplicates()
        .allSatisfy(t -> assertThat(t.toString()).as("closed after its test").contains("closed"));
    assertThat(nestedClassRegistries).isNotEmpty()
        .allSatisfy(t -> assertThat(t.toString()).as("closed after the nested class").contains("closed"));
  }

  private static int ping(FakeRegistry r) throws Exception {
    HttpClient client = r.url().getScheme().equals("https")
        ? HttpClient.newBuilder().sslContext(r.sslContext()).build() : HttpClient.newHttpClient();
    return client.send(HttpRequest.newBuilder(r.url().resolve("-/ping")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  @Order(1)
  void theStaticFieldAndBeforeAllParameterAreTheClassRegistry() throws Exception {
    assertThat(classRegistry).isNotNull().isSameAs(fromBeforeAll);
    assertThat(ping(classRegistry)).isEqualTo(200);
    assertThat(registry).isNotNull().isNotSameAs(classRegistry);
  }

  @Test
  @Order(2)
  void theInstanceFieldAndTheTestAndBeforeEachParametersAreTheTestRegistry(FakeRegistry r) throws Exception {
    assertThat(r).isSameAs(registry).isSameAs(fromBeforeEach);
    assertThat(ping(r)).isEqualTo(200);
  }

  @Test
  @Order(3)
  void eachTestGetsAFreshRegistry(FakeRegistry r) {
    assertThat(testRegistries).isNotEmpty().doesNotContain(r);
    assertThat(r.journal()).isEmpty();
  }

  @Test
  @Order(4)
  void equalSettingsShareARegistryAndANameSeparatesThem(
      @FakeRegistryConfig(https = true) FakeRegistry tls,
      @FakeRegistryConfig(https = true) FakeRegistry sameTls,
      @FakeRegistryConfig(https = true, name = "second") FakeRegistry secondTls,
      FakeRegistry plain) throws Exception {
    assertThat(tls).isSameAs(sameTls).isNotSameAs(secondTls).isNotSameAs(plain);
    assertThat(plain).isSameAs(registry);
    assertThat(tls.url().getScheme()).isEqualTo("https");
    assertThat(ping(tls)).isEqualTo(200);
    assertThat(ping(secondTls)).isEqualTo(200);
    testRegistries.add(tls);
    testRegistries.add(secondTls);
  }

  @Test
  @Order(5)
  @FakeRegistryConfig(testClock = true, clockStart = "2026-01-01T00:00:00Z")
  void aMethodsSettingsApplyToTheTestsFieldAndParameters(FakeRegistry r, TestClock clock) {
    assertThat(r).isSameAs(registry);
    assertThat(r.clock()).isSameAs(clock);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    clock.advance(Duration.ofHours(1));
    assertThat(r.clock().instant()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
  }

  @Test
  @Order(6)
  void seedFoldersArePublishedBeforeTheTest(
      @FakeRegistryConfig(seed = "target/extension-test-seed") FakeRegistry seeded) {
    assertThat(seeded.versions("seeded-pkg")).containsExactly("1.0.0");
    assertThat(registry.versions("seeded-pkg")).isEmpty();
    testRegistries.add(seeded);
  }

  @Nested
  @FakeRegistryConfig(testClock = true, clockStart = "2030-06-01T00:00:00Z")
  class NestedTests {
    static FakeRegistry nestedClassRegistry;
    FakeRegistry inner;
    TestClock innerClock;

    @Test
    void nestedSettingsApplyToNestedInjectionPointsAndTheOuterOnesKeepTheirOwn(FakeRegistry r) {
      assertThat(r).isSameAs(inner);
      assertThat(innerClock.instant()).isEqualTo(Instant.parse("2030-06-01T00:00:00Z"));
      assertThat(registry).as("the outer instance's field, per test too").isNotNull().isNotSameAs(r);
      assertThat(classRegistry).isSameAs(fromBeforeAll);
      nestedClassRegistries.add(inner);
    }

    @Test
    void nestedClassesMayAskForTheirOwnClassRegistry() {
      assertThat(nestedClassRegistry).as("a static field of the nested class").isNotNull()
          .isNotSameAs(classRegistry).isNotSameAs(inner);
      assertThat(nestedClassRegistry.clock().instant())
          .as("the nested class's settings").isEqualTo(Instant.parse("2030-06-01T00:00:00Z"));
      assertThat(nestedClassRegistries).doesNotContain(nestedClassRegistry);
      nestedClassRegistries.add(inner);
      nestedClassRegistries.add(nestedClassRegistry);
    }
  }
}
