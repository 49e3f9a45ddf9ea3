package dev.npmauth.impl.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.config.NpmConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audience is appended to GitHub's token URL correctly, whether or not it already has a query. */
@Tag("fake")
class GitHubIdTokenRequestTest {

  private static List<String> requestedUris(String requestPath) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    github.createContext("/", exchange -> {
      seen.add(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery()
          + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = "{\"value\":\"not.a.jwt\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    github.start();
    try (NpmRegistryClient client = NpmRegistryClient.builder().registry("https://registry.example.com/")
        .npmConfig(NpmConfig.empty())
        .environment(Environment.of(Map.of("GITHUB_ACTIONS", "true",
            "ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:" + github.getAddress().getPort() + requestPath,
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "request-token")))
        .build()) {
      // the fake answers a token that is not a JWT, so the diagnosis stops right after the request
      client.trustedPublishing().diagnose(dev.npmauth.PackageName.of("demo-pkg"));
    } finally {
      github.stop(0);
    }
    return seen;
  }

  @Test
  void audienceIsAddedAsTheOnlyParameterWhenTheUrlHasNoQuery() throws Exception {
    assertThat(requestedUris("/idtoken")).containsExactly(
        "/idtoken?audience=npm%3Aregistry.example.com auth=Bearer request-token");
  }

  @Test
  void audienceIsAppendedKeepingAnExistingQuery() throws Exception {
    assertThat(requestedUris("/idtoken?api-version=2.0&x=1")).containsExactly(
        "/idtoken?api-version=2.0&x=1&audience=npm%3Aregistry.example.com auth=Bearer request-token");
  }
}
