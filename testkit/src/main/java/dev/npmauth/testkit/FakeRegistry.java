package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.http.BlockingHttpServer;
import dev.npmauth.testkit.internal.http.Dispatcher;
import dev.npmauth.testkit.internal.http.FaultSet;
import dev.npmauth.testkit.internal.http.Journal;
import dev.npmauth.testkit.internal.http.ListenAddress;
import dev.npmauth.testkit.internal.http.TlsMaterial;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.oidc.CiRuns;
import dev.npmauth.testkit.internal.oidc.IdTokenMinter;
import dev.npmauth.testkit.internal.oidc.IdTokenVerifier;
import dev.npmauth.testkit.internal.oidc.IssuerKeys;
import dev.npmauth.testkit.internal.registry.AccountSettings;
import dev.npmauth.testkit.internal.registry.Accounts;
import dev.npmauth.testkit.internal.registry.Checks;
import dev.npmauth.testkit.internal.registry.Cidr;
import dev.npmauth.testkit.internal.registry.LoginSessions;
import dev.npmauth.testkit.internal.registry.OsEntropy;
import dev.npmauth.testkit.internal.registry.PackageNames;
import dev.npmauth.testkit.internal.registry.RegistrySnapshots;
import dev.npmauth.testkit.internal.registry.RegistryState;
import dev.npmauth.testkit.internal.registry.Secrets;
import dev.npmauth.testkit.internal.registry.Seeding;
import dev.npmauth.testkit.internal.registry.Tampering;
import dev.npmauth.testkit.internal.registry.TarballStore;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import dev.npmauth.testkit.internal.registry.TokenRecord;
import dev.npmauth.testkit.internal.registry.TokenStore;
import dev.npmauth.testkit.internal.registry.UserTokens;
import dev.npmauth.testkit.internal.registry.Users;
import dev.npmauth.testkit.internal.routes.RouteContext;
import dev.npmauth.testkit.internal.routes.Routes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

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
 * <p>Accounts: {@link #createUser users} log in with a password ({@code PUT
 * /-/user/org.couchdb.user:<name>}) or through the web login, which waits for {@link #approveLogin};
 * accounts with two-factor authentication must send the {@link #otp current code} on writes unless
 * the token bypasses 2FA. The token API ({@code /-/npm/v1/tokens}) creates, lists and revokes
 * granular tokens, and the trust endpoints ({@code /-/package/<name>/trust}) store what the OIDC
 * exchange matches; {@link #tokensOf}, {@link #tokenWorks} and {@link #trustSettings} show the
 * state.
 *
 * <p>For tests: {@link Builder#clock(Clock) a TestClock} moves time by hand; {@link
 * Builder#https(boolean) HTTPS} with a certificate authority made for this registry ({@link
 * #certificateAuthorityPem()}, {@link #caCertificateFile()}, {@link #sslContext()}); {@link
 * #snapshot()} and {@link #restore} undo a test's changes; {@link #seed(Path)} publishes a folder
 * of tarballs. {@code FakeRegistryExtension} (package {@code dev.npmauth.testkit.junit}) injects
 * registries into JUnit 5 tests, and {@code FakeRegistryAssertions} ({@code
 * dev.npmauth.testkit.assertj}) asserts on their state and journal.
 *
 * <p>Thread-safe. {@link #close()} stops the server and deletes the stored tarballs.
 */
public final class FakeRegistry implements AutoCloseable {
  private final Clock clock;
  private final SecureRandom random;
  private final Supplier<String> tokenFactory;
  private final String adminToken;
  private final BlockingHttpServer server;
  private final URI url;
  private final TarballStore tarballs;
  private final RegistryState state;
  private final TokenStore tokens;
  private final Accounts accounts;
  private final CiRuns runs;
  private final IdTokens idTokens;
  private final IdTokenMinter minter;
  private final dev.npmauth.testkit.sigstore.FakeSigstore sigstore;
  private final Journal journal = new Journal();
  private final FaultSet faults = new FaultSet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final TlsMaterial tls; // null: plain http
  private Path caFile; // written on first use; guarded by tlsFileLock
  private final Object tlsFileLock = new Object();

  private FakeRegistry(Builder b) throws IOException {
    this.clock = b.clock;
    InetAddress address = InetAddress.getByName(b.host);
    this.random = OsEntropy.secureRandom();
    this.tokenFactory = b.tokenFactory != null ? b.tokenFactory : () -> Secrets.npmToken(random);
    this.adminToken = b.adminToken != null ? b.adminToken : Secrets.npmToken(random);

    this.tls = b.https ? TlsMaterial.generate(b.host, random) : null;
    // Bound now, so that a port in use fails before anything else is made; requests wait in the
    // backlog until the handler is set at the end of this constructor.
    this.server = new BlockingHttpServer(address, b.port, tls == null ? null : tls.serverContext(),
        "fake-npm-registry");
    // Nothing below may leave the bound socket (or a started fake Sigstore) open when it fails.
    dev.npmauth.testkit.sigstore.FakeSigstore startedSigstore = null;
    try {
      String urlHost = address instanceof Inet6Address ? "[" + b.host + "]" : b.host;
      this.url = URI.create((tls != null ? "https" : "http") + "://" + urlHost + ":" + server.port() + "/");
      String audience = "npm:" + url.getHost();

      this.tarballs = new TarballStore();
      this.tokens = new TokenStore(clock);
      this.accounts =
          new Accounts(
              new Users(clock, random),
              new LoginSessions(clock),
              new UserTokens(tokens, tokenFactory, random, clock),
              new AccountSettings(
                  b.maxWriteTokenLifetime, b.defaultWriteTokenLifetime, b.tokenPageSize, b.loginRetryAfter),
              url);
      this.state = new RegistryState(clock, url, tarballs);
      IssuerKeys keys = new IssuerKeys(random);
      this.minter = new IdTokenMinter(keys);
      this.runs = new CiRuns(minter, clock, random, url, audience);
      this.idTokens = new IdTokens(keys, minter, clock, random, url, audience);
      tokens.addKeyedOnFirstUse(
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
              this::newToken,
              accounts);
      Consumer<RecordedRequest> listener = b.listener != null ? b.listener : r -> {};
      Dispatcher dispatcher = new Dispatcher(Routes.build(ctx), faults, journal, clock, listener);
      startedSigstore = b.sigstore ? startSigstore(b, keys) : null;
      this.sigstore = startedSigstore;
      server.start(dispatcher);
    } catch (RuntimeException | Error e) {
      closeAfterFailedStart(e, startedSigstore, server);
      throw e;
    }
    try {
      for (Path folder : b.seeds) {
        seed(folder);
      }
    } catch (RuntimeException | Error e) {
      closeAfterFailedStart(e, this);
      throw e;
    }
  }

  /** Closes what a failed start made, each on its own; what they throw is added to {@code failure}. */
  private static void closeAfterFailedStart(Throwable failure, AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception | Error e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * A fake Sigstore whose Fulcio trusts this registry's GitHub and GitLab issuers, and whose
   * trusted root also names the log of this registry's publish attestations.
   */
  private dev.npmauth.testkit.sigstore.FakeSigstore startSigstore(Builder b, IssuerKeys keys) {
    return dev.npmauth.testkit.sigstore.FakeSigstore.builder()
        .clock(clock)
        .host(b.host)
        .trustIssuer(CiProvider.GITHUB, dev.npmauth.testkit.internal.oidc.Issuers.GITHUB,
            () -> keys.jwksJson(CiProvider.GITHUB))
        .trustIssuer(CiProvider.GITLAB, dev.npmauth.testkit.internal.oidc.Issuers.GITLAB,
            () -> keys.jwksJson(CiProvider.GITLAB))
        .alsoTrust(Json.write(state.signer().trustedRoot()))
        .start();
  }

  /**
   * The fake Sigstore started with this registry ({@link Builder#sigstore(boolean)}): Fulcio
   * accepts this registry's GitHub Actions and GitLab ID tokens for audience {@code sigstore}, and
   * its trusted root verifies both the provenance signed there and this registry's publish
   * attestations.
   *
   * @return the fake Sigstore, or empty when the registry was started without one
   */
  public Optional<dev.npmauth.testkit.sigstore.FakeSigstore> sigstore() {
    return Optional.ofNullable(sigstore);
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
   * @return {@code http://127.0.0.1:<port>/}, or {@code https://…} for an {@linkplain
   *     Builder#https(boolean) HTTPS} registry (ends in {@code /})
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
   * configurations per package are allowed (any one matching is enough). The trust endpoint
   * ({@code npm trust …}) is stricter: it allows one per package, for existing packages only.
   *
   * @param publisher the configuration, e.g. {@code TrustedPublisher.github("demo-pkg",
   *     "acme/widgets", "release.yml")}
   * @return the configuration's id (an equal configuration added before keeps its id)
   */
  public String trust(TrustedPublisher publisher) {
    return state.trust(Objects.requireNonNull(publisher, "publisher"));
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
   * CI_COMMIT_REF_NAME} and others; with a {@linkplain Builder#sigstore fake Sigstore} also {@code
   * SIGSTORE_ID_TOKEN} (the same claims, audience {@code sigstore}).
   *
   * @param run the job to simulate
   * @return the job's environment: an unmodifiable, ordered map (it holds a secret, the ID token)
   */
  public Map<String, String> gitlabRun(GitLabRun run) {
    Map<String, String> env = runs.gitlab(Objects.requireNonNull(run, "run"));
    if (sigstore == null) {
      return env;
    }
    // With a fake Sigstore the job also has `id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore`, which
    // GitLab mints with the same claims as the job's other ID tokens.
    Map<String, String> withSigstore = new java.util.LinkedHashMap<>(env);
    withSigstore.put("SIGSTORE_ID_TOKEN", sameJobToken(env.get("NPM_ID_TOKEN"), "sigstore"));
    return java.util.Collections.unmodifiableMap(withSigstore);
  }

  private String sameJobToken(String token, String audience) {
    try {
      Map<String, Object> claims = new java.util.LinkedHashMap<>(
          com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().toJSONObject());
      claims.put("aud", audience);
      claims.put("jti", java.util.UUID.randomUUID().toString());
      return minter.sign(CiProvider.GITLAB, claims);
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("the registry minted an ID token it cannot read", e);
    }
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
    List<Cidr> cidrs = spec.cidrs().stream().map(Cidr::parse).toList();
    TokenGrant grant =
        new TokenGrant(
            spec.user(),
            TokenGrant.Kind.USER,
            spec.isReadOnly(),
            spec.packages(),
            spec.expiresIn().map(d -> clock.instant().plus(d)).orElse(null),
            spec.isBypass2fa(),
            cidrs,
            Set.of());
    String permission = spec.isReadOnly() ? "read-only" : "read-write";
    return accounts
        .issuer()
        .issue(grant, "testkit", null, "testkit", permission, null, Set.of(), spec.packages().isEmpty())
        .token();
  }

  /**
   * Creates an account that can log in with its password ({@code npm login}), create granular
   * tokens ({@code npm token create} asks for the password) and, with 2FA, must give one-time
   * passwords (see {@link TwoFactorMode}).
   *
   * @param spec the account, e.g. {@code UserSpec.of("alice", "pw").twoFactor(AUTH_AND_WRITES)}
   * @throws IllegalArgumentException if a user with that name exists
   */
  public void createUser(UserSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Users.TwoFactor mode =
        switch (spec.twoFactorMode()) {
          case NONE -> Users.TwoFactor.NONE;
          case AUTH_ONLY -> Users.TwoFactor.AUTH_ONLY;
          case AUTH_AND_WRITES -> Users.TwoFactor.AUTH_AND_WRITES;
        };
    accounts.users().add(spec.name(), spec.password(), spec.email(), mode);
  }

  /**
   * The one-time password an authenticator app would show now (by the registry's clock) for a
   * user with 2FA. The registry accepts it, and the codes of the 30-second steps just before and
   * after.
   *
   * @param user the user name
   * @return six digits (a secret: do not log it)
   * @throws IllegalArgumentException for an unknown user or one without 2FA
   */
  public String otp(String user) {
    return accounts.users().currentOtp(user);
  }

  /**
   * A login session token for a user, as {@code npm login} would get: read-write on every
   * package, valid two hours. The user does not need an account.
   *
   * @param user the user name
   * @return the token (a secret)
   */
  public String loginSession(String user) {
    Checks.notBlank(user, "the user name");
    return accounts.issuer().session(user).token();
  }

  /**
   * The web logins ({@code npm login}, {@code POST /-/v1/login}) waiting for approval.
   *
   * @return their session ids, oldest first
   */
  public List<String> pendingLogins() {
    return accounts.logins().pending();
  }

  /**
   * Approves waiting web logins as if {@code user} had logged in in a browser: the next poll of
   * the login's done URL gets a session token of {@code user}.
   *
   * @param sessionId a session id from {@link #pendingLogins()}, or {@code all}
   * @param user the user the login is for (no account needed)
   * @return how many logins were approved
   */
  public int approveLogin(String sessionId, String user) {
    Checks.notBlank(sessionId, "the session id");
    Checks.notBlank(user, "the user name");
    return accounts.logins().approve(sessionId, user);
  }

  /**
   * The tokens users hold now (granular tokens, login sessions, tokens made with {@link
   * #createToken}), oldest first; revoked tokens are gone, expired ones stay until revoked.
   *
   * @return what the registry knows about each (never the token itself)
   */
  public List<IssuedToken> tokens() {
    return tokens.listed().stream().map(FakeRegistry::issued).toList();
  }

  /**
   * The tokens of one user, oldest first.
   *
   * @param user the user name
   * @return what the registry knows about each
   */
  public List<IssuedToken> tokensOf(String user) {
    return tokens.listed(user).stream().map(FakeRegistry::issued).toList();
  }

  /**
   * Whether the registry would accept a token now: known, not revoked and not expired (CIDR
   * limits aside).
   *
   * @param token the token value
   * @return true when it works
   */
  public boolean tokenWorks(String token) {
    return tokens.works(token);
  }

  private static IssuedToken issued(TokenStore.Entry e) {
    TokenGrant g = e.grant();
    TokenRecord r = e.record();
    return new IssuedToken(
        r.key(),
        g.user(),
        r.origin(),
        Optional.ofNullable(r.name()),
        Optional.ofNullable(r.description()),
        g.readOnly(),
        g.noPackageAccess(),
        g.packages(),
        g.scopes(),
        r.orgs(),
        Optional.ofNullable(r.orgsPermission()),
        g.cidrs().stream().map(Cidr::toString).toList(),
        g.bypass2fa(),
        r.created(),
        Optional.ofNullable(g.expires()));
  }

  /**
   * The trusted publisher configurations of a package with their ids, whether added with {@link
   * #trust} or through the trust endpoint ({@code npm trust github …}).
   *
   * @param packageName e.g. {@code demo-pkg}
   * @return the settings in the order they were added
   */
  public List<TrustSetting> trustSettings(String packageName) {
    return state.trustSettingsOf(packageName);
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
   * A package's dist-tags.
   *
   * @param packageName the package
   * @return tag to version; empty when the package does not exist
   */
  public Map<String, String> distTags(String packageName) {
    return state.distTags(packageName).orElse(Map.of());
  }

  /**
   * The versions waiting on the stage, oldest first, as {@code <name>@<version>} with their stage
   * ids.
   *
   * @return stage id to {@code name@version}
   */
  public Map<String, String> stagedVersions() {
    Map<String, String> staged = new java.util.LinkedHashMap<>();
    state.stage().list(Optional.empty())
        .forEach(e -> staged.put(e.id(), e.publish().name() + "@" + e.publish().version()));
    return staged;
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
   * The key the registry signs with: each stored version gets {@code dist.signatures} over
   * {@code <name>@<version>:<integrity>}, and versions published with provenance get a publish
   * attestation signed with it. {@code GET /-/npm/v1/keys} lists it.
   *
   * @return the key id and public key
   */
  public RegistrySigningKey signingKey() {
    return new RegistrySigningKey(state.signer().keyId(), state.signer().publicKeyBase64());
  }

  /**
   * The registry's answer to {@code GET /-/npm/v1/keys}.
   *
   * @return {@code {"keys":[{"expires":null,"keyid":…,"keytype":"ecdsa-sha2-nistp256",…}]}}
   */
  public String signingKeysJson() {
    return Json.write(state.signer().keysDocument());
  }

  /**
   * The {@code trusted_root.json} of the registry's fake Sigstore: the transparency log its
   * publish attestations are logged in, and the certificate authority and CT log of
   * {@link #provenanceBundle}. Verify the registry's attestations against it (also served at
   * {@code GET /-/testkit/sigstore/trusted_root.json}).
   *
   * @return the trusted root JSON
   */
  public String sigstoreTrustedRoot() {
    return Json.write(state.signer().trustedRoot());
  }

  /**
   * SLSA provenance for a tarball, as {@code npm publish --provenance} in a GitHub Actions run
   * would attach it: a Sigstore bundle v0.3 whose DSSE statement names
   * {@code pkg:npm/<name>@<version>} and the tarball's sha512, signed with a certificate of the
   * fake Sigstore carrying the run's workflow identity, logged in its transparency log. Publish
   * it with the tarball (the {@code <name>-<version>.sigstore} attachment) and the registry
   * serves it with its publish attestation on {@code /-/npm/v1/attestations/<name>@<version>}.
   *
   * @param tarball the tarball bytes
   * @param name the package name
   * @param version the version
   * @param run the workflow run that "built" it
   * @return the bundle JSON
   */
  public String provenanceBundle(byte[] tarball, String name, String version, GitHubRun run) {
    Objects.requireNonNull(tarball, "tarball");
    Objects.requireNonNull(run, "run");
    return Json.write(state.signer().sigstore().provenance(tarball, PackageNames.check(name),
        Checks.notBlank(version, "the version"), run, clock.instant()));
  }

  /**
   * The attestations the registry serves for a version.
   *
   * @param packageName the package
   * @param version the version
   * @return the {@code {"attestations":[…]}} JSON, or empty when the version was published
   *     without provenance
   */
  public Optional<String> attestations(String packageName, String version) {
    return state.signer().attestations(packageName, version).map(Json::write);
  }

  /**
   * Test hook: replaces a stored tarball, and its {@code dist.integrity} and {@code dist.shasum}
   * with the new bytes' digests, but not its registry signature, as an attacker who can write
   * the store but not sign would. Lockfiles made before disagree with the registry afterwards,
   * and the signature no longer verifies.
   *
   * @param packageName the package
   * @param version the version
   * @param bytes the new tarball bytes
   * @throws IllegalArgumentException if there is no such version
   */
  public void replaceTarball(String packageName, String version, byte[] bytes) {
    new Tampering(state).replaceTarball(packageName, version, Objects.requireNonNull(bytes, "bytes"));
  }

  /**
   * Test hook: changes one byte of a version's registry signature, so it no longer verifies.
   *
   * @param packageName the package
   * @param version the version
   * @throws IllegalArgumentException if there is no such version or it has no signature
   */
  public void corruptSignature(String packageName, String version) {
    new Tampering(state).corruptSignature(packageName, version);
  }

  /**
   * Test hook: removes a version's {@code dist.signatures}, so that it is reported as missing
   * its signature (the registry still lists its key).
   *
   * @param packageName the package
   * @param version the version
   * @throws IllegalArgumentException if there is no such version
   */
  public void removeSignatures(String packageName, String version) {
    new Tampering(state).removeSignatures(packageName, version);
  }

  /**
   * Test hook: changes one byte of the DSSE signature of a version's stored provenance, so the
   * attestation served no longer verifies.
   *
   * @param packageName the package
   * @param version the version
   * @throws IllegalArgumentException if the version has no provenance
   */
  public void corruptProvenance(String packageName, String version) {
    new Tampering(state).corruptProvenance(packageName, version);
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
   * @throws IllegalArgumentException if the fault was given nothing to do
   */
  public void inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Disarms every fault. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * The packages the registry holds, whatever their access.
   *
   * @return their names, sorted
   */
  public List<String> packages() {
    return state.packageNames();
  }

  /**
   * Copies the registry's state — packages with their tarballs, dist-tags, attestations, trust
   * settings, staged versions, tokens, users, web logins in progress — so that {@link #restore}
   * can put it back. The journal, faults, simulated CI jobs and keys are not part of it. Take it
   * while no request is in flight.
   *
   * <pre>{@code
   * RegistrySnapshot clean = registry.snapshot();
   * client.publisher().publish(request);            // the test changes the registry
   * registry.restore(clean);                         // the publish is gone again
   * }</pre>
   *
   * @return the snapshot; its tarball copies are deleted when the registry closes
   * @throws UncheckedIOException if a tarball cannot be copied
   * @throws IllegalStateException if the registry is closed
   */
  public RegistrySnapshot snapshot() {
    requireOpen();
    try {
      return new RegistrySnapshot(this,
          RegistrySnapshots.capture(state, tokens, accounts, tarballs, clock.instant()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the fake registry's tarballs for a snapshot", e);
    }
  }

  /**
   * Puts back the state a {@link #snapshot()} copied: what was published, created, staged or
   * changed since is gone, and what was removed since is back. A snapshot can be restored any
   * number of times. Tokens issued since stop working; tokens revoked since work again.
   *
   * @param snapshot a snapshot of this registry
   * @throws IllegalArgumentException if the snapshot was taken of another registry
   * @throws UncheckedIOException if a tarball cannot be copied (the state is then unchanged)
   * @throws IllegalStateException if the registry is closed
   */
  public void restore(RegistrySnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    requireOpen();
    if (snapshot.owner() != this) {
      throw new IllegalArgumentException(snapshot + " was taken of " + snapshot.owner()
          + ", not of " + this + ": a snapshot is restored into the registry that took it");
    }
    try {
      RegistrySnapshots.restore(snapshot.copy(), state, tokens, accounts, tarballs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the snapshot's tarballs back into the fake registry", e);
    }
  }

  /**
   * Publishes every {@code *.tgz} in a folder (not its subfolders) as the admin, as {@code npm
   * publish <tarball>} would: each version's manifest is its {@code package/package.json}, with
   * the README's text. A package's versions are published in semver order, the one that becomes
   * {@code latest} (its highest release, or its highest prerelease when it has only prereleases)
   * last; the others get their {@code publishConfig.tag} if they have one. Access is {@code
   * publishConfig.access}, else public. Seeding does not show in the journal.
   *
   * <pre>{@code
   * registry.seed(Path.of("src/test/resources/registry"));   // left-pad-1.3.0.tgz, @acme-widgets-2.0.0.tgz, ...
   * assertThat(registry.versions("left-pad")).contains("1.3.0");
   * }</pre>
   *
   * @param folder a folder of tarballs
   * @return what was published, as {@code name@version}, in publish order
   * @throws IllegalArgumentException if the folder is missing, or a tarball has no readable
   *     {@code package.json}, an invalid name or version, or a version already there (every
   *     problem is named, and nothing is published)
   * @throws UncheckedIOException if a tarball cannot be read or stored
   */
  public List<String> seed(Path folder) {
    Objects.requireNonNull(folder, "folder");
    requireOpen();
    TokenGrant admin = tokens.byValue(adminToken).orElseThrow().grant();
    return new Seeding(state, tarballs, admin).seed(folder);
  }

  /**
   * The certificate authority this HTTPS registry's server certificate chains to, made for this
   * registry alone (ECDSA P-256; the server certificate names {@code 127.0.0.1}, {@code ::1},
   * {@code localhost} and the builder's host). Give it to clients to trust: npm takes it as
   * {@code --cafile FILE} or {@code npm_config_cafile=FILE} (see {@link #caCertificateFile()});
   * Node's own {@code fetch} as {@code NODE_EXTRA_CA_CERTS=FILE} (npm 11 ignores that one).
   *
   * @return the CA certificate in PEM ({@code -----BEGIN CERTIFICATE-----} …)
   * @throws IllegalStateException if the registry serves plain HTTP
   */
  public String certificateAuthorityPem() {
    return requireTls().authorityPem();
  }

  /**
   * The certificate authority of this HTTPS registry, for a trust store.
   *
   * @return the CA certificate
   * @throws IllegalStateException if the registry serves plain HTTP
   */
  public X509Certificate certificateAuthority() {
    return requireTls().authority();
  }

  /**
   * A PEM file holding {@link #certificateAuthorityPem()}, for programs that take a file:
   *
   * <pre>{@code
   * npm ping --registry <url> --cafile <file>
   * }</pre>
   *
   * @return the file (written on first call, deleted when the registry closes)
   * @throws IllegalStateException if the registry serves plain HTTP, or is closed
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path caCertificateFile() {
    TlsMaterial material = requireTls();
    synchronized (tlsFileLock) {
      requireOpen();
      if (caFile == null) {
        try {
          caFile = Files.writeString(tarballs.directory().resolve("ca.pem"), material.authorityPem());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write the fake registry's CA certificate", e);
        }
      }
      return caFile;
    }
  }

  /**
   * A client TLS context that trusts this registry's CA and nothing else, e.g. for {@code
   * HttpClient.newBuilder().sslContext(registry.sslContext())}.
   *
   * @return a new context
   * @throws IllegalStateException if the registry serves plain HTTP
   */
  public SSLContext sslContext() {
    return requireTls().clientContext();
  }

  /**
   * A trust manager that trusts this registry's CA and nothing else, e.g. for OkHttp's {@code
   * sslSocketFactory(registry.sslContext().getSocketFactory(), registry.trustManager())}.
   *
   * @return a new trust manager
   * @throws IllegalStateException if the registry serves plain HTTP
   */
  public X509TrustManager trustManager() {
    return requireTls().trustManager();
  }

  private TlsMaterial requireTls() {
    if (tls == null) {
      throw new IllegalStateException(this + " serves plain HTTP: build it with FakeRegistry.builder().https(true)"
          + " to get a certificate authority");
    }
    return tls;
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** Stops the server (open connections are closed) and deletes the stored tarballs. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.close();
    if (sigstore != null) {
      sigstore.close();
    }
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

  /** Settings for a {@link FakeRegistry}. Every setting is optional. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String host = "127.0.0.1";
    private int port;
    private String adminToken;
    private Supplier<String> tokenFactory;
    private Consumer<RecordedRequest> listener;
    private Duration maxWriteTokenLifetime = Duration.ofDays(90);
    private Duration defaultWriteTokenLifetime = Duration.ofDays(7);
    private int tokenPageSize = 100;
    private Duration loginRetryAfter = Duration.ofSeconds(1);
    private boolean sigstore;
    private boolean https;
    private final List<Path> seeds = new ArrayList<>();

    private Builder() {}

    /**
     * Serves HTTPS instead of HTTP: the registry makes its own certificate authority and a server
     * certificate for {@code 127.0.0.1}, {@code ::1}, {@code localhost} and the host, and its URL
     * becomes {@code https://127.0.0.1:<port>/}. Hand the CA to clients with {@link
     * FakeRegistry#caCertificateFile()}, {@link FakeRegistry#sslContext()} or {@link
     * FakeRegistry#trustManager()}. Default off.
     *
     * <pre>{@code
     * try (FakeRegistry registry = FakeRegistry.builder().https(true).start()) {
     *   HttpClient client = HttpClient.newBuilder().sslContext(registry.sslContext()).build();
     *   // npm: npm ping --registry registry.url() --cafile registry.caCertificateFile()
     * }
     * }</pre>
     *
     * @param enabled whether to serve HTTPS
     * @return this builder
     */
    public Builder https(boolean enabled) {
      this.https = enabled;
      return this;
    }

    /**
     * Publishes every {@code *.tgz} of a folder when the registry starts, as {@link
     * FakeRegistry#seed(Path)} does; may be given several times.
     *
     * @param folder a folder of tarballs
     * @return this builder
     */
    public Builder seed(Path folder) {
      seeds.add(Objects.requireNonNull(folder, "folder"));
      return this;
    }

    /**
     * Also starts a {@link dev.npmauth.testkit.sigstore.FakeSigstore} (on another loopback port,
     * closed with the registry) whose Fulcio trusts this registry's GitHub Actions and GitLab
     * issuers, so that code under test can sign provenance keylessly; GitLab jobs then also get a
     * {@code SIGSTORE_ID_TOKEN}. Default off.
     *
     * @param enabled whether to start it
     * @return this builder
     */
    public Builder sigstore(boolean enabled) {
      this.sigstore = enabled;
      return this;
    }

    /**
     * The longest lifetime {@code POST /-/npm/v1/tokens} gives a token with write rights; longer
     * {@code expires} values are refused with 400. Default 90 days, npm's limit for write tokens.
     *
     * @param lifetime a whole number of days, at least one
     * @return this builder
     * @throws IllegalArgumentException if shorter than a day or not whole days
     */
    public Builder maxWriteTokenLifetime(Duration lifetime) {
      this.maxWriteTokenLifetime = wholeDays(lifetime, "the longest write token lifetime");
      return this;
    }

    /**
     * The lifetime of a write token created without {@code expires}; default 7 days.
     *
     * @param lifetime a whole number of days, at least one
     * @return this builder
     * @throws IllegalArgumentException if shorter than a day or not whole days
     */
    public Builder defaultWriteTokenLifetime(Duration lifetime) {
      this.defaultWriteTokenLifetime = wholeDays(lifetime, "the default write token lifetime");
      return this;
    }

    /**
     * How many tokens one page of {@code GET /-/npm/v1/tokens} lists before {@code urls.next};
     * default 100. Small values test a client's paging.
     *
     * @param size at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder tokenPageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("a token page holds at least 1 token, got " + size);
      }
      this.tokenPageSize = size;
      return this;
    }

    /**
     * The {@code Retry-After} a pending web login's done URL answers with; default 1 second. Zero
     * makes npm poll again at once.
     *
     * @param wait whole seconds, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative or not whole seconds
     */
    public Builder loginRetryAfter(Duration wait) {
      if (wait == null || wait.isNegative() || wait.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException("Retry-After is whole seconds, zero or more, got " + wait);
      }
      this.loginRetryAfter = wait;
      return this;
    }

    private static Duration wholeDays(Duration value, String what) {
      if (value == null || value.compareTo(Duration.ofDays(1)) < 0 || value.toSeconds() % 86_400 != 0) {
        throw new IllegalArgumentException(what + " is a whole number of days, at least 1, got " + value);
      }
      return value;
    }

    /**
     * The clock for token expiry, login sessions, one-time passwords, packument times, ID token
     * times and the journal; default system UTC. A {@link TestClock} lets a test move it.
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
      this.host = ListenAddress.host(host);
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
      this.port = ListenAddress.port(port);
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
     * @throws IllegalArgumentException if a {@linkplain #seed(Path) seed} folder cannot be published
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
