package dev.npmauth.testkit.sigstore;

import dev.npmauth.testkit.CiProvider;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.internal.http.BlockingHttpServer;
import dev.npmauth.testkit.internal.http.Dispatcher;
import dev.npmauth.testkit.internal.http.FaultSet;
import dev.npmauth.testkit.internal.http.Journal;
import dev.npmauth.testkit.internal.http.ListenAddress;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.OsEntropy;
import dev.npmauth.testkit.internal.sigstore.SigningKeys;
import dev.npmauth.testkit.internal.sigstore.SigstoreRoutes;
import dev.npmauth.testkit.internal.sigstore.SigstoreServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A fake Sigstore on a loopback port, for keyless signing in tests: a Fulcio-like certificate
 * authority, a Rekor-like transparency log, a certificate transparency log and an RFC 3161
 * timestamp authority, with the {@code trusted_root.json} that names them.
 *
 * <pre>{@code
 * try (FakeRegistry registry = FakeRegistry.builder().sigstore(true).start()) {
 *   FakeSigstore sigstore = registry.sigstore().orElseThrow();
 *   // sign with Fulcio at sigstore.fulcioUrl() and Rekor at sigstore.rekorUrl(), then verify
 *   // against TrustedRoots.parse(sigstore.trustedRoot())
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Fulcio</b> ({@link #fulcioUrl()}): {@code POST /api/v2/signingCert} takes an OIDC
 *       identity token of a {@linkplain Builder#trustIssuer trusted issuer} — its signature,
 *       expiry and audience {@code sigstore} are checked for real — and a public key with a proof
 *       of possession (the token's {@code sub} signed with the key) or a certificate signing
 *       request. It answers a chain (leaf, intermediate, root) whose ten-minute leaf names the
 *       workflow (subject alternative name, Fulcio extensions 1.3.6.1.4.1.57264.1.x mapped from the
 *       token's claims as Fulcio maps GitHub Actions and GitLab tokens) and embeds a signed
 *       certificate timestamp of the fake CT log.
 *   <li><b>Rekor</b> ({@link #rekorUrl()}): {@code POST /api/v1/log/entries} takes {@code dsse}
 *       0.0.1 and {@code intoto} 0.0.2 entries, checks their signatures, and logs the
 *       canonicalized body in an RFC 6962 Merkle tree; answers carry the signed entry timestamp
 *       and an inclusion proof with a signed checkpoint. Also {@code GET /api/v1/log},
 *       {@code GET /api/v1/log/entries/<uuid>}.
 *   <li><b>Timestamp authority</b> ({@link #timestampAuthorityUrl()}): {@code POST
 *       /api/v1/timestamp}.
 * </ul>
 *
 * <p>Times come from the builder's clock. Keys are ECDSA P-256, made at start. Every request is
 * kept in the {@link #journal()} (secrets redacted; bodies, which carry identity tokens, are not
 * kept), and {@link #inject faults} work as on the fake registry, matched against paths such as
 * {@code /rekor/api/v1/log/entries}.
 *
 * <p>Thread-safe. {@link #close()} stops the server and deletes the trusted root file it wrote.
 */
public final class FakeSigstore implements AutoCloseable {
  private final BlockingHttpServer server;
  private final URI url;
  private final SigstoreServices services;
  private final Path trustedRootFile;
  private final boolean ownsTrustedRootFile;
  private final Journal journal = new Journal();
  private final FaultSet faults = new FaultSet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeSigstore(Builder b) throws IOException {
    InetAddress address = InetAddress.getByName(b.host);
    this.server = new BlockingHttpServer(address, b.port, null, "fake-sigstore");
    String urlHost = address instanceof Inet6Address ? "[" + b.host + "]" : b.host;
    this.url = URI.create("http://" + urlHost + ":" + server.port() + "/");
    this.services = new SigstoreServices(b.clock, OsEntropy.secureRandom(), url);
    for (IssuerSpec issuer : b.issuers) {
      services.issuers().trust(issuer.kind(), issuer.issuer(), issuer.jwks());
    }
    for (Map<String, Object> root : b.extraRoots) {
      services.alsoTrust(root);
    }
    this.ownsTrustedRootFile = b.trustedRootFile == null;
    this.trustedRootFile = b.trustedRootFile != null ? b.trustedRootFile.toAbsolutePath()
        : Files.createTempFile("fake-sigstore-", ".trusted_root.json");
    try {
      if (trustedRootFile.getParent() != null) {
        Files.createDirectories(trustedRootFile.getParent());
      }
      Files.write(trustedRootFile, trustedRoot());
      Consumer<RecordedRequest> listener = b.listener != null ? b.listener : r -> {};
      server.start(new Dispatcher(SigstoreRoutes.build(services), faults, journal, b.clock, listener));
    } catch (IOException | RuntimeException e) {
      server.close();
      if (ownsTrustedRootFile) {
        Files.deleteIfExists(trustedRootFile);
      }
      throw e;
    }
  }

  /**
   * Settings for a fake Sigstore; every one is optional, but Fulcio refuses every token until an
   * issuer is trusted.
   *
   * @return a new builder; finish with {@link Builder#start()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The server's base URL.
   *
   * @return {@code http://127.0.0.1:<port>/}
   */
  public URI url() {
    return url;
  }

  /**
   * Fulcio's base URL, to which clients append {@code /api/v2/signingCert}.
   *
   * @return {@code http://127.0.0.1:<port>/fulcio}
   */
  public URI fulcioUrl() {
    return services.fulcioUrl();
  }

  /**
   * Rekor's base URL, to which clients append {@code /api/v1/log/entries}. The trusted root names
   * the log by this URL, and its checkpoints are signed under this URL's host and port.
   *
   * @return {@code http://127.0.0.1:<port>/rekor}
   */
  public URI rekorUrl() {
    return services.rekorUrl();
  }

  /**
   * The timestamp authority's base URL, to which clients append {@code /api/v1/timestamp}.
   *
   * @return {@code http://127.0.0.1:<port>/tsa}
   */
  public URI timestampAuthorityUrl() {
    return services.tsaUrl();
  }

  /**
   * The {@code trusted_root.json} naming this Sigstore's Rekor log, Fulcio CA (intermediate then
   * root), CT log and timestamp authority (and those of {@linkplain Builder#alsoTrust other
   * roots}), each valid from a day before start. Also served at {@code GET /trusted_root.json}.
   *
   * @return the document, UTF-8 JSON
   */
  public byte[] trustedRoot() {
    return trustedRootJson().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The trusted root as text.
   *
   * @return the {@code trusted_root.json} document
   */
  public String trustedRootJson() {
    return Json.write(services.trustedRoot());
  }

  /**
   * Where the trusted root was written at start: the builder's file, or a temporary file deleted
   * on {@link #close()}.
   *
   * @return the file
   */
  public Path trustedRootFile() {
    return trustedRootFile;
  }

  /**
   * The entries of the transparency log, oldest first.
   *
   * @return a snapshot
   */
  public List<LogEntry> logEntries() {
    List<LogEntry> out = new ArrayList<>();
    for (var e : services.rekor().entries()) {
      out.add(new LogEntry(e.index(), e.uuid(), e.kind(), e.apiVersion(),
          new String(e.body(), StandardCharsets.UTF_8), e.integratedTime()));
    }
    return List.copyOf(out);
  }

  /**
   * The certificates Fulcio issued, oldest first.
   *
   * @return a snapshot
   */
  public List<IssuedCertificate> issuedCertificates() {
    List<IssuedCertificate> out = new ArrayList<>();
    for (var c : services.issued()) {
      out.add(new IssuedCertificate(c.subjectAlternativeName(), c.issuer(), c.notBefore(),
          SigningKeys.pem("CERTIFICATE", c.der())));
    }
    return List.copyOf(out);
  }

  /**
   * Every request received so far (up to the last 10,000), headers redacted, bodies not kept.
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
   * Arms a fault, e.g. {@code Fault.on("POST", "/rekor/api/v1/log/entries").status(503).once()}.
   *
   * @param fault the fault
   * @throws IllegalArgumentException if the fault has no status, no delay and does not drop
   */
  public void inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Disarms every fault. */
  public void clearFaults() {
    faults.clear();
  }

  /** Stops the server and deletes a temporary trusted root file. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.close();
    if (ownsTrustedRootFile) {
      try {
        Files.deleteIfExists(trustedRootFile);
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete " + trustedRootFile, e);
      }
    }
  }

  @Override
  public String toString() {
    return "FakeSigstore[" + url + (closed.get() ? ", closed" : "") + "]";
  }

  private record IssuerSpec(CiProvider kind, String issuer, java.util.function.Supplier<String> jwks) {}

  /** Settings for a {@link FakeSigstore}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String host = "127.0.0.1";
    private int port;
    private Path trustedRootFile;
    private Consumer<RecordedRequest> listener;
    private final List<IssuerSpec> issuers = new ArrayList<>();
    private final List<Map<String, Object>> extraRoots = new ArrayList<>();

    private Builder() {}

    /**
     * Trusts an OIDC issuer: Fulcio then issues certificates for its tokens (audience {@code
     * sigstore}), mapping claims as Fulcio does for that kind of issuer. The fake registry's
     * issuers are trusted this way by {@code FakeRegistry.builder().sigstore(true)}.
     *
     * @param kind {@link CiProvider#GITHUB} or {@link CiProvider#GITLAB}
     * @param issuer the exact {@code iss}, e.g. {@code https://token.actions.githubusercontent.com}
     * @param jwks the issuer's public keys, a JWKS document
     * @return this builder
     * @throws IllegalArgumentException for CircleCI (npm makes no provenance there) or a JWKS that
     *     does not parse
     */
    public Builder trustIssuer(CiProvider kind, String issuer, String jwks) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(jwks, "jwks");
      if (kind == CiProvider.CIRCLECI) {
        throw new IllegalArgumentException("the fake Fulcio issues certificates for GitHub Actions and"
            + " GitLab workflows (npm makes provenance only there), not for CircleCI");
      }
      try {
        com.nimbusds.jose.jwk.JWKSet.parse(jwks);
      } catch (java.text.ParseException e) {
        throw new IllegalArgumentException("the JWKS of " + issuer + " does not parse: " + e.getMessage(), e);
      }
      issuers.add(new IssuerSpec(kind, issuer, () -> jwks));
      return this;
    }

    /**
     * Trusts an issuer whose keys are read when Fulcio first sees one of its tokens, for issuers
     * that make their keys lazily (as the fake registry's do, to start fast).
     *
     * @param kind {@link CiProvider#GITHUB} or {@link CiProvider#GITLAB}
     * @param issuer the exact {@code iss}
     * @param jwks gives the issuer's JWKS document; called at most once
     * @return this builder
     * @throws IllegalArgumentException for CircleCI
     */
    public Builder trustIssuer(CiProvider kind, String issuer, java.util.function.Supplier<String> jwks) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(jwks, "jwks");
      if (kind == CiProvider.CIRCLECI) {
        throw new IllegalArgumentException("the fake Fulcio issues certificates for GitHub Actions and"
            + " GitLab workflows (npm makes provenance only there), not for CircleCI");
      }
      issuers.add(new IssuerSpec(kind, issuer, jwks));
      return this;
    }

    /**
     * Adds the transparency logs, CAs, CT logs and timestamp authorities of another trusted root
     * to the one this Sigstore publishes, so that one file verifies bundles from both (the fake
     * registry adds the log of its publish attestations this way).
     *
     * @param trustedRootJson a {@code trusted_root.json} document
     * @return this builder
     * @throws IllegalArgumentException if it is not a JSON object
     */
    public Builder alsoTrust(String trustedRootJson) {
      try {
        extraRoots.add(Json.asObject(Json.parse(trustedRootJson))
            .orElseThrow(() -> new IllegalArgumentException("a trusted root is a JSON object")));
      } catch (IOException e) {
        throw new IllegalArgumentException("the trusted root is not JSON: " + e.getMessage(), e);
      }
      return this;
    }

    /**
     * The clock for certificate validity, integrated times and timestamps; default system UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The address to listen on; default {@code 127.0.0.1}.
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
     */
    public Builder port(int port) {
      this.port = ListenAddress.port(port);
      return this;
    }

    /**
     * Where to write {@code trusted_root.json} at start (kept after close); default a temporary
     * file deleted on close.
     *
     * @param file the file (its folder is created)
     * @return this builder
     */
    public Builder trustedRootFile(Path file) {
      this.trustedRootFile = Objects.requireNonNull(file, "file");
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
     * Starts the fake Sigstore.
     *
     * @return the running fake; close it when done
     * @throws UncheckedIOException if it cannot listen or write the trusted root
     */
    public FakeSigstore start() {
      try {
        return new FakeSigstore(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fake Sigstore on " + host + ":" + port, e);
      }
    }
  }
}
