package dev.npmauth.impl.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.npmauth.verify.DependencySource;
import dev.npmauth.verify.LockedDependency;
import dev.npmauth.verify.Lockfile;
import dev.npmauth.verify.LockfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfileReaderTest {
  private static final String R = "https://registry.npmjs.org/";

  @TempDir
  Path dir;

  private Lockfile read(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return Lockfile.read(file);
  }

  private static Map<String, LockedDependency> byLocation(Lockfile lock) {
    return lock.dependencies().stream()
        .collect(Collectors.toMap(LockedDependency::location, Function.identity()));
  }

  @Test
  void version3ReadsEveryInstallLocationAndClassifiesSources() throws Exception {
    Lockfile lock = read("package-lock.json", """
        {"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
          "":{"name":"app","version":"1.0.0","workspaces":["packages/*"]},
          "node_modules/@scope/a":{"version":"1.2.3","resolved":"%1$s@scope/a/-/a-1.2.3.tgz","integrity":"sha512-AAAA","dev":true},
          "node_modules/@scope/a/node_modules/b":{"version":"2.0.0","resolved":"%1$sb/-/b-2.0.0.tgz","integrity":"sha512-BBBB","optional":true},
          "node_modules/alias":{"name":"real-pkg","version":"3.0.0","resolved":"%1$sreal-pkg/-/real-pkg-3.0.0.tgz","integrity":"sha512-CCCC"},
          "node_modules/ws":{"resolved":"packages/ws","link":true},
          "packages/ws":{"name":"ws","version":"0.1.0"},
          "node_modules/g":{"version":"1.0.0","resolved":"git+ssh://git@github.com/o/g.git#abc"},
          "node_modules/local":{"version":"1.0.0","resolved":"file:../local"},
          "node_modules/remote":{"version":"1.0.0","resolved":"https://example.com/downloads/remote.tgz","integrity":"sha512-DDDD"},
          "node_modules/x/node_modules/inner":{"version":"1.0.0","inBundle":true},
          "node_modules/noresolved":{"version":"4.5.6"}
        }}""".formatted(R));

    assertThat(lock.lockfileVersion()).isEqualTo(3);
    Map<String, LockedDependency> deps = byLocation(lock);
    assertThat(deps).hasSize(10);
    LockedDependency a = deps.get("node_modules/@scope/a");
    assertThat(a.name()).isEqualTo("@scope/a");
    assertThat(a.version()).isEqualTo("1.2.3");
    assertThat(a.integrity()).contains("sha512-AAAA");
    assertThat(a.source()).isEqualTo(DependencySource.REGISTRY);
    assertThat(a.dev()).isTrue();
    LockedDependency b = deps.get("node_modules/@scope/a/node_modules/b");
    assertThat(b.name()).isEqualTo("b");
    assertThat(b.optional()).isTrue();
    assertThat(deps.get("node_modules/alias").name()).isEqualTo("real-pkg");
    assertThat(deps.get("node_modules/ws").source()).isEqualTo(DependencySource.LINK);
    assertThat(deps.get("packages/ws").source()).isEqualTo(DependencySource.WORKSPACE);
    assertThat(deps.get("node_modules/g").source()).isEqualTo(DependencySource.GIT);
    assertThat(deps.get("node_modules/local").source()).isEqualTo(DependencySource.FILE);
    assertThat(deps.get("node_modules/remote").source()).isEqualTo(DependencySource.REMOTE_TARBALL);
    assertThat(deps.get("node_modules/x/node_modules/inner").source()).isEqualTo(DependencySource.BUNDLED);
    assertThat(deps.get("node_modules/noresolved").source()).isEqualTo(DependencySource.REGISTRY);
    assertThat(deps.get("node_modules/noresolved").resolved()).isEqualTo(Optional.empty());
  }

  @Test
  void version2IsReadFromPackagesNotTheLegacyTree() throws Exception {
    Lockfile lock = read("package-lock.json", """
        {"name":"app","lockfileVersion":2,"packages":{
          "":{"name":"app"},
          "node_modules/left-pad":{"version":"1.3.0","resolved":"%1$sleft-pad/-/left-pad-1.3.0.tgz","integrity":"sha512-XI5M"}
        },"dependencies":{
          "left-pad":{"version":"1.3.0","resolved":"%1$sleft-pad/-/left-pad-1.3.0.tgz","integrity":"sha512-XI5M"}
        }}""".formatted(R));

    assertThat(lock.lockfileVersion()).isEqualTo(2);
    assertThat(lock.dependencies()).extracting(LockedDependency::id).containsExactly("left-pad@1.3.0");
  }

  @Test
  void version1WalksTheNestedTreeWithAliasesAndNonRegistrySpecs() throws Exception {
    Lockfile lock = read("npm-shrinkwrap.json", """
        {"name":"app","version":"1.0.0","lockfileVersion":1,"requires":true,"dependencies":{
          "a":{"version":"1.0.0","resolved":"%1$sa/-/a-1.0.0.tgz","integrity":"sha512-AAAA","dev":true,
               "dependencies":{"b":{"version":"2.0.0","resolved":"%1$sb/-/b-2.0.0.tgz","integrity":"sha1-BBBB"}}},
          "al":{"version":"npm:real@3.1.0","resolved":"%1$sreal/-/real-3.1.0.tgz","integrity":"sha512-CCCC"},
          "g":{"version":"github:o/g#abcdef","from":"github:o/g"},
          "f":{"version":"file:../f"},
          "bundled":{"version":"1.0.0","bundled":true}
        }}""".formatted(R));

    assertThat(lock.lockfileVersion()).isEqualTo(1);
    Map<String, LockedDependency> deps = byLocation(lock);
    assertThat(deps.keySet()).containsExactlyInAnyOrder("node_modules/a", "node_modules/a/node_modules/b",
        "node_modules/al", "node_modules/g", "node_modules/f", "node_modules/bundled");
    assertThat(deps.get("node_modules/a/node_modules/b").id()).isEqualTo("b@2.0.0");
    assertThat(deps.get("node_modules/a/node_modules/b").source()).isEqualTo(DependencySource.REGISTRY);
    assertThat(deps.get("node_modules/al").id()).isEqualTo("real@3.1.0");
    assertThat(deps.get("node_modules/al").source()).isEqualTo(DependencySource.REGISTRY);
    assertThat(deps.get("node_modules/g").source()).isEqualTo(DependencySource.GIT);
    assertThat(deps.get("node_modules/f").source()).isEqualTo(DependencySource.FILE);
    assertThat(deps.get("node_modules/bundled").source()).isEqualTo(DependencySource.BUNDLED);
    assertThat(deps.get("node_modules/a").dev()).isTrue();
  }

  @Test
  void aProjectFolderPrefersTheShrinkwrapLikeNpm() throws Exception {
    Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\":3,\"packages\":{}}");
    Files.writeString(dir.resolve("npm-shrinkwrap.json"), "{\"lockfileVersion\":2,\"packages\":{}}");

    Lockfile lock = Lockfile.read(dir);

    assertThat(lock.file().getFileName().toString()).isEqualTo("npm-shrinkwrap.json");
    assertThat(lock.lockfileVersion()).isEqualTo(2);
  }

  @Test
  void unreadableLockfilesSayWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> Lockfile.read(dir)).isInstanceOf(LockfileException.class)
        .hasMessageContaining("neither npm-shrinkwrap.json nor package-lock.json");
    assertThatThrownBy(() -> read("a.json", "[1]")).isInstanceOf(LockfileException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> read("b.json", "{\"packages\":{}}")).isInstanceOf(LockfileException.class)
        .hasMessageContaining("lockfileVersion");
    assertThatThrownBy(() -> read("c.json", "{\"lockfileVersion\":4,\"packages\":{}}"))
        .isInstanceOf(LockfileException.class).hasMessageContaining("1, 2 and 3");
    assertThatThrownBy(() -> Lockfile.read(dir.resolve("missing.json")))
        .isInstanceOf(LockfileException.class).hasMessageContaining("no such file");
  }

  @Test
  void registryTarballUrlsAreToldFromOtherUrls() {
    assertThat(LockfileReader.classify(R + "@s/p/-/p-1.0.0.tgz")).isEqualTo(DependencySource.REGISTRY);
    assertThat(LockfileReader.classify("http://127.0.0.1:4873/prefix/p/-/p-1.0.0.tgz"))
        .isEqualTo(DependencySource.REGISTRY);
    assertThat(LockfileReader.classify("https://codeload.github.com/o/r/tar.gz/abc"))
        .isEqualTo(DependencySource.REMOTE_TARBALL);
    assertThat(LockfileReader.classify("git+https://github.com/o/r.git#abc")).isEqualTo(DependencySource.GIT);
    assertThat(LockfileReader.classify("link:../x")).isEqualTo(DependencySource.LINK);
  }
}
