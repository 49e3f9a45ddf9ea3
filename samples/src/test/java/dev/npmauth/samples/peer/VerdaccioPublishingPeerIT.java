package dev.npmauth.samples.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client against a real registry, Verdaccio: {@code npmauth login} (Verdaccio's legacy
 * login), {@code npmauth publish} of a scoped and an unscoped package with a dist-tag, {@code
 * npmauth dist-tag}, and the real {@code npm install} from Verdaccio gets exactly those bytes.
 */
@Tag("peer")
class VerdaccioPublishingPeerIT {
  @TempDir
  Path work;
  private PeerPrograms programs;

  @BeforeEach
  void setUp() throws Exception {
    PeerPrograms.assumeNpm();
    Verdaccio.assumeInstalled();
    programs = new PeerPrograms(work.resolve("home"));
  }

  private Path folder(String name) throws Exception {
    Path folder = Files.createDirectories(work.resolve(name.replace("@", "").replace('/', '-')));
    Files.writeString(folder.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"1.0.0\","
        + "\"description\":\"published by npmauth to verdaccio\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
    Files.writeString(folder.resolve("index.js"), "module.exports = '" + name + "';\n");
    Files.writeString(folder.resolve("README.md"), "# " + name + "\n");
    return folder;
  }

  @Test
  void npmauthLogsInPublishesAndTagsAndNpmInstallsFromVerdaccio() throws Exception {
    try (Verdaccio verdaccio = Verdaccio.start(work, Verdaccio.user("publisher", "s3cret-pw"))) {
      String registry = verdaccio.url().toString();
      Path npmrc = work.resolve("home/.npmrc");
      Processes.Result login = programs.npmauth(work, Map.of("NPMAUTH_PASSWORD", "s3cret-pw"), "login", "--legacy",
          "--username", "publisher", "--password-env", "NPMAUTH_PASSWORD", "--registry", registry, "--npmrc",
          npmrc.toString());
      assertThat(login.exitCode()).as(login.output()).isZero();
      assertThat(Files.readString(npmrc)).contains(registry.replaceFirst("^http:", "") + ":_authToken=");
      assertThat(login.output()).doesNotContain("s3cret-pw");

      Map<String, String> integrity = new java.util.HashMap<>();
      for (String name : new String[] {"@acme/verdaccio-scoped", "plain-verdaccio-pkg"}) {
        Processes.Result publish = programs.npmauth(work, Map.of(), "publish", folder(name).toString(), "--tag", "beta",
            "--registry", registry);
        assertThat(publish.exitCode()).as(publish.output()).isZero();
        assertThat(publish.output()).contains("+ " + name + "@1.0.0", ".npmrc");
        java.util.regex.Matcher sri = java.util.regex.Pattern.compile("sha512-[A-Za-z0-9+/=]+").matcher(publish.output());
        assertThat(sri.find()).as(publish.output()).isTrue();
        integrity.put(name, sri.group());
      }
      Processes.Result tag = programs.npmauth(work, Map.of(), "dist-tag", "add", "plain-verdaccio-pkg@1.0.0", "stable",
          "--registry", registry);
      assertThat(tag.exitCode()).as(tag.output()).isZero();
      Processes.Result tags = programs.npmauth(work, Map.of(), "dist-tag", "ls", "plain-verdaccio-pkg", "--registry", registry);
      assertThat(tags.output()).contains("beta: 1.0.0", "stable: 1.0.0");

      Path consumer = Files.createDirectories(work.resolve("consumer"));
      Files.writeString(consumer.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}\n");
      Processes.Result install = programs.npm(consumer, Map.of(), "install", "@acme/verdaccio-scoped@beta",
          "plain-verdaccio-pkg@stable", "--registry", registry);
      assertThat(install.exitCode()).as(install.output()).isZero();
      assertThat(Files.readString(consumer.resolve("node_modules/@acme/verdaccio-scoped/index.js")))
          .contains("@acme/verdaccio-scoped");
      Map<?, ?> lock = new Moshi.Builder().build().adapter(Map.class)
          .fromJson(Files.readString(consumer.resolve("package-lock.json")));
      Map<?, ?> packages = (Map<?, ?>) lock.get("packages");
      assertThat(((Map<?, ?>) packages.get("node_modules/plain-verdaccio-pkg")).get("integrity"))
          .isEqualTo(integrity.get("plain-verdaccio-pkg"));
      assertThat(((Map<?, ?>) packages.get("node_modules/@acme/verdaccio-scoped")).get("integrity"))
          .isEqualTo(integrity.get("@acme/verdaccio-scoped"));
    }
  }
}
