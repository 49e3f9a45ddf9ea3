package dev.npmauth.impl.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.RetryPolicy;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.publish.PublishConflictException;
import dev.npmauth.publish.PublishOutcome;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.TokenSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes whose answer is lost or refused: each ends with exactly one version in the registry
 * and the outcome a release engineer can trust.
 */
@Tag("fake")
class PublishRecoveryFakeTest {
  @TempDir
  Path dir;
  private FakeRegistry fake;
  private String token;

  @BeforeEach
  void start() {
    fake = FakeRegistry.start();
    token = fake.createToken(TokenSpec.readWrite("alice").allPackages());
    TestClients.SLEEPS.clear();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private NpmRegistryClient client() {
    return TestClients.client(fake, Map.of("NPM_TOKEN", token));
  }

  private List<RecordedRequest> puts() {
    return fake.journal().stream().filter(r -> r.method().equals("PUT")).toList();
  }

  @Test
  void responseDroppedAfterTheBodyWasSentIsReconciledAsPublished() throws Exception {
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    fake.inject(Fault.on("PUT", "/demo-pkg").dropResponse());
    try (NpmRegistryClient client = client()) {
      PublishResult result = client.publisher().publish(PublishRequest.builder(tgz).build());
      assertThat(result.outcome()).isEqualTo(PublishOutcome.ALREADY_PUBLISHED_IDENTICAL);
    }
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0");
    assertThat(puts()).hasSize(1).first().extracting(RecordedRequest::status).isEqualTo(0);
  }

  @Test
  void serverErrorThenSuccessPublishesOnce() throws Exception {
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    fake.inject(Fault.on("PUT", "/demo-pkg").status(503));
    try (NpmRegistryClient client = client()) {
      PublishResult result = client.publisher().publish(PublishRequest.builder(tgz).build());
      assertThat(result.outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    }
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0");
    assertThat(puts()).extracting(RecordedRequest::status).containsExactly(503, 200);
    assertThat(TestClients.SLEEPS).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void serverErrorWithRetryAfterIsWaitedForBeforeSendingAgain() throws Exception {
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    fake.inject(Fault.on("PUT", "/demo-pkg").status(503).retryAfter(Duration.ofSeconds(2)));
    try (NpmRegistryClient client = client()) {
      assertThat(client.publisher().publish(PublishRequest.builder(tgz).build()).outcome())
          .isEqualTo(PublishOutcome.PUBLISHED);
    }
    assertThat(puts()).extracting(RecordedRequest::status).containsExactly(503, 200);
    assertThat(TestClients.SLEEPS).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void timeoutAfterTheRegistryStoredTheVersionIsReconciled() throws Exception {
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    fake.inject(Fault.on("PUT", "/demo-pkg").delayResponse(Duration.ofSeconds(3)));
    try (NpmRegistryClient client = TestClients.builder(fake, Map.of("NPM_TOKEN", token))
        .readTimeout(Duration.ofMillis(400)).build()) {
      PublishResult result = client.publisher().publish(PublishRequest.builder(tgz).build());
      assertThat(result.outcome()).isEqualTo(PublishOutcome.ALREADY_PUBLISHED_IDENTICAL);
    }
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0");
    assertThat(puts()).hasSize(1);
  }

  @Test
  void alreadyPublishedWithTheSameBytesIsSuccessWithoutAnotherPut() throws Exception {
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    try (NpmRegistryClient client = client()) {
      client.publisher().publish(PublishRequest.builder(tgz).build());
      PublishResult again = client.publisher().publish(PublishRequest.builder(tgz).build());
      assertThat(again.outcome()).isEqualTo(PublishOutcome.ALREADY_PUBLISHED_IDENTICAL);
      assertThat(again.summary()).isEqualTo("= demo-pkg@1.0.0 (already published, identical)");
    }
    assertThat(puts()).hasSize(1);
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0");
  }

  @Test
  void alreadyPublishedWithOtherBytesIsATypedConflict() throws Exception {
    Path first = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    Path other = Tarballs.write(Files.createDirectories(dir.resolve("other")), "demo-pkg-1.0.0.tgz",
        "{\"name\":\"demo-pkg\",\"version\":\"1.0.0\",\"description\":\"different\"}", Map.of("x.js", "1"));
    try (NpmRegistryClient client = client()) {
      client.publisher().publish(PublishRequest.builder(first).build());
      assertThatThrownBy(() -> client.publisher().publish(PublishRequest.builder(other).build()))
          .isInstanceOf(PublishConflictException.class)
          .hasMessageContaining("already published with other content")
          .satisfies(e -> assertThat(((PublishConflictException) e).publishedIntegrity())
              .isNotEqualTo(((PublishConflictException) e).attemptedIntegrity()));
    }
    assertThat(puts()).hasSize(1);
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0");
  }

  @Test
  void refusedAsAlreadyPublishedWhenThePrecheckMissedItIsReconciled() throws Exception {
    Path first = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    Path other = Tarballs.write(Files.createDirectories(dir.resolve("other")), "demo-pkg-1.0.0.tgz",
        "{\"name\":\"demo-pkg\",\"version\":\"1.0.0\",\"description\":\"different\"}", Map.of("x.js", "1"));
    try (NpmRegistryClient client = client()) {
      client.publisher().publish(PublishRequest.builder(first).build());
      // the packument read before publishing fails, so the client only learns of the version from the 403
      fake.inject(Fault.on("GET", "/demo-pkg").status(500).times(3));
      assertThatThrownBy(() -> client.publisher().publish(PublishRequest.builder(other).build()))
          .isInstanceOf(PublishConflictException.class);
      fake.inject(Fault.on("GET", "/demo-pkg").status(500).times(3));
      assertThat(client.publisher().publish(PublishRequest.builder(first).build()).outcome())
          .isEqualTo(PublishOutcome.ALREADY_PUBLISHED_IDENTICAL);
    }
    assertThat(puts()).extracting(RecordedRequest::status).containsExactly(200, 403, 403);
    assertThat(fake.versions("demo-pkg")).containsExactly("1.0.0");
  }

  @Test
  void persistentServerErrorsFailAfterBoundedRetriesWithNothingPublished() throws Exception {
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    fake.inject(Fault.on("PUT", "/demo-pkg").status(500).always());
    try (NpmRegistryClient client = client()) {
      assertThatThrownBy(() -> client.publisher().publish(PublishRequest.builder(tgz).build()))
          .isInstanceOf(dev.npmauth.registry.RegistryException.class)
          .hasMessageStartingWith("500");
    }
    assertThat(puts()).hasSize(3);
    assertThat(fake.versions("demo-pkg")).isEmpty();
  }

  @Test
  void implicitLatestNeverMovesBackwards() throws Exception {
    try (NpmRegistryClient client = client()) {
      client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "2.0.0")).build());
      Path older = Tarballs.simple(dir, "demo-pkg", "1.5.0");
      assertThatThrownBy(() -> client.publisher().publish(PublishRequest.builder(older).build()))
          .hasMessageContaining("previously published version 2.0.0 is higher");
      client.publisher().publish(PublishRequest.builder(older).tag("legacy").build());
    }
    assertThat(fake.distTags("demo-pkg")).containsEntry("latest", "2.0.0").containsEntry("legacy", "1.5.0");
  }

  @Test
  void withoutRetriesAnUnknownOutcomeIsReportedNotGuessed() throws Exception {
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    fake.inject(Fault.on("PUT", "/demo-pkg").dropConnection());
    try (NpmRegistryClient client = TestClients.builder(fake, Map.of("NPM_TOKEN", token))
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> client.publisher().publish(PublishRequest.builder(tgz).build()))
          .isInstanceOf(dev.npmauth.registry.RegistryUnreachableException.class);
    }
    assertThat(fake.versions("demo-pkg")).isEmpty();
  }
}
