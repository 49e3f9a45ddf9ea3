package dev.npmauth.impl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.Credential;
import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.config.NpmConfigException;
import dev.npmauth.registry.RegistryUnreachableException;
import dev.npmauth.testkit.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry whose certificate comes from a private CA: trusted only when told, as npm's cafile. */
@Tag("fake")
class HttpsRegistryFakeTest {

  @Test
  void privateCaIsTrustedThroughTheBuilderOrNpmsCafileAndOtherwiseRefused(@TempDir Path dir) throws Exception {
    try (FakeRegistry fake = FakeRegistry.builder().https(true).start()) {
      assertThat(fake.url().getScheme()).isEqualTo("https");
      Credential admin = Credential.granular(Secret.of(fake.adminToken()));
      try (NpmRegistryClient client = NpmRegistryClient.builder().registry(fake.url().toString())
          .environment(Environment.empty()).npmConfig(NpmConfig.empty()).trustManager(fake.trustManager()).build()) {
        assertThat(client.whoami(admin)).isEqualTo("admin");
      }
      try (NpmRegistryClient client = NpmRegistryClient.builder().registry(fake.url().toString())
          .environment(Environment.empty()).npmConfig(NpmConfig.empty()).caFile(fake.caCertificateFile()).build()) {
        assertThat(client.whoami(admin)).isEqualTo("admin");
      }
      Files.writeString(dir.resolve(".npmrc"), "cafile=" + fake.caCertificateFile() + "\n");
      try (NpmRegistryClient client = NpmRegistryClient.builder().registry(fake.url().toString())
          .environment(Environment.empty()).npmConfig(NpmConfig.load(Environment.empty(), dir)).build()) {
        client.ping();
      }
      try (NpmRegistryClient client = NpmRegistryClient.builder().registry(fake.url().toString())
          .environment(Environment.empty()).npmConfig(NpmConfig.empty())
          .retryPolicy(dev.npmauth.RetryPolicy.none()).build()) {
        assertThatThrownBy(client::ping).isInstanceOf(RegistryUnreachableException.class);
      }
    }
  }

  @Test
  void aCaFileWithoutCertificatesIsRefusedWhenTheClientIsBuilt(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    assertThatThrownBy(() -> NpmRegistryClient.builder().registry("https://registry.example.test/")
        .environment(Environment.empty()).npmConfig(NpmConfig.empty()).caFile(notPem).build())
        .isInstanceOf(NpmConfigException.class)
        .hasMessageContaining(notPem.toString())
        .hasMessageContaining("PEM");
  }
}
