package dev.npmauth.testkit.standalone;

import dev.npmauth.testkit.CircleCiRun;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.TrustedPublisher;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

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
 *
 * <p>Options are parsed with Apache Commons CLI rather than picocli (which the {@code npmauth} CLI
 * uses): picocli's class files target Java 5, which the JVM's class-data sharing and AOT cache
 * cannot store, and its annotation scan costs more than the rest of a start. {@code
 * bin/npmauth-fake-registry} starts this class with an AOT cache; see the README.
 */
public final class FakeRegistryMain {
  static final String NAME = "npmauth-fake-registry";

  private static final String DESCRIPTION =
      "A fake npm registry with fake GitHub Actions, GitLab and CircleCI identity providers.";

  private static final List<String> FOOTER = List.of(
      "Once listening it writes the env file: export lines for NPMAUTH_REGISTRY (the registry URL,"
          + " ending in /), NPMAUTH_ADMIN_TOKEN (a token with every right), NPMAUTH_CAFILE with --https,"
          + " NPMAUTH_FULCIO_URL, NPMAUTH_REKOR_URL and NPMAUTH_TRUSTED_ROOT with --sigstore, and the"
          + " CI variables of each simulated job. The file is readable by its owner only.",
      "",
      "It prints one line saying where it listens, logs each request to stderr as METHOD PATH STATUS"
          + " (secrets redacted; 'dropped' for a connection closed on purpose), and runs until SIGTERM"
          + " or SIGINT, then exits 0. Bad option values exit 2 with a message naming the expected shape.",
      "",
      "Values (parts are separated by ':'; PKG may be scoped, @scope/name):",
      "  --trust-github    " + Specs.TRUST_GITHUB,
      "  --trust-gitlab    " + Specs.TRUST_GITLAB,
      "  --trust-circleci  " + Specs.TRUST_CIRCLECI,
      "  --github-run      " + Specs.GITHUB_RUN,
      "  --gitlab-run      " + Specs.GITLAB_RUN,
      "  --circleci-run    " + Specs.CIRCLECI_RUN,
      "",
      "Test hook: POST /-/testkit/tamper with the admin token and a JSON body naming the package,"
          + " the version and what to tamper with (tarball, signature, remove-signatures or provenance).",
      "",
      "Example:",
      "  java -jar npmauth-testkit-standalone.jar --port 0 --env-file /tmp/fake.env \\",
      "      --trust-github demo-pkg=acme/widgets:release.yml \\",
      "      --github-run acme/widgets:release.yml",
      "  . /tmp/fake.env && npm publish --registry \"$NPMAUTH_REGISTRY\"");

