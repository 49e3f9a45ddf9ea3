package dev.npmauth.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.npmauth.testkit.internal.http.Dispatcher;
import dev.npmauth.testkit.internal.http.FaultSet;
import dev.npmauth.testkit.internal.http.Journal;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.oidc.CiRuns;
import dev.npmauth.testkit.internal.oidc.IdTokenMinter;
import dev.npmauth.testkit.internal.oidc.IdTokenVerifier;
import dev.npmauth.testkit.internal.oidc.IssuerKeys;
import dev.npmauth.testkit.internal.registry.Cidr;
import dev.npmauth.testkit.internal.registry.PackageNames;
import dev.npmauth.testkit.internal.registry.RegistryState;
import dev.npmauth.testkit.internal.registry.Secrets;
import dev.npmauth.testkit.internal.registry.TarballStore;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import dev.npmauth.testkit.internal.registry.TokenStore;
import dev.npmauth.testkit.internal.routes.RouteContext;
import dev.npmauth.testkit.internal.routes.Routes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A fake npm registry with fake CI identity providers, on a loopback port, good enough that the
 * real npm CLI publishes to it through OIDC trusted publishing and installs from it.
 *
 * <pre>{@code
 * try (FakeRegistry registry = FakeRegistry.start()) {
 *   registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
 *   Map<String, String> env = registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
 *   // run the publisher with env and --registry registry.url() ...
 *   assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0");
 * }
 * }</pre>
 *
 * <p>It serves {@code /-/ping}, {@code /-/whoami}, packuments (full and abbreviated), tarballs,
 * publishing ({@code PUT /<name>}), {@code /-/package/<name>/visibility}, and the OIDC token
 * exchange, which verifies ID tokens for real against its own issuers' keys and the package's
 * {@linkplain #trust trusted publishers}. It also plays GitHub's ID-token endpoint for {@link
 * #githubActionsRun simulated jobs}. Every request is kept in the {@link #journal()} with secrets
 * redacted; {@link #inject faults} provoke client retries and timeouts.
 *
 * <p>Thread-safe. {@link #close()} stops the server and deletes the stored tarballs.
 */
public final class FakeRegistry implements AutoCloseable {
  private final Clock clock;
  private final SecureRandom random;
  private final Supplier<String> tokenFactory;
  private final String adminToken;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI url;
  private final TarballStore tarballs;
  private final RegistryState state;
  private final TokenStore tokens;
  private final CiRuns runs;
  private final IdTokens idTokens;
  private final Journal journal = new Journal();
  private final FaultSet faults = new FaultSet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeRegistry(Builder b) throws IOException {
    this.clock = b.clock;
    this.random = new SecureRandom();
    this.tokenFactory = b.tokenFactory != null ? b.tokenFactory : () -> Secrets.npmToken(random);
    this.adminToken = b.adminToken != null ? b.adminToken : Secrets.npmToken(random);

    InetAddress address = InetAddress.getByName(b.host);
    this.server = HttpServer.create(new InetSocketAddress(address, b.port), 64);
    String urlHost = address instanceof Inet6Address ? "[" + b.host + "]" : b.host;
    this.url = URI.create("http://" + urlHost + ":" + server.getAddress().getPort() + "/");
    String audience = "npm:" + url.getHost();

    this.tarballs = new TarballStore();
    this.tokens = new TokenStore(clock);
    this.state = new RegistryState(clock, url, tarballs);
    IssuerKeys keys = new IssuerKeys(random);
    IdTokenMinter minter = new IdTokenMinter(keys);
    this.runs = new CiRuns(minter, clock, random, url, audience);
    this.idTokens = new IdTokens(keys, minter, clock, random, url, audience);
    tokens.add(
        adminToken,
        new TokenGrant(
            "admin", TokenGrant.Kind.ADMIN, false, Set.of(), null, true, List.of(), Set.of()));

    RouteContext ctx =
        new RouteContext(
            clock,
            state,
            tokens,
            tarballs,
            keys,
            new IdTokenVerifier(keys),
            runs,
            audience,
            this::newToken);
    Consumer<RecordedRequest> listener = b.listener != null ? b.listener : r -> {};
    server.createContext("/", new Dispatcher(Routes.build(ctx), faults, journal, clock, listener));
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Settings for a registry; every one is optional.
   *
   * @return a new builder; finish with {@link Builder#start()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a registry with default settings on a free loopback port.
   *
   * @return the running registry; close it when done
   * @throws UncheckedIOException if the server cannot listen or the temp folder cannot be made
   */
  public static FakeRegistry start() {
    return builder().start();
  }

  /**
   * The registry URL, to pass as npm's {@code --registry}.
   *
   * @return {@code http://127.0.0.1:<port>/} (ends in {@code /})
   */
  public URI url() {
    return url;
  }

  /**
   * A token with every right, of user {@code admin}.
   *
   * @return the admin token (a secret: do not log it)
   */
  public String adminToken() {
    return adminToken;
  }

  /**
   * The clock the registry uses for token expiry, packument times and ID tokens.
   *
   * @return the builder's clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Adds a trusted publisher configuration. The package does not need to exist; several
   * configurations per package are allowed (any one matching is enough).
   *
   * @param publisher the configuration, e.g. {@code TrustedPublisher.github("demo-pkg",
   *     "acme/widgets", "release.yml")}
   */
  public void trust(TrustedPublisher publisher) {
    state.trust(Objects.requireNonNull(publisher, "publisher"));
  }

  /**
   * The trusted publisher configurations of a package.
   *
   * @param packageName e.g. {@code @acme/widgets}
   * @return the configurations in the order they were added (empty when none)
   */
  public List<TrustedPublisher> trustedPublishers(String packageName) {
    return state.trustOf(packageName);
  }

  /**
   * Simulates a GitHub Actions job with {@code id-token: write} and returns its environment: {@code
   * CI}, {@code GITHUB_ACTIONS}, {@code ACTIONS_ID_TOKEN_REQUEST_URL} (this registry's stand-in
   * for GitHub's endpoint, with a query already, like GitHub's), {@code
   * ACTIONS_ID_TOKEN_REQUEST_TOKEN}, {@code GITHUB_REPOSITORY}, {@code GITHUB_WORKFLOW_REF}, {@code
   * GITHUB_REF}, {@code GITHUB_SERVER_URL}, {@code RUNNER_ENVIRONMENT}, {@code GITHUB_RUN_ID} and
   * the other variables a real job has.
   *
   * @param run the job to simulate, e.g. {@code GitHubRun.of("acme/widgets", "release.yml")}
   * @return the job's environment: an unmodifiable, ordered map (it holds a secret, the request
   *     token)
   */
  public Map<String, String> githubActionsRun(GitHubRun run) {
    return runs.github(Objects.requireNonNull(run, "run"));
  }

  /**
   * Simulates a GitLab CI/CD job and returns its environment: {@code CI}, {@code GITLAB_CI},
   * {@code NPM_ID_TOKEN} (valid one hour), {@code CI_PROJECT_PATH}, {@code CI_SERVER_URL}, {@code
   * CI_COMMIT_REF_NAME} and others.
   *
   * @param run the job to simulate
   * @return the job's environment: an unmodifiable, ordered map (it holds a secret, the ID token)
   */
  public Map<String, String> gitlabRun(GitLabRun run) {
    return runs.gitlab(Objects.requireNonNull(run, "run"));
  }

  /**
   * Simulates a CircleCI job and returns its environment: {@code CI}, {@code CIRCLECI}, {@code
   * NPM_ID_TOKEN} (valid one hour), {@code CIRCLE_PROJECT_REPONAME} and others.
   *
   * @param run the job to simulate
   * @return the job's environment: an unmodifiable, ordered map (it holds a secret, the ID token)
   */
  public Map<String, String> circleCiRun(CircleCiRun run) {
    return runs.circleci(Objects.requireNonNull(run, "run"));
  }

  /**
   * The fake issuers: mint ID tokens for negative tests, read their public keys.
   *
   * @return this registry's issuers
   */
  public IdTokens idTokens() {
    return idTokens;
  }

  /**
   * Makes a token the registry will honour as {@code spec} says (user, read-only or read-write,
   * packages, expiry, CIDR). The value comes from the builder's token factory.
   *
   * @param spec what the token may do, e.g. {@code TokenSpec.readWrite("alice").packages("demo-pkg")}
   * @return the token, to send as {@code Authorization: Bearer <token>}
   * @throws IllegalArgumentException if the token factory repeats a value
   */
  public String createToken(TokenSpec spec) {
    String token = newToken();
    List<Cidr> cidrs = spec.cidrs().stream().map(Cidr::parse).toList();
    tokens.add(
        token,
        new TokenGrant(
            spec.user(),
            TokenGrant.Kind.USER,
            spec.isReadOnly(),
            spec.packages(),
            spec.expiresIn().map(d -> clock.instant().plus(d)).orElse(null),
            spec.isBypass2fa(),
            cidrs,
            Set.of()));
    return token;
  }

  /**
   * The full packument of a package as the registry serves it, whatever its access.
   *
   * @param packageName e.g. {@code @acme/widgets}
   * @return JSON text, or empty when the package does not exist
   */
  public Optional<String> packument(String packageName) {
    return state.fullPackument(packageName).map(Json::write);
  }

  /**
   * The published versions of a package.
   *
   * @param packageName e.g. {@code demo-pkg}
   * @return the versions in publish order (empty when the package is unknown)
   */
  public List<String> versions(String packageName) {
    return state.versions(packageName);
  }

  /**
   * The stored tarball of a version.
   *
   * @param packageName e.g. {@code demo-pkg}
   * @param version e.g. {@code 1.0.0}
   * @return the bytes exactly as published, or empty when there is no such version
   * @throws UncheckedIOException if the stored file cannot be read
   */
  public Optional<byte[]> tarball(String packageName, String version) {
    return tarballPath(packageName, version)
        .map(
            p -> {
              try {
                return Files.readAllBytes(p);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /**
   * Where the stored tarball of a version lives (deleted on {@link #close()}).
   *
   * @param packageName e.g. {@code demo-pkg}
   * @param version e.g. {@code 1.0.0}
   * @return the file, or empty when there is no such version
   */
  public Optional<Path> tarballPath(String packageName, String version) {
    return state.tarball(packageName, version);
  }

  /**
   * The URL this registry serves a version's tarball at.
   *
   * @param packageName e.g. {@code @acme/widgets}
   * @param version e.g. {@code 1.0.0}
   * @return e.g. {@code http://127.0.0.1:<port>/@acme/widgets/-/widgets-1.0.0.tgz}
   * @throws IllegalArgumentException if the package name is invalid
   */
  public URI tarballUrl(String packageName, String version) {
    return URI.create(state.tarballUrl(PackageNames.check(packageName), version));
  }

  /**
   * Every request received so far (up to the last 10,000), secrets redacted.
   *
   * @return an immutable snapshot, oldest first
   */
  public List<RecordedRequest> journal() {
    return journal.snapshot();
  }

  /** Forgets the requests received so far. */
  public void clearJournal() {
    journal.clear();
  }

  /**
   * Arms a fault; faults are tried in the order they were injected.
   *
   * @param fault e.g. {@code Fault.on("PUT", "/demo-pkg").status(503)}
   * @throws IllegalArgumentException if the fault has no status, no delay and does not drop
   */
  public void inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Disarms every fault. */
  public void clearFaults() {
    faults.clear();
  }

  /** Stops the server (open connections are closed) and deletes the stored tarballs. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      tarballs.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the fake registry's temporary files", e);
    }
  }

  @Override
  public String toString() {
    return "FakeRegistry[" + url + (closed.get() ? ", closed" : "") + "]";
  }

  private String newToken() {
    String token = tokenFactory.get();
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("the token factory returned an empty token");
    }
    return token;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "fake-npm-registry-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Settings for a {@link FakeRegistry}. Every setting is optional. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String host = "127.0.0.1";
    private int port;
    private String adminToken;
    private Supplier<String> tokenFactory;
    private Consumer<RecordedRequest> listener;

    private Builder() {}

    /**
     * The clock for token expiry, packument times and ID token times; default system UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The address to listen on; default {@code 127.0.0.1}. Tests should stay on loopback.
     *
     * @param host an address or host name
     * @return this builder
     */
    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("the host must not be empty");
      }
      this.host = host;
      return this;
    }

    /**
     * The port; default 0, a free port.
     *
     * @param port 0..65535
     * @return this builder
     * @throws IllegalArgumentException if not in 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("a port is between 0 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The admin token's value; default a random {@code npm_…} token.
     *
     * @param adminToken the value
     * @return this builder
     */
    public Builder adminToken(String adminToken) {
      if (adminToken == null || adminToken.isBlank()) {
        throw new IllegalArgumentException("the admin token must not be empty");
      }
      this.adminToken = adminToken;
      return this;
    }

    /**
     * How the registry makes new npm tokens (exchanged and {@linkplain #createToken created}
     * ones); tests plant canary values this way. Values must be unique. Default: random {@code
     * npm_…}.
     *
     * @param tokenFactory called once per new token
     * @return this builder
     */
    public Builder tokenFactory(Supplier<String> tokenFactory) {
      this.tokenFactory = Objects.requireNonNull(tokenFactory, "tokenFactory");
      return this;
    }

    /**
     * Called for each request once it is recorded (already redacted); must be quick.
     *
     * @param listener runs on the server's threads
     * @return this builder
     */
    public Builder onRequest(Consumer<RecordedRequest> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Starts the registry.
     *
     * @return the running registry
     * @throws UncheckedIOException if it cannot listen or cannot make its temp folder
     */
    public FakeRegistry start() {
      try {
        return new FakeRegistry(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fake registry on " + host + ":" + port, e);
      }
    }
  }
}
