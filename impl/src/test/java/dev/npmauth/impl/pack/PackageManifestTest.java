package dev.npmauth.impl.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.pack.PackException;
import dev.npmauth.pack.PackFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading package.json: npm's bin normalisation, and the refusals. */
class PackageManifestTest {
  @TempDir
  Path dir;

  private PackageManifest read(String json) {
    Trees.write(dir, Map.of("package.json", json));
    return PackageManifest.read(dir);
  }

  private AbstractThrowableAssert<?, ?> refused(String json, PackFailure reason) {
    return assertThatThrownBy(() -> read(json)).isInstanceOf(PackException.class)
        .satisfies(e -> assertThat(((PackException) e).reason()).isEqualTo(reason));
  }

  @Test
  void aStringBinIsNamedAfterThePackageAndItsPathMadeRelative() {
    PackageManifest m = read("{\"name\":\"@acme/tool\",\"version\":\"1.0.0\",\"bin\":\"./bin/cli.js\"}");
    assertThat(m.bin()).contains(List.of("bin/cli.js"));
  }

  @Test
  void binPathsAreKeptInsideThePackageAndInvalidEntriesDropped() {
    PackageManifest m = read("{\"name\":\"t\",\"version\":\"1.0.0\",\"bin\":{\"a\":\"./a.js\",\"b\":\"../../b.js\","
        + "\"c\":\"win\\\\c.js\",\"d\":5,\"e\":\"./\",\"nested/f\":\"f.js\"}}");
    assertThat(m.bin()).contains(List.of("a.js", "b.js", "win/c.js", "f.js"));
  }

  @Test
  void anArrayBinIsKeyedByBaseName() {
    PackageManifest m = read("{\"name\":\"t\",\"version\":\"1.0.0\",\"bin\":[\"./x/a.js\",\"y/b\"]}");
    assertThat(m.bin()).contains(List.of("x/a.js", "y/b"));
  }

  @Test
  void directoriesBinIsExpandedWhenThereIsNoBin() {
    Trees.write(dir, Map.of("tools/a", "a", "tools/sub/b", "b", "tools/.hidden", "h", "tools/.dot/c", "c",
        "package.json", "{\"name\":\"t\",\"version\":\"1.0.0\",\"directories\":{\"bin\":\"./tools\"}}"));
    assertThat(PackageManifest.read(dir).bin().orElseThrow())
        .containsExactlyInAnyOrder("tools/a", "tools/sub", "tools/sub/b");
  }

  @Test
  void mainAndBrowserAreTakenAsNpmTurnsThemIntoStrings() {
    PackageManifest m = read("{\"name\":\"t\",\"version\":\"1.0.0\",\"main\":\"./m.js\",\"browser\":{\"x\":\"y\"}}");
    assertThat(m.main()).contains("./m.js");
    assertThat(m.browser()).contains("[object Object]");
    assertThat(read("{\"name\":\"t\",\"version\":\"1.0.0\",\"main\":\"\"}").main()).isEmpty();
  }

  @Test
  void aByteOrderMarkIsAllowed() {
    assertThat(read("\uFEFF{\"name\":\"t\",\"version\":\"1.0.0\"}").name().value()).isEqualTo("t");
  }

  @Test
  void missingOrInvalidManifestsAreRefused() {
    assertThatThrownBy(() -> PackageManifest.read(dir)).isInstanceOf(PackException.class)
        .satisfies(e -> assertThat(((PackException) e).reason()).isEqualTo(PackFailure.MISSING_MANIFEST))
        .hasMessageContaining("no package.json");
    refused("[1]", PackFailure.INVALID_MANIFEST).hasMessageContaining("not a JSON object");
    refused("{\"name\":", PackFailure.INVALID_MANIFEST);
  }

  @Test
  void namesAndVersionsAreChecked() {
    refused("{\"version\":\"1.0.0\"}", PackFailure.INVALID_NAME).hasMessageContaining("no name");
    refused("{\"name\":\"Bad Name\",\"version\":\"1.0.0\"}", PackFailure.INVALID_NAME);
    refused("{\"name\":\"t\"}", PackFailure.INVALID_VERSION).hasMessageContaining("no version");
    refused("{\"name\":\"t\",\"version\":\"1.0\"}", PackFailure.INVALID_VERSION).hasMessageContaining("1.0");
    refused("{\"name\":\"t\",\"version\":\"v1.0.0\"}", PackFailure.INVALID_VERSION);
    assertThat(read("{\"name\":\"t\",\"version\":\"1.0.0-beta.1+build.5\"}").version()).isEqualTo("1.0.0-beta.1+build.5");
  }

  @Test
  void bundledDependenciesAreRefusedWhenThereAreAny() {
    refused("{\"name\":\"t\",\"version\":\"1.0.0\",\"bundleDependencies\":[\"x\"]}", PackFailure.UNSUPPORTED)
        .hasMessageContaining("bundleDependencies").hasMessageContaining("[x]");
    refused("{\"name\":\"t\",\"version\":\"1.0.0\",\"bundledDependencies\":true,\"dependencies\":{\"y\":\"1\"}}",
        PackFailure.UNSUPPORTED).hasMessageContaining("[y]");
    assertThat(read("{\"name\":\"t\",\"version\":\"1.0.0\",\"bundleDependencies\":[]}").name().value()).isEqualTo("t");
    assertThat(read("{\"name\":\"t\",\"version\":\"1.0.0\",\"bundleDependencies\":true}").name().value()).isEqualTo("t");
  }

  @Test
  void workspacesRootsAndBadFilesFieldsAreRefused() {
    refused("{\"name\":\"t\",\"version\":\"1.0.0\",\"workspaces\":[\"packages/*\"]}", PackFailure.UNSUPPORTED)
        .hasMessageContaining("workspaces");
    refused("{\"name\":\"t\",\"version\":\"1.0.0\",\"workspaces\":{\"packages\":[\"a\"]}}", PackFailure.UNSUPPORTED);
    refused("{\"name\":\"t\",\"version\":\"1.0.0\",\"files\":\"lib\"}", PackFailure.INVALID_MANIFEST)
        .hasMessageContaining("array");
    refused("{\"name\":\"t\",\"version\":\"1.0.0\",\"files\":[\"lib\",3]}", PackFailure.INVALID_MANIFEST);
  }
}