  private static final Options OPTIONS = new Options()
      .addOption(valued("port", "PORT", "Port to listen on; 0 (the default) picks a free one."))
      .addOption(valued("host", "ADDRESS", "Address to listen on; default 127.0.0.1."))
      .addOption(valued("env-file", "FILE",
          "Required. Where to write the export lines once listening (written atomically)."))
      .addOption(valued("admin-token", "TOKEN", "The admin token's value; default random."))
      .addOption(valued("trust-github", "SPEC",
          "Trust a GitHub Actions workflow to publish a package (repeatable). SPEC: see Values below."))
      .addOption(valued("trust-gitlab", "SPEC",
          "Trust a GitLab CI/CD pipeline to publish a package (repeatable). SPEC: see Values below."))
      .addOption(valued("trust-circleci", "SPEC",
          "Trust a CircleCI pipeline definition to publish a package (repeatable). SPEC: see Values below."))
      .addOption(valued("github-run", "SPEC",
          "Write the variables of a GitHub Actions job with id-token: write. SPEC: see Values below."))
      .addOption(valued("gitlab-run", "SPEC",
          "Write the variables of a GitLab CI/CD job with an NPM_ID_TOKEN. SPEC: see Values below."))
      .addOption(valued("circleci-run", "SPEC",
          "Write the variables of a CircleCI job with an NPM_ID_TOKEN. SPEC: see Values below."))
      .addOption(flag(null, "sigstore",
          "Also run a fake Sigstore (Fulcio, Rekor, CT log, timestamp authority) that trusts the"
              + " simulated GitHub Actions and GitLab jobs' ID tokens for audience sigstore, for"
              + " keyless provenance signing (npmauth publish --provenance). Adds NPMAUTH_FULCIO_URL,"
              + " NPMAUTH_REKOR_URL and NPMAUTH_TRUSTED_ROOT (its trusted_root.json, which also names"
              + " the registry's attestation log) to the env file; GitLab jobs also get"
              + " SIGSTORE_ID_TOKEN. Its timestamp authority is <Sigstore URL>/tsa (set"
              + " NPMAUTH_TSA_URL to use it)."))
      .addOption(flag(null, "https",
          "Serve HTTPS instead of HTTP, with a certificate authority made for this run (ECDSA P-256;"
              + " the server certificate names 127.0.0.1, ::1, localhost and --host). NPMAUTH_REGISTRY"
              + " becomes https://..., and NPMAUTH_CAFILE (the CA certificate, PEM) is added to the env"
              + " file: npm takes it as --cafile \"$NPMAUTH_CAFILE\" (or npm_config_cafile)."))
      .addOption(valued("seed", "DIR",
          "Publish every *.tgz in DIR (not its subfolders) as the admin before the env file is"
              + " written (repeatable). A package's versions go in semver order, latest on its highest"
              + " release; publishConfig.tag and publishConfig.access are honoured, and packages are"
              + " public otherwise. A tarball that cannot be published stops the start (exit 2)."))
      .addOption(flag("q", "quiet",
          "Do not print a line per request on standard error (errors are still printed)."))
      .addOption(flag("h", "help", "Show this help and exit."));

  /** Options that may be given more than once. */
  private static final List<String> REPEATABLE = List.of("trust-github", "trust-gitlab", "trust-circleci", "seed");

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;

  /** What the command line asked for, checked. */
  private record Settings(
      int port,
      String host,
      Path envFile,
      String adminToken,
      List<TrustedPublisher> trusted,
      GitHubRun githubRun,
      GitLabRun gitlabRun,
      CircleCiRun circleciRun,
      boolean sigstore,
      boolean https,
      List<Path> seeds,
      boolean quiet) {}

  /** Runs until SIGTERM; exit code 0 when stopped, 2 for bad options. */
  public static void main(String[] args) {
    FakeRegistryMain app = new FakeRegistryMain();
    Runtime.getRuntime().addShutdownHook(shutdownHook(app));
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    int exitCode;
    try {
      exitCode = app.run(args, out, err);
    } catch (IOException e) {
      err.println(NAME + ": cannot write the env file: " + e);
      exitCode = 1;
    }
    err.flush();
    System.exit(exitCode);
  }

  /**
   * The shutdown hook of {@link #main}, which stops {@code app} cleanly on SIGTERM. {@link
   * StartupTraining} registers and removes one too, so that its classes are in the JVM cache: a
   * class that is not is read from the jar, and the class loader's first read of the jar (some
   * 13,000 entries) costs 10–15 ms at every start.
   */
  static Thread shutdownHook(FakeRegistryMain app) {
    return new Thread(new StopOnSignal(app), "fake-registry-shutdown");
  }

  /** What {@link #shutdownHook} runs. */
  private static final class StopOnSignal implements Runnable {
    private final FakeRegistryMain app;

    StopOnSignal(FakeRegistryMain app) {
      this.app = app;
    }

    @Override
    public void run() {
      if (app.running) {
        app.stop();
        app.awaitStopped(Duration.ofSeconds(10));
        System.out.flush();
        System.err.flush();
        // A signal would otherwise end the JVM with 143; a clean stop is a success.
        Runtime.getRuntime().halt(0);
      }
    }
  }

