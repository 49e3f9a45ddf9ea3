package dev.npmauth.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.commons.cli.Option;

/** The standalone runner's help documents every option; --https and --seed work. */
@Tag("fake")
class FakeRegistryMainOptionsTest {

  @TempDir
  Path dir;

  @Test
  void helpDocumentsEveryOptionAndTheEnvFile() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(new FakeRegistryMain().run(new String[] {"--help"}, new PrintWriter(out, true),
        new PrintWriter(err, true))).isZero();
    String help = out.toString();

    for (Option option : FakeRegistryMain.options().getOptions()) {
      assertThat(option.getDescription()).as("description of --%s", option.getLongOpt()).hasSizeGreaterThan(15);
      assertThat(help).as("help mentions --%s", option.getLongOpt()).contains("--" + option.getLongOpt());
      if (option.hasArg()) {
        assertThat(help).as("help names the value of --%s", option.getLongOpt()).contains(option.getArgName());
      }
    }
    assertThat(FakeRegistryMain.options().getOptions()).extracting(Option::getLongOpt)
        .contains("https", "seed", "sigstore", "env-file", "help", "port", "quiet");
    assertThat(help).contains(Specs.TRUST_GITHUB, Specs.TRUST_GITLAB, Specs.TRUST_CIRCLECI, Specs.GITHUB_RUN,
        Specs.GITLAB_RUN, Specs.CIRCLECI_RUN);
    assertThat(err.toString()).isEmpty();
    assertThat(help).contains("NPMAUTH_REGISTRY", "NPMAUTH_ADMIN_TOKEN", "NPMAUTH_CAFILE", "SIGTERM", "exit 2",
        "Example:");
  }

  @Test
  void httpsAndSeedGiveAnHttpsRegistryWithTheTarballsAndItsCaInTheEnvFile() throws Exception {
    Path seed = Files.createDirectories(dir.resolve("seed"));
    Files.write(seed.resolve("demo-pkg-1.0.0.tgz"), tarball("demo-pkg", "1.0.0"));
    Path envFile = dir.resolve("fake.env");
    FakeRegistryMain app = new FakeRegistryMain();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = run(app, err, "--port", "0", "--env-file", envFile.toString(), "--https",
        "--seed", seed.toString());
    try {
      Map<String, String> env = EnvFile.await(envFile, exit, err::toString, Duration.ofSeconds(30));
      assertThat(env.get("NPMAUTH_REGISTRY")).startsWith("https://127.0.0.1:");
      Path ca = Path.of(env.get("NPMAUTH_CAFILE"));
      assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");

      HttpClient client = HttpClient.newBuilder().sslContext(trusting(ca)).build();
      HttpResponse<String> packument = client.send(HttpRequest.newBuilder(
          URI.create(env.get("NPMAUTH_REGISTRY") + "demo-pkg")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(packument.statusCode()).isEqualTo(200);
      assertThat(packument.body()).contains("\"latest\":\"1.0.0\"");
    } finally {
      app.stop();
      assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void aSeedThatCannotBePublishedExitsTwoNamingTheProblem() {
    StringWriter err = new StringWriter();
    int code = run(new FakeRegistryMain(), err, "--port", "0", "--env-file", dir.resolve("x.env").toString(),
        "--seed", dir.resolve("missing").toString()).join();
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("cannot seed from", "not a folder");
    assertThat(dir.resolve("x.env")).doesNotExist();
  }

  /** Runs the standalone runner in this JVM, its output discarded and its errors into {@code err}. */
  static CompletableFuture<Integer> run(FakeRegistryMain app, StringWriter err, String... args) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return app.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, OwnThread.EXECUTOR);
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caFile))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static byte[] tarball(String name, String version) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      byte[] json = ("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("package/package.json");
      e.setSize(json.length);
      tar.putArchiveEntry(e);
      tar.write(json);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

}
