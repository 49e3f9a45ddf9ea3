package dev.npmauth.impl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.npmauth.Credential;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.registry.InsecureTransportException;
import dev.npmauth.registry.RegistryErrorKind;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class RegistryHttpFakeTest {

  @Test
  void getIsRetriedOn503HonouringRetryAfterThenSucceeds() {
    try (FakeRegistry fake = FakeRegistry.start()) {
      TestClients.SLEEPS.clear();
      fake.inject(Fault.on("GET", "/-/ping").status(503).retryAfter(Duration.ofSeconds(2)).once());
      try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
        client.ping();
      }
      assertThat(fake.journal()).extracting(RecordedRequest::status).containsExactly(503, 200);
      assertThat(TestClients.SLEEPS).containsExactly(Duration.ofSeconds(2));
    }
  }

  @Test
  void retryAfterBeyondTheLimitIsNotWaitedFor() {
    try (FakeRegistry fake = FakeRegistry.start()) {
      fake.inject(Fault.on("GET", "/-/ping").status(429).retryAfter(Duration.ofHours(1)).always());
      try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
        assertThatThrownBy(client::ping).isInstanceOf(RegistryException.class)
            .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(RegistryErrorKind.RATE_LIMITED));
      }
      assertThat(fake.journal()).hasSize(1);
    }
  }

  @Test
  void droppedConnectionsAndTimeoutsBecomeUnreachableAfterRetries() {
    try (FakeRegistry fake = FakeRegistry.start()) {
      fake.inject(Fault.on("GET", "/-/ping").dropConnection().always());
      try (NpmRegistryClient client = TestClients.client(fake, Map.of())) {
        assertThatThrownBy(client::ping).isInstanceOf(RegistryUnreachableException.class)
            .satisfies(e -> assertThat(((RegistryUnreachableException) e).timedOut()).isFalse());
      }
      assertThat(fake.journal()).hasSize(3);
      fake.clearFaults();
      fake.inject(Fault.on("GET", "/-/ping").delay(Duration.ofSeconds(3)).always());
      try (NpmRegistryClient client = TestClients.builder(fake, Map.of()).readTimeout(Duration.ofMillis(200))
          .retryPolicy(dev.npmauth.RetryPolicy.none()).build()) {
        assertThatThrownBy(client::ping).isInstanceOf(RegistryUnreachableException.class)
            .hasMessageContaining("timed out")
            .satisfies(e -> assertThat(((RegistryUnreachableException) e).timedOut()).isTrue());
      }
    }
  }

  @Test
  void authorizationIsNeverSentToAnotherHostEvenThroughARedirect() throws Exception {
    List<String> elsewhereAuthorization = new CopyOnWriteArrayList<>();
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    elsewhere.createContext("/", exchange -> {
      elsewhereAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] body = "{\"username\":\"redirected\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    elsewhere.start();
    List<String> registryAuthorization = new CopyOnWriteArrayList<>();
    HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/", exchange -> {
      registryAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      // "localhost" is another origin than "127.0.0.1", though both are loopback
      exchange.getResponseHeaders().set("Location", "http://localhost:" + elsewhere.getAddress().getPort() + "/-/whoami");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    registry.start();
    try (NpmRegistryClient client = NpmRegistryClient.builder()
        .registry("http://127.0.0.1:" + registry.getAddress().getPort() + "/")
        .environment(Environment.empty()).npmConfig(NpmConfig.empty()).build()) {
      assertThat(client.whoami(Credential.granular(Secret.of("canary-redirect-token")))).isEqualTo("redirected");
    } finally {
      registry.stop(0);
      elsewhere.stop(0);
    }
    assertThat(registryAuthorization).containsExactly("Bearer canary-redirect-token");
    assertThat(elsewhereAuthorization).containsExactly("null");
  }

  @Test
  void plainHttpIsRefusedExceptToLoopbackUnlessAllowed() throws IOException {
    assertThatThrownBy(() -> NpmRegistryClient.builder().registry("http://registry.example.com/")
        .environment(Environment.empty()).npmConfig(NpmConfig.empty()).build())
        .isInstanceOf(InsecureTransportException.class)
        .hasMessageContaining("allowInsecureHttp(true)");
    NpmRegistryClient.builder().registry("http://registry.example.com/").allowInsecureHttp(true)
        .environment(Environment.empty()).npmConfig(NpmConfig.empty()).build().close();

    HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Location", "http://registry.example.com/-/ping");
      exchange.sendResponseHeaders(301, -1);
      exchange.close();
    });
    registry.start();
    try (NpmRegistryClient client = NpmRegistryClient.builder()
        .registry("http://127.0.0.1:" + registry.getAddress().getPort() + "/")
        .environment(Environment.empty()).npmConfig(NpmConfig.empty()).build()) {
      assertThatThrownBy(client::ping).isInstanceOf(InsecureTransportException.class)
          .hasMessageContaining("http://registry.example.com");
    } finally {
      registry.stop(0);
    }
  }
}
