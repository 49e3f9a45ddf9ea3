package dev.npmauth.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fake")
class FakeRegistryMainTest {
  private static final String ORG = "11111111-1111-4111-8111-111111111111";
  private static final String PROJECT = "22222222-2222-4222-8222-222222222222";
  private static final String PIPELINE = "33333333-3333-4333-8333-333333333333";

  private final HttpClient client = HttpClient.newHttpClient();

  /** One in-process run of the standalone runner. */
  private static final class Run {
    final FakeRegistryMain app = new FakeRegistryMain();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CompletableFuture<Integer> exit;

    Run(String... args) {
      exit = CompletableFuture.supplyAsync(() -> {
        try {
          return app.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, OwnThread.EXECUTOR);
    }

    /** What the run printed once it contains {@code text} (the env file is written just before). */
    String awaitOutput(String text) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!out.toString().contains(text) && System.nanoTime() < deadline && !exit.isDone()) {
        Thread.sleep(5);
      }
      return out.toString();
    }
  }

  private static Map<String, String> awaitEnvFile(Path file, Run run) throws Exception {
    return EnvFile.await(file, run.exit, run.err::toString, Duration.ofSeconds(20));
  }

  private HttpResponse<String> call(String method, String url, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    if (bearer != null) {
      b.header("authorization", "Bearer " + bearer);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String value(String json) {
    Matcher m = Pattern.compile("\"(?:value|token)\":\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  @Test
  void writesTheEnvFileOfTheRegistryAndItsJobsAndStopsCleanly(@TempDir Path dir) throws Exception {
    Path envFile = dir.resolve("registry.env");
    Run run =
        new Run(
            "--port", "0",
            "--env-file", envFile.toString(),
            "--admin-token", "npm_standalone_admin",
            "--trust-github", "@acme/widgets=acme/widgets:release.yml:prod",
            "--trust-gitlab", "gl-pkg=group/sub/project:.gitlab-ci.yml",
            "--github-run", "acme/widgets:release.yml:prod",
            "--gitlab-run", "group/sub/project:.gitlab-ci.yml");
    try {
      checkRun(envFile, run);
    } finally {
      run.app.stop(); // also when an assertion failed, so the run ends
    }
  }

  private void checkRun(Path envFile, Run run) throws Exception {
    Map<String, String> env = awaitEnvFile(envFile, run);

    String registry = env.get("NPMAUTH_REGISTRY");
    assertThat(registry).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(env)
        .containsEntry("NPMAUTH_ADMIN_TOKEN", "npm_standalone_admin")
        .containsEntry("CI", "true")
        .containsEntry("GITHUB_ACTIONS", "true")
        .containsEntry("GITHUB_REPOSITORY", "acme/widgets")
        .containsEntry("GITHUB_WORKFLOW_REF", "acme/widgets/.github/workflows/release.yml@refs/heads/main")
        .containsEntry("RUNNER_ENVIRONMENT", "github-hosted")
        .containsEntry("GITLAB_CI", "true")
        .containsEntry("CI_PROJECT_PATH", "group/sub/project")
        .containsKeys("ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "NPM_ID_TOKEN");
    assertThat(env.keySet()).startsWith("NPMAUTH_REGISTRY", "NPMAUTH_ADMIN_TOKEN");
    assertThat(Files.getPosixFilePermissions(envFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(run.awaitOutput("listening on " + registry)).contains("listening on " + registry);

    // The trust flags were applied: both jobs can exchange their ID tokens.
    String idToken =
        value(call("GET", env.get("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=npm%3A127.0.0.1",
            env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")).body());
    HttpResponse<String> github =
        call("POST", registry + "-/npm/v1/oidc/token/exchange/package/@acme%2fwidgets", idToken);
    assertThat(github.statusCode()).as(github.body()).isEqualTo(201);
    String exchanged = value(github.body());
    HttpResponse<String> gitlab =
        call("POST", registry + "-/npm/v1/oidc/token/exchange/package/gl-pkg", env.get("NPM_ID_TOKEN"));
    assertThat(gitlab.statusCode()).as(gitlab.body()).isEqualTo(201);

    run.app.stop();
    assertThat(run.exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThatThrownBy(() -> call("GET", registry + "-/ping", null)).isInstanceOf(ConnectException.class);
    String log = run.err.toString();
    assertThat(log).contains("POST /-/npm/v1/oidc/token/exchange/package/@acme%2fwidgets 201");
    assertThat(log)
        .doesNotContain("npm_standalone_admin")
        .doesNotContain(env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"))
        .doesNotContain(idToken)
        .doesNotContain(exchanged);
  }

  @Test
  void circleciTrustAndRunAcceptVcsOriginsWithSlashes(@TempDir Path dir) throws Exception {
    Path envFile = dir.resolve("sub/dir/cc.env");
    String spec = ORG + ":" + PROJECT + ":" + PIPELINE + ":github.com/acme/widgets";
    Run run =
        new Run("--env-file", envFile.toString(),
            "--trust-circleci", "@acme/cc=" + spec, "--circleci-run", spec);
    Map<String, String> env = awaitEnvFile(envFile, run);
    try {
      assertThat(env).containsEntry("CIRCLECI", "true").containsKey("NPM_ID_TOKEN");
      HttpResponse<String> r =
          call("POST", env.get("NPMAUTH_REGISTRY") + "-/npm/v1/oidc/token/exchange/package/@acme%2fcc",
              env.get("NPM_ID_TOKEN"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    } finally {
      run.app.stop();
    }
    assertThat(run.exit.get(20, TimeUnit.SECONDS)).isZero();
  }

  private static Run failing(String... args) throws Exception {
    Run run = new Run(args);
    assertThat(run.exit.get(20, TimeUnit.SECONDS)).as(run.err.toString()).isEqualTo(2);
    return run;
  }

  @Test
  void badValuesExitWithTwoAndNameTheExpectedShape(@TempDir Path dir) throws Exception {
    String env = dir.resolve("x.env").toString();
    assertThat(failing("--env-file", env, "--trust-github", "demo-pkg=acme:release.yml").err.toString())
        .contains("--trust-github")
        .contains("PKG=OWNER/REPO:WORKFLOW_FILE[:ENVIRONMENT]")
        .contains("OWNER/REPO");
    assertThat(failing("--env-file", env, "--trust-github", "acme/widgets:release.yml").err.toString())
        .contains("missing PKG=");
    assertThat(failing("--env-file", env, "--trust-gitlab", "pkg=project:.gitlab-ci.yml").err.toString())
        .contains("PKG=GROUP/PROJECT:CONFIG_FILE[:ENVIRONMENT]");
    assertThat(failing("--env-file", env, "--trust-circleci", "pkg=" + ORG + ":" + PROJECT + ":" + PIPELINE).err.toString())
        .contains("PKG=ORG_ID:PROJECT_ID:PIPELINE_DEFINITION_ID:VCS_ORIGIN");
    assertThat(failing("--env-file", env, "--circleci-run", "a:b:c:github.com/x/y").err.toString())
        .contains("UUID");
    assertThat(failing("--env-file", env, "--github-run", "acme/widgets").err.toString())
        .contains("OWNER/REPO:WORKFLOW_FILE[:ENVIRONMENT]");
    assertThat(failing("--trust-github", "demo-pkg=acme/widgets:release.yml").err.toString())
        .contains("--env-file");
    assertThat(Files.exists(dir.resolve("x.env"))).isFalse();
  }

  @Test
  void helpPrintsUsageAndExitsZero() throws Exception {
    Run run = new Run("--help");
    assertThat(run.exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(run.out.toString()).contains("--trust-github").contains("--circleci-run").contains("--env-file");
  }
}
