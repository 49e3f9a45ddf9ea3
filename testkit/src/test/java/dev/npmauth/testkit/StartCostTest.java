package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a first {@link FakeRegistry#start()} in a test JVM loads. BouncyCastle's {@code bcprov} jar
 * is signed: the JDK checks its signature when the first of its classes loads, which costs about
 * 0.3 s, so a start and a first answer must not need BouncyCastle (HTTPS and the fake Sigstore do).
 * Nor the JDK's {@code SUN} provider (about 15 ms): the admin token is keyed on first use, and an
 * answer without a token needs no digest.
 */
@Tag("fake")
class StartCostTest {

  @Test
  void startingARegistryAndAnsweringLoadsNeitherBouncyCastleNorTheSunProvider() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-Xlog:class+load=info", "-cp",
        System.getProperty("java.class.path"), StartAndPing.class.getName())
        .redirectErrorStream(true).start();
    String log = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).as(log).isZero();
    assertThat(log).contains("dev.npmauth.testkit.FakeRegistry ").contains("answered 200");
    List<String> bouncyCastle = log.lines().filter(line -> line.contains(" org.bouncycastle.")).toList();
    assertThat(bouncyCastle).as("BouncyCastle classes loaded by a start and a first answer").isEmpty();
    List<String> sunProvider = log.lines().filter(line -> line.contains(" sun.security.provider.Sun")).toList();
    assertThat(sunProvider).as("the JDK's SUN provider, loaded by a start and a first answer").isEmpty();
  }

  /** Run in the child JVM: one start and one answer. */
  static final class StartAndPing {
    public static void main(String[] args) throws IOException {
      try (FakeRegistry registry = FakeRegistry.start()) {
        HttpURLConnection ping = (HttpURLConnection) URI.create(registry.url() + "-/ping").toURL().openConnection();
        System.out.println("answered " + ping.getResponseCode());
      }
    }
  }
}