  /**
   * Parses {@code args}, starts the registry, writes the env file and serves until {@link #stop()}
   * (or SIGTERM when run by {@link #main}).
   *
   * @param args the command line, as documented by {@code --help}
   * @param out where the help and the "listening on" lines go
   * @param err where bad options, warnings and (unless {@code --quiet}) the request log go
   * @return 0 after {@code --help} or a clean stop; 2 for a bad option or a seed that cannot be
   *     published, with a message on {@code err} naming what was wrong and what is allowed
   * @throws IOException if the env file cannot be written
   */
  public int run(String[] args, PrintWriter out, PrintWriter err) throws IOException {
    Settings settings;
    try {
      CommandLine line = DefaultParser.builder().setAllowPartialMatching(false).build().parse(OPTIONS, args);
      if (line.hasOption("help")) {
        stopped.countDown();
        printHelp(out);
        return 0;
      }
      settings = settings(line);
    } catch (ParseException | Specs.BadValue e) {
      stopped.countDown();
      err.println(NAME + ": " + describe(e));
      err.println("Run '" + NAME + " --help' for the options and the shapes of their values.");
      err.flush();
      return 2;
    }
    return serve(settings, out, err);
  }

  /** Every option the runner takes, in the order {@code --help} lists them. */
  static Options options() {
    return OPTIONS;
  }

  private static Option valued(String name, String argName, String description) {
    return Option.builder().longOpt(name).hasArg().argName(argName).desc(description).build();
  }

  private static Option flag(String shortName, String name, String description) {
    return Option.builder(shortName).longOpt(name).desc(description).build();
  }

  private static String describe(Exception e) {
    if (e instanceof UnrecognizedOptionException u) {
      return "unknown option '" + u.getOption() + "'";
    }
    if (e instanceof MissingArgumentException m) {
      return "option --" + m.getOption().getLongOpt() + " needs a value: " + m.getOption().getArgName();
    }
    return e.getMessage();
  }

