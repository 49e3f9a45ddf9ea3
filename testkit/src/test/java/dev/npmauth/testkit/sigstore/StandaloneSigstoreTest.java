package dev.npmauth.testkit.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.npmauth.testkit.standalone.EnvFile;
import dev.npmauth.testkit.standalone.FakeRegistryMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone runner's {@code --sigstore}: the fake Sigstore next to the registry, named in the env file. */
@Tag("fake")
class StandaloneSigstoreTest {
  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void sigstoreOptionRunsTheFakeSigstoreAndWritesItsUrlsAndTrustedRootToTheEnvFile() throws Exception {
    Path envFile = dir.resolve("fake.env");
    FakeRegistryMain app = new FakeRegistryMain();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
      try {
        return app.run(new String[] {"--port", "0", "--env-file", envFile.toString(), "--sigstore", "--gitlab-run",
            "acme/widgets:.gitlab-ci.yml"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, dev.npmauth.testkit.standalone.OwnThread.EXECUTOR);
    Path root;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(envFile)) {
        assertThat(exit.isDone()).as("runner exited: %s", err).isFalse();
        assertThat(System.nanoTime()).as("no env file after 30 s: %s", err).isLessThan(deadline);
        Thread.sleep(20);
      }
      Map<String, String> env = EnvFile.read(envFile);
      assertThat(env).containsKeys("NPMAUTH_REGISTRY", "NPMAUTH_FULCIO_URL", "NPMAUTH_REKOR_URL", "NPMAUTH_TRUSTED_ROOT",
          "SIGSTORE_ID_TOKEN", "NPM_ID_TOKEN");
      root = Path.of(env.get("NPMAUTH_TRUSTED_ROOT"));
      Map<String, Object> trustedRoot = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
          .fromJson(Files.readString(root));
      List<Map<String, Object>> tlogs = (List<Map<String, Object>>) trustedRoot.get("tlogs");
      assertThat(tlogs).extracting(t -> t.get("baseUrl")).contains(env.get("NPMAUTH_REKOR_URL"));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> config = http.send(HttpRequest.newBuilder(
          URI.create(env.get("NPMAUTH_FULCIO_URL") + "/api/v2/configuration")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(config.body()).contains("https://token.actions.githubusercontent.com", "https://gitlab.com");
      HttpResponse<String> log = http.send(HttpRequest.newBuilder(
          URI.create(env.get("NPMAUTH_REKOR_URL") + "/api/v1/log")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(log.statusCode()).isEqualTo(200);
    } finally {
      app.stop();
      assertThat(app.awaitStopped(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(root).doesNotExist();
  }

  @Test
  void helpDocumentsTheSigstoreOption() throws IOException {
    StringWriter out = new StringWriter();
    assertThat(new FakeRegistryMain().run(new String[] {"--help"}, new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true))).isZero();
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("--sigstore", "NPMAUTH_FULCIO_URL", "NPMAUTH_REKOR_URL",
        "NPMAUTH_TRUSTED_ROOT", "SIGSTORE_ID_TOKEN");
  }
}
