package dev.npmauth.impl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.CredentialKind;
import dev.npmauth.Environment;
import dev.npmauth.PackageName;
import dev.npmauth.config.ConfiguredAuth;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.config.NpmConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmrcParserTest {

  @Test
  void expandsVariablesAsNpmDoes() {
    Environment env = Environment.of(Map.of("TOKEN", "t0k", "EMPTY", ""));
    assertThat(NpmrcParser.expand("${TOKEN}", env)).isEqualTo("t0k");
    assertThat(NpmrcParser.expand("a-${TOKEN}-b", env)).isEqualTo("a-t0k-b");
    assertThat(NpmrcParser.expand("${MISSING}", env)).isEqualTo("${MISSING}");
    assertThat(NpmrcParser.expand("${MISSING?}", env)).isEqualTo("");
    assertThat(NpmrcParser.expand("\\${TOKEN}", env)).isEqualTo("${TOKEN}");
    assertThat(NpmrcParser.expand("\\\\${TOKEN}", env)).isEqualTo("\\t0k");
  }

  @Test
  void readsKeysValuesCommentsAndQuotes() {
    String text = String.join("\n",
        "; a comment",
        "# another",
        "registry = https://r.example.com/",
        "//r.example.com/:_authToken=${NPM_TOKEN}",
        "\"@acme:registry\" = \"https://acme.example.com/npm/\"",
        "always-auth",
        "ca[] = first",
        "");
    Map<String, String> values = NpmrcParser.parse(text, "x/.npmrc", Environment.of(Map.of("NPM_TOKEN", "abc")));
    assertThat(values).containsEntry("registry", "https://r.example.com/")
        .containsEntry("//r.example.com/:_authToken", "abc")
        .containsEntry("@acme:registry", "https://acme.example.com/npm/")
        .containsEntry("always-auth", "true")
        .containsEntry("ca", "first");
  }

  @Test
  void lineWithoutKeyIsRefusedNamingFileAndLine() {
    assertThatThrownBy(() -> NpmrcParser.parse("ok=1\n= value\n", "/home/me/.npmrc", Environment.empty()))
        .isInstanceOf(NpmConfigException.class)
        .hasMessageContaining("/home/me/.npmrc:2");
  }

  @Test
  void projectFileWinsOverUserFileAndScopedRegistryIsHonoured(@TempDir Path dir) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(home.resolve(".npmrc"), "registry=https://user.example.com/\n"
        + "//user.example.com/:_authToken=user-token\n@acme:registry=https://acme.example.com/\n");
    Files.writeString(project.resolve(".npmrc"), "registry=https://project.example.com/\n");
    NpmConfig config = NpmConfigLoader.load(Environment.of(Map.of("HOME", home.toString())), project);
    assertThat(config.registry().toString()).isEqualTo("https://project.example.com/");
    assertThat(config.registryFor(PackageName.of("@acme/x")).toString()).isEqualTo("https://acme.example.com/");
    assertThat(config.registryFor(PackageName.of("plain")).toString()).isEqualTo("https://project.example.com/");
    assertThat(config.origins().get("registry")).isEqualTo(project.resolve(".npmrc").toString());
    assertThat(config.toString()).doesNotContain("user-token");
  }

  @Test
  void environmentVariableOverridesRegistryAndUserconfig(@TempDir Path dir) throws Exception {
    Path rc = dir.resolve("custom-npmrc");
    Files.writeString(rc, "//127.0.0.1:4873/:_authToken=abc\n");
    NpmConfig config = NpmConfigLoader.load(Environment.of(Map.of(
        "NPM_CONFIG_USERCONFIG", rc.toString(), "npm_config_registry", "http://127.0.0.1:4873/")), dir);
    assertThat(config.registry().toString()).isEqualTo("http://127.0.0.1:4873/");
    assertThat(config.authFor(URI.create("http://127.0.0.1:4873/"))).isPresent();
  }

  @Test
  void authLookupWalksThePathUpAndNeverCrossesHosts() {
    NpmConfig config = new NpmConfig(Map.of(
        "//h.example.com/:_authToken", "root-token",
        "//h.example.com/deep/path/:_authToken", "deep-token",
        "//basic.example.com/:username", "me",
        "//basic.example.com/:_password", "c2VjcmV0"), Map.of());
    assertThat(config.authFor(URI.create("https://h.example.com/deep/path/pkg")).map(a -> a.credential().secret().reveal()))
        .contains("deep-token");
    assertThat(config.authFor(URI.create("https://h.example.com/deep/other/")).map(a -> a.credential().secret().reveal()))
        .contains("root-token");
    assertThat(config.authFor(URI.create("https://cdn.example.com/pkg.tgz"))).isEmpty();
    Optional<ConfiguredAuth> basic = config.authFor(URI.create("https://basic.example.com/"));
    assertThat(basic).isPresent();
    assertThat(basic.get().credential().kind()).isEqualTo(CredentialKind.LEGACY_BASIC);
    assertThat(basic.get().credential().authorizationHeaderValue()).isEqualTo("Basic bWU6c2VjcmV0");
  }
}