  private static Settings settings(CommandLine line) throws ParseException {
    if (!line.getArgList().isEmpty()) {
      throw new ParseException("unexpected argument '" + line.getArgList().get(0)
          + "'; every value belongs to an option");
    }
    for (Option option : line.getOptions()) {
      if (option.hasArg() && !REPEATABLE.contains(option.getLongOpt())
          && line.getOptionValues(option.getLongOpt()).length > 1) {
        throw new ParseException("option --" + option.getLongOpt() + " may be given only once");
      }
    }
    String envFile = line.getOptionValue("env-file");
    if (envFile == null) {
      throw new ParseException("missing required option --env-file=FILE (where to write the export lines)");
    }
    List<TrustedPublisher> trusted = new ArrayList<>();
    trusted.addAll(values(line, "trust-github", new Specs.TrustGitHub()));
    trusted.addAll(values(line, "trust-gitlab", new Specs.TrustGitLab()));
    trusted.addAll(values(line, "trust-circleci", new Specs.TrustCircleCi()));
    return new Settings(
        convert("port", line.getOptionValue("port", "0"), FakeRegistryMain::port),
        line.getOptionValue("host", "127.0.0.1"),
        convert("env-file", envFile, FakeRegistryMain::path),
        line.getOptionValue("admin-token"),
        List.copyOf(trusted),
        value(line, "github-run", new Specs.GitHubRunSpec()),
        value(line, "gitlab-run", new Specs.GitLabRunSpec()),
        value(line, "circleci-run", new Specs.CircleCiRunSpec()),
        line.hasOption("sigstore"),
        line.hasOption("https"),
        values(line, "seed", FakeRegistryMain::path),
        line.hasOption("quiet"));
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Specs.BadValue("'" + value + "' is not a port number (0 to 65535; 0 picks a free port)");
  }

  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new Specs.BadValue("'" + value + "' is not a path (" + e.getReason() + ")");
    }
  }

  private static <T> T value(CommandLine line, String option, Specs.Converter<T> converter) {
    String value = line.getOptionValue(option);
    return value == null ? null : convert(option, value, converter);
  }

  private static <T> List<T> values(CommandLine line, String option, Specs.Converter<T> converter) {
    String[] values = line.getOptionValues(option);
    if (values == null) {
      return Collections.emptyList();
    }
    List<T> converted = new ArrayList<>();
    for (String value : values) {
      converted.add(convert(option, value, converter));
    }
    return converted;
  }

  private static <T> T convert(String option, String value, Specs.Converter<T> converter) {
    try {
      return converter.convert(value);
    } catch (Specs.BadValue e) {
      throw new Specs.BadValue("invalid value for option --" + option + ": " + e.getMessage());
    }
  }

  /** Prints the usage, every option with its description, and what the runner does once started. */
  static void printHelp(PrintWriter out) {
    StringBuilder text = new StringBuilder();
    TextHelpAppendable appendable = new TextHelpAppendable(text);
    appendable.setMaxWidth(80);
    HelpFormatter formatter = HelpFormatter.builder().setShowSince(false)
        .setHelpAppendable(appendable)
        .setComparator((a, b) -> 0) // the order above: the options most runs need come first
        .get();
    try {
      formatter.printHelp(NAME + " --env-file FILE [options]", DESCRIPTION, OPTIONS, "", false);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    for (String line : text.toString().split("\n")) {
      out.println(line.stripTrailing());
    }
    for (String paragraph : FOOTER) {
      out.println(paragraph.startsWith(" ") || paragraph.isEmpty() || paragraph.endsWith(":") ? paragraph : wrap(paragraph, 78));
    }
    out.flush();
  }

  private static String wrap(String paragraph, int width) {
    StringBuilder wrapped = new StringBuilder();
    int lineStart = 0;
    for (String word : paragraph.split(" ")) {
      if (wrapped.length() - lineStart + word.length() + 1 > width && wrapped.length() > lineStart) {
        wrapped.append('\n');
        lineStart = wrapped.length();
      } else if (wrapped.length() > lineStart) {
        wrapped.append(' ');
      }
      wrapped.append(word);
    }
    return wrapped.toString();
  }

  private int serve(Settings settings, PrintWriter out, PrintWriter err) throws IOException {
    FakeRegistry.Builder builder =
        FakeRegistry.builder()
            .host(settings.host())
            .port(settings.port())
            .onRequest(
                r -> {
                  if (settings.quiet()) {
                    return;
                  }
                  synchronized (err) {
                    err.println(r.method() + " " + r.path() + " " + (r.status() == 0 ? "dropped" : r.status()));
                    err.flush();
                  }
                });
    if (settings.adminToken() != null) {
      builder.adminToken(settings.adminToken());
    }
    builder.sigstore(settings.sigstore());
    builder.https(settings.https());
    settings.seeds().forEach(builder::seed);
    running = true;
    FakeRegistry started;
    try {
      started = builder.start();
    } catch (RuntimeException e) {
      running = false;
      stopped.countDown();
      if (e instanceof IllegalArgumentException) { // a seed folder that cannot be published
        err.println(NAME + ": " + e.getMessage());
        err.flush();
        return 2;
      }
      throw e;
    }
    try (FakeRegistry registry = started) {
      settings.trusted().forEach(registry::trust);

      Map<String, String> env = new LinkedHashMap<>();
      env.put("NPMAUTH_REGISTRY", registry.url().toString());
      env.put("NPMAUTH_ADMIN_TOKEN", registry.adminToken());
      if (settings.https()) {
        env.put("NPMAUTH_CAFILE", registry.caCertificateFile().toString());
      }
      registry.sigstore().ifPresent(s -> {
        env.put("NPMAUTH_FULCIO_URL", s.fulcioUrl().toString());
        env.put("NPMAUTH_REKOR_URL", s.rekorUrl().toString());
        env.put("NPMAUTH_TRUSTED_ROOT", s.trustedRootFile().toString());
      });
      if (settings.githubRun() != null) {
        merge(env, registry.githubActionsRun(settings.githubRun()), err);
      }
      if (settings.gitlabRun() != null) {
        merge(env, registry.gitlabRun(settings.gitlabRun()), err);
      }
      if (settings.circleciRun() != null) {
        merge(env, registry.circleCiRun(settings.circleciRun()), err);
      }
      EnvFile.write(settings.envFile(), env);
      out.println("npmauth fake registry listening on " + registry.url() + " (env file " + settings.envFile() + ")");
      registry.sigstore().ifPresent(s -> out.println("npmauth fake Sigstore listening on " + s.url()
          + " (trusted root " + s.trustedRootFile() + ")"));
      out.flush();
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  /** Asks a running {@link #run} to stop the registry and return. */
  public void stop() {
    stopRequested.countDown();
  }

  /** Waits until {@link #run} has stopped the registry; false on timeout. */
  public boolean awaitStopped(Duration timeout) {
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
