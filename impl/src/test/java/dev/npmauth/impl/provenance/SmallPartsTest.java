package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.HashAlgorithm;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.TrustedRoot;
import dev.npmauth.provenance.TrustedRootException;
import dev.npmauth.provenance.TrustedRoots;
import dev.npmauth.provenance.ValidityWindow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

  @Test
  void base64AcceptsPaddingVariantsAndLineBreaksButNothingElse() {
    assertThat(Bytes.base64("aGk=")).containsExactly('h', 'i');
    assertThat(Bytes.base64("aGk")).containsExactly('h', 'i');
    assertThat(Bytes.base64("aG\nk=")).containsExactly('h', 'i');
    assertThat(Bytes.base64("-_8=")).containsExactly(0xfb, 0xff);
    assertThatThrownBy(() -> Bytes.base64("aGk!")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes.base64("aGk =")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes.base64("a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes.base64("aGk===")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void repositoryUrlsNormalizeToTheFulcioForm() {
    for (String raw : List.of("git+https://github.com/acme/widget.git", "github:acme/widget",
        "acme/widget", "git@github.com:acme/widget.git", "https://github.com/acme/widget/",
        "git://github.com/acme/widget.git#main", "ssh://git@github.com/acme/widget")) {
      assertThat(RepositoryUrls.normalize(raw)).as(raw).contains("https://github.com/acme/widget");
    }
    assertThat(RepositoryUrls.normalize("gitlab:group/project")).contains("https://gitlab.com/group/project");
    assertThat(RepositoryUrls.same("https://github.com/Acme/Widget", "acme/widget")).isTrue();
    assertThat(RepositoryUrls.same("https://github.com/acme/widget", "acme/widget2")).isFalse();
    assertThat(RepositoryUrls.normalize("")).isEmpty();
  }

  @Test
  void artifactFromIntegrityUsesTheStrongestHash() {
    byte[] d256 = new byte[32];
    byte[] d512 = new byte[64];
    d512[0] = 1;
    Artifact a = Artifact.fromIntegrity("sha256-" + FakeSigstore.b64(d256) + " sha512-"
        + FakeSigstore.b64(d512));
    assertThat(a.digestAlgorithms()).containsExactly(HashAlgorithm.SHA2_512);
    assertThat(a.digest(HashAlgorithm.SHA2_512)).contains(d512);
    assertThatThrownBy(() -> Artifact.fromIntegrity("sha1-AAAA")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void artifactOfDigestChecksTheText() {
    assertThat(Artifact.ofDigest("sha256:" + "ab".repeat(32)).digest(HashAlgorithm.SHA2_256)).isPresent();
    assertThatThrownBy(() -> Artifact.ofDigest("sha256:abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Artifact.ofDigest("md5:" + "ab".repeat(16))).isInstanceOf(IllegalArgumentException.class);
    Artifact bytes = Artifact.ofBytes("x".getBytes(StandardCharsets.UTF_8));
    assertThat(bytes.digestEquals(HashAlgorithm.SHA2_256, FakeSigstore.sha256("x".getBytes(StandardCharsets.UTF_8)))).isTrue();
  }

  @Test
  void purlEscapesTheScopeAt() {
    NpmPackageVersion scoped = new NpmPackageVersion("@scope/pkg", "1.4.3", "sha512-AA==", List.of(),
        Optional.empty(), Optional.empty());
    assertThat(scoped.purl()).isEqualTo("pkg:npm/%40scope/pkg@1.4.3");
    NpmPackageVersion plain = new NpmPackageVersion("pkg", "2.0.0", "sha512-AA==", List.of(),
        Optional.empty(), Optional.empty());
    assertThat(plain.purl()).isEqualTo("pkg:npm/pkg@2.0.0");
  }

  @Test
  void validityWindowsIncludeBothEnds() {
    Instant s = Instant.parse("2022-01-01T00:00:00Z");
    Instant e = Instant.parse("2023-01-01T00:00:00Z");
    ValidityWindow w = new ValidityWindow(s, Optional.of(e));
    assertThat(w.contains(s)).isTrue();
    assertThat(w.contains(e)).isTrue();
    assertThat(w.contains(e.plusNanos(1))).isFalse();
    assertThat(w.contains(s.minusNanos(1))).isFalse();
  }

  @Test
  void embeddedProductionRootParsesWithTheExpectedLogsAndAuthorities() {
    TrustedRoot root = TrustedRoots.publicGoodProduction();
    assertThat(root.transparencyLogs()).extracting(l -> l.baseUrl())
        .contains("https://rekor.sigstore.dev", "https://log2025-1.rekor.sigstore.dev");
    assertThat(root.transparencyLogs().get(0).logIdBase64())
        .isEqualTo("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=");
    assertThat(root.certificateAuthorities()).hasSize(2);
    assertThat(root.timestampAuthorities()).hasSize(1);
    assertThat(TrustedRoots.publicGoodProduction()).isSameAs(root);
  }

  @Test
  void stagingRootIsNotEmbeddedAndSaysHowToSupplyOne() {
    assertThatThrownBy(TrustedRoots::publicGoodStaging).isInstanceOf(TrustedRootException.class)
        .hasMessageContaining("fromFile");
  }

  @Test
  void trustedRootWithoutValidityStartIsRejected() throws Exception {
    String root = new String(new FakeSigstore().trustedRoot(), StandardCharsets.UTF_8);
    String broken = root.replaceFirst("\"validFor\":\\{\"start\":\"[^\"]+\"\\}", "\"validFor\":{}");
    assertThatThrownBy(() -> TrustedRoots.parse(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(TrustedRootException.class).hasMessageContaining("start");
  }
}
