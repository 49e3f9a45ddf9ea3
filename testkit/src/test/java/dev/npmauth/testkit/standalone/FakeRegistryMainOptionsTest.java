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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The standalone runner's help documents every option; --https and --seed work. */
@Tag("fake")
class FakeRegistryMainOptionsTest {
  private static final Pattern EXPORT = Pattern.compile("export ([A-Z0-9_]+)='(.*)'");

  @TempDir
  Path dir;

  @Test
  void helpDocumentsEveryOptionAndTheEnvFile() {
    CommandLine cl = new CommandLine(new FakeRegistryMain());
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("--help")).isZero();
    String help = out.toString();

    for (OptionSpec option : cl.getCommandSpec().options()) {
      assertThat(String.join(" ", option.description())).as("description of %s", option.longestName())
          .hasSizeGreaterThan(15);
      assertThat(help).as("help mentions %s", option.longestName()).contains(option.longestName());
    }
    assertThat(cl.getCommandSpec().options()).extracting(OptionSpec::longestName)
        .contains("--https", "--seed", "--sigstore", "--env-file", "--help");
    assertThat(help).contains("NPMAUTH_REGISTRY", "NPMAUTH_ADMIN_TOKEN", "NPMAUTH_CAFILE", "SIGTERM", "exit 2",
        "Example:");
  }

  @Test
  void httpsAndSeedGiveAnHttpsRegistryWithTheTarballsAndItsCaInTheEnvFile() throws Exception {
    Path seed = Files.createDirectories(dir.resolve("seed"));
    Files.write(seed.resolve("demo-pkg-1.0.0.tgz"), tarball("demo-pkg", "1.0.0"));
    Path envFile = dir.resolve("fake.env");
    FakeRegistryMain app = new FakeRegistryMain();
    CommandLine cl = new CommandLine(app);
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
        cl.execute("--port", "0", "--env-file", envFile.toString(), "--https", "--seed", seed.toString()));
    try {
      Map<String, String> env = awaitEnvFile(envFile, exit, err);
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
    CommandLine cl = new CommandLine(new FakeRegistryMain());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("--port", "0", "--env-file", dir.resolve("x.env").toString(), "--seed",
        dir.resolve("missing").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("cannot seed from", "not a folder");
    assertThat(dir.resolve("x.env")).doesNotExist();
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

  private static Map<String, String> awaitEnvFile(Path file, CompletableFuture<Integer> exit, StringWriter err)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(file)) {
      if (exit.isDone()) {
        throw new AssertionError("runner exited with " + exit.get() + ": " + err);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no env file after 30 s: " + err);
      }
      Thread.sleep(20);
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = EXPORT.matcher(line);
      if (m.matches()) {
        env.put(m.group(1), m.group(2));
      }
    }
    return env;
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
