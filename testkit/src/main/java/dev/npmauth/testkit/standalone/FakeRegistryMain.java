package dev.npmauth.testkit.standalone;

import dev.npmauth.testkit.CircleCiRun;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.TrustedPublisher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs a {@link FakeRegistry} as a process, for tests that drive another program (the npm CLI,
 * a shell script) against it.
 *
 * <pre>
 * java -jar npmauth-testkit-standalone.jar --port 0 --env-file /tmp/reg.env \
 *     --trust-github demo-pkg=acme/widgets:release.yml --github-run acme/widgets:release.yml
 * source /tmp/reg.env
 * npm publish --registry "$NPMAUTH_REGISTRY"
 * </pre>
 *
 * <p>Once listening it writes the env file ({@code export NAME='value'} lines: {@code
 * NPMAUTH_REGISTRY}, {@code NPMAUTH_ADMIN_TOKEN}, and each simulated job's CI variables; with
 * {@code --sigstore} also {@code NPMAUTH_FULCIO_URL}, {@code NPMAUTH_REKOR_URL} and {@code
 * NPMAUTH_TRUSTED_ROOT}, the fake Sigstore's {@code trusted_root.json}; with {@code --https}
 * also {@code NPMAUTH_CAFILE}, the registry's CA certificate), prints
 * one line saying where it listens, logs each request (method, path, status) to stderr, and runs
 * until SIGTERM (exit 0). Bad option values exit with 2 and a message naming the expected shape.
 */
@Command(
    name = "npmauth-fake-registry",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "A fake npm registry with fake GitHub Actions, GitLab and CircleCI identity providers.",
    footerHeading = "%n",
    footer = {
      "Once listening it writes the env file: export lines for NPMAUTH_REGISTRY (the registry URL,"
          + " ending in /), NPMAUTH_ADMIN_TOKEN (a token with every right), NPMAUTH_CAFILE with --https,"
          + " NPMAUTH_FULCIO_URL, NPMAUTH_REKOR_URL and NPMAUTH_TRUSTED_ROOT with --sigstore, and the"
          + " CI variables of each simulated job. The file is readable by its owner only.",
      "",
      "It prints one line saying where it listens, logs each request to stderr as METHOD PATH STATUS"
          + " (secrets redacted; 'dropped' for a connection closed on purpose), and runs until SIGTERM"
          + " or SIGINT, then exits 0. Bad option values exit 2 with a message naming the expected shape.",
      "",
      "Test hook: POST /-/testkit/tamper with the admin token and a JSON body naming the package,"
          + " the version and what to tamper with (tarball, signature or remove-signatures).",
      "",
      "Example:",
      "  java -jar npmauth-testkit-standalone.jar --port 0 --env-file /tmp/fake.env \\",
      "      --trust-github demo-pkg=acme/widgets:release.yml \\",
      "      --github-run acme/widgets:release.yml",
      "  . /tmp/fake.env && npm publish --registry \"$NPMAUTH_REGISTRY\""
    })
public final class FakeRegistryMain implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "0", description = "Port to listen on; 0 picks a free one.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on.")
  String host;

  @Option(
      names = "--env-file",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the export lines once listening (written atomically).")
  Path envFile;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description = "The admin token's value; default random.")
  String adminToken;

  @Option(
      names = "--trust-github",
      paramLabel = Specs.TRUST_GITHUB,
      converter = Specs.TrustGitHub.class,
      description = "Trust a GitHub Actions workflow to publish PKG (repeatable).")
  List<TrustedPublisher> trustGithub = new ArrayList<>();

  @Option(
      names = "--trust-gitlab",
      paramLabel = Specs.TRUST_GITLAB,
      converter = Specs.TrustGitLab.class,
      description = "Trust a GitLab CI/CD pipeline to publish PKG (repeatable).")
  List<TrustedPublisher> trustGitlab = new ArrayList<>();

  @Option(
      names = "--trust-circleci",
      paramLabel = Specs.TRUST_CIRCLECI,
      converter = Specs.TrustCircleCi.class,
      description = "Trust a CircleCI pipeline definition to publish PKG (repeatable).")
  List<TrustedPublisher> trustCircleci = new ArrayList<>();

  @Option(
      names = "--github-run",
      paramLabel = Specs.GITHUB_RUN,
      converter = Specs.GitHubRunSpec.class,
      description = "Write the variables of a GitHub Actions job with id-token: write.")
  GitHubRun githubRun;

  @Option(
      names = "--gitlab-run",
      paramLabel = Specs.GITLAB_RUN,
      converter = Specs.GitLabRunSpec.class,
      description = "Write the variables of a GitLab CI/CD job with an NPM_ID_TOKEN.")
  GitLabRun gitlabRun;

  @Option(
      names = "--circleci-run",
      paramLabel = Specs.CIRCLECI_RUN,
      converter = Specs.CircleCiRunSpec.class,
      description = "Write the variables of a CircleCI job with an NPM_ID_TOKEN.")
  CircleCiRun circleciRun;

  @Option(
      names = "--sigstore",
      description = {
        "Also run a fake Sigstore (Fulcio, Rekor, CT log, timestamp authority) that trusts the"
            + " simulated GitHub Actions and GitLab jobs' ID tokens for audience sigstore, for"
            + " keyless provenance signing (npmauth publish --provenance). Adds NPMAUTH_FULCIO_URL,"
            + " NPMAUTH_REKOR_URL and NPMAUTH_TRUSTED_ROOT (its trusted_root.json, which also names"
            + " the registry's attestation log) to the env file; GitLab jobs also get"
            + " SIGSTORE_ID_TOKEN. Its timestamp authority is <Sigstore URL>/tsa (set"
            + " NPMAUTH_TSA_URL to use it)."
      })
  boolean sigstore;

  @Option(
      names = "--https",
      description = {
        "Serve HTTPS instead of HTTP, with a certificate authority made for this run (ECDSA P-256;"
            + " the server certificate names 127.0.0.1, ::1, localhost and --host). NPMAUTH_REGISTRY"
            + " becomes https://..., and NPMAUTH_CAFILE (the CA certificate, PEM) is added to the env"
            + " file: npm takes it as --cafile \"$NPMAUTH_CAFILE\" (or npm_config_cafile)."
      })
  boolean https;

  @Option(
      names = "--seed",
      paramLabel = "DIR",
      description = {
        "Publish every *.tgz in DIR (not its subfolders) as the admin before the env file is"
            + " written (repeatable). A package's versions go in semver order, latest on its highest"
            + " release; publishConfig.tag and publishConfig.access are honoured, and packages are"
            + " public otherwise. A tarball that cannot be published stops the start (exit 2)."
      })
  List<Path> seeds = new ArrayList<>();

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not print a line per request on standard error (errors are still printed).")
  boolean quiet;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Spec CommandSpec spec;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;

  /** Runs until SIGTERM; exit code 0 when stopped, 2 for bad options. */
  public static void main(String[] args) {
    FakeRegistryMain app = new FakeRegistryMain();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (app.running) {
                    app.stop();
                    app.awaitStopped(Duration.ofSeconds(10));
                    System.out.flush();
                    System.err.flush();
                    // A signal would otherwise end the JVM with 143; a clean stop is a success.
                    Runtime.getRuntime().halt(0);
                  }
                },
                "fake-registry-shutdown"));
    System.exit(new CommandLine(app).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FakeRegistry.Builder builder =
        FakeRegistry.builder()
            .host(host)
            .port(port)
            .onRequest(
                r -> {
                  if (quiet) {
                    return;
                  }
                  synchronized (err) {
                    err.println(r.method() + " " + r.path() + " " + (r.status() == 0 ? "dropped" : r.status()));
                    err.flush();
                  }
                });
    if (adminToken != null) {
      builder.adminToken(adminToken);
    }
    builder.sigstore(sigstore);
    builder.https(https);
    seeds.forEach(builder::seed);
    running = true;
    FakeRegistry started;
    try {
      started = builder.start();
    } catch (RuntimeException e) {
      running = false;
      stopped.countDown();
      if (e instanceof IllegalArgumentException) { // a seed folder that cannot be published
        err.println("npmauth-fake-registry: " + e.getMessage());
        err.flush();
        return 2;
      }
      throw e;
    }
    try (FakeRegistry registry = started) {
      trustGithub.forEach(registry::trust);
      trustGitlab.forEach(registry::trust);
      trustCircleci.forEach(registry::trust);

      Map<String, String> env = new LinkedHashMap<>();
      env.put("NPMAUTH_REGISTRY", registry.url().toString());
      env.put("NPMAUTH_ADMIN_TOKEN", registry.adminToken());
      if (https) {
        env.put("NPMAUTH_CAFILE", registry.caCertificateFile().toString());
      }
      registry.sigstore().ifPresent(s -> {
        env.put("NPMAUTH_FULCIO_URL", s.fulcioUrl().toString());
        env.put("NPMAUTH_REKOR_URL", s.rekorUrl().toString());
        env.put("NPMAUTH_TRUSTED_ROOT", s.trustedRootFile().toString());
      });
      if (githubRun != null) {
        merge(env, registry.githubActionsRun(githubRun), err);
      }
      if (gitlabRun != null) {
        merge(env, registry.gitlabRun(gitlabRun), err);
      }
      if (circleciRun != null) {
        merge(env, registry.circleCiRun(circleciRun), err);
      }
      EnvFile.write(envFile, env);
      out.println(
          "npmauth fake registry listening on " + registry.url() + " (env file " + envFile + ")");
      registry.sigstore().ifPresent(s -> out.println("npmauth fake Sigstore listening on " + s.url()
          + " (trusted root " + s.trustedRootFile() + ")"));
      out.flush();
      stopRequested.await();
    } finally {
      running = false;
      stopped.countDown();
    }
    return 0;
  }

  private static void merge(Map<String, String> env, Map<String, String> run, PrintWriter err) {
    for (Map.Entry<String, String> e : run.entrySet()) {
      String previous = env.put(e.getKey(), e.getValue());
      if (previous != null && !previous.equals(e.getValue())) {
        err.println("warning: two simulated jobs set " + e.getKey() + "; the later one wins");
      }
    }
  }

  /** Asks a running {@link #call()} to stop the registry and return. */
  public void stop() {
    stopRequested.countDown();
  }

  /** Waits until {@link #call()} has stopped the registry; false on timeout. */
  public boolean awaitStopped(Duration timeout) {
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
