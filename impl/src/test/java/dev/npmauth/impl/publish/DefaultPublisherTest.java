package dev.npmauth.impl.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.RegistryUrl;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.publish.Access;
import dev.npmauth.publish.PublishException;
import dev.npmauth.publish.PublishRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultPublisherTest {
  private static final RegistryUrl REGISTRY = RegistryUrl.of("https://registry.example.com/");

  @TempDir
  Path dir;

  @Test
  void documentHasNpmsKeysOrderAndDistFromTheTarballBytes() throws Exception {
    Path tgz = Tarballs.simple(dir, "@acme/widgets", "v1.2.3");
    byte[] bytes = Files.readAllBytes(tgz);
    TarballContents contents = TarballContents.read(tgz);
    PreparedPublish prepared = PreparedPublish.prepare(contents,
        PublishRequest.builder(tgz).tag("next").access(Access.PUBLIC).build(), REGISTRY);

    assertThat(prepared.version()).isEqualTo("1.2.3");
    assertThat(List.copyOf(prepared.document().keySet()))
        .containsExactly("_id", "name", "description", "dist-tags", "versions", "access");
    assertThat(prepared.document()).containsEntry("access", "public").containsEntry("dist-tags", Map.of("next", "1.2.3"));
    @SuppressWarnings("unchecked")
    Map<String, Object> version = (Map<String, Object>) ((Map<String, Object>) prepared.document().get("versions")).get("1.2.3");
    @SuppressWarnings("unchecked")
    Map<String, Object> dist = (Map<String, Object>) version.get("dist");
    assertThat(dist.get("integrity")).isEqualTo("sha512-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-512").digest(bytes)));
    assertThat(dist.get("shasum")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)));
    assertThat(dist.get("tarball")).isEqualTo("http://registry.example.com/@acme/widgets/-/@acme/widgets-1.2.3.tgz");
    assertThat(version).containsEntry("_id", "@acme/widgets@1.2.3").containsEntry("readme", "# @acme/widgets\n")
        .containsEntry("readmeFilename", "README.md");
  }

  @Test
  void streamedBodyHasTheAnnouncedLengthAndCarriesTheTarball() throws Exception {
    Path tgz = Tarballs.simple(dir, "demo-pkg", "1.0.0");
    byte[] bytes = Files.readAllBytes(tgz);
    TarballContents contents = TarballContents.read(tgz);
    PreparedPublish prepared = PreparedPublish.prepare(contents, PublishRequest.builder(tgz).build(), REGISTRY);
    PublishDocumentBody body = new PublishDocumentBody(prepared.document(), "demo-pkg-1.0.0.tgz", tgz, contents.size(), Map.of());
    Buffer sent = new Buffer();
    body.writeTo(sent);
    assertThat(sent.size()).isEqualTo(body.contentLength());
    Map<String, Object> document = Json.readObject(sent.readUtf8());
    assertThat(List.copyOf(document.keySet())).containsExactly("_id", "name", "description", "dist-tags", "versions",
        "access", "_attachments");
    assertThat(document.get("access")).isNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> attachment = (Map<String, Object>) ((Map<String, Object>) document.get("_attachments"))
        .get("demo-pkg-1.0.0.tgz");
    assertThat(attachment.get("content_type")).isEqualTo("application/octet-stream");
    assertThat(attachment.get("length")).isEqualTo((long) bytes.length);
    assertThat(Base64.getDecoder().decode((String) attachment.get("data"))).isEqualTo(bytes);
  }

  @Test
  void notPublishableTarballsAreRefusedWithTheReason() throws Exception {
    Path badVersion = Tarballs.write(dir, "a.tgz", "{\"name\":\"demo\",\"version\":\"1.0\"}", Map.of());
    assertThatThrownBy(() -> PreparedPublish.prepare(TarballContents.read(badVersion),
        PublishRequest.builder(badVersion).build(), REGISTRY))
        .isInstanceOf(PublishException.class).hasMessageContaining("\"1.0\"").hasMessageContaining("semver");

    Path prerelease = Tarballs.write(dir, "b.tgz", "{\"name\":\"demo\",\"version\":\"2.0.0-beta.1\"}", Map.of());
    assertThatThrownBy(() -> PreparedPublish.prepare(TarballContents.read(prerelease),
        PublishRequest.builder(prerelease).build(), REGISTRY)).hasMessageContaining("prerelease");

    Path unscoped = Tarballs.write(dir, "c.tgz", "{\"name\":\"demo\",\"version\":\"1.0.0\"}", Map.of());
    assertThatThrownBy(() -> PreparedPublish.prepare(TarballContents.read(unscoped),
        PublishRequest.builder(unscoped).access(Access.RESTRICTED).build(), REGISTRY))
        .hasMessageContaining("unscoped");
    assertThatThrownBy(() -> PreparedPublish.prepare(TarballContents.read(unscoped),
        PublishRequest.builder(unscoped).tag("1.x").build(), REGISTRY))
        .hasMessageContaining("semver version or range");

    Path badName = Tarballs.write(dir, "d.tgz", "{\"name\":\"Bad Name\",\"version\":\"1.0.0\"}", Map.of());
    assertThatThrownBy(() -> PreparedPublish.prepare(TarballContents.read(badName),
        PublishRequest.builder(badName).build(), REGISTRY)).hasMessageContaining("URL-friendly");

    Path notTar = Files.writeString(dir.resolve("e.tgz"), "plain text");
    assertThatThrownBy(() -> TarballContents.read(notTar)).isInstanceOf(PublishException.class)
        .hasMessageContaining("not a gzip'd tar");
    assertThatThrownBy(() -> TarballContents.read(dir.resolve("missing.tgz"))).hasMessageContaining("not found");
  }
}
