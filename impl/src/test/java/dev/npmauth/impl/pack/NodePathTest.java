package dev.npmauth.impl.pack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Node's {@code path.posix} functions (expected values from node 20). */
class NodePathTest {

  @Test
  void behavesAsNodesPosixPath() {
    assertThat(NodePath.extname("a.js")).as("ext a.js").isEqualTo(".js");
    assertThat(NodePath.basename("a.js")).as("base a.js").isEqualTo("a.js");
    assertThat(NodePath.extname("a.b.js")).as("ext a.b.js").isEqualTo(".js");
    assertThat(NodePath.basename("a.b.js")).as("base a.b.js").isEqualTo("a.b.js");
    assertThat(NodePath.extname(".npmignore")).as("ext .npmignore").isEqualTo("");
    assertThat(NodePath.basename(".npmignore")).as("base .npmignore").isEqualTo(".npmignore");
    assertThat(NodePath.extname("..")).as("ext ..").isEqualTo("");
    assertThat(NodePath.basename("..")).as("base ..").isEqualTo("..");
    assertThat(NodePath.extname(".")).as("ext .").isEqualTo("");
    assertThat(NodePath.basename(".")).as("base .").isEqualTo(".");
    assertThat(NodePath.extname("a.")).as("ext a.").isEqualTo(".");
    assertThat(NodePath.basename("a.")).as("base a.").isEqualTo("a.");
    assertThat(NodePath.extname("a..")).as("ext a..").isEqualTo(".");
    assertThat(NodePath.basename("a..")).as("base a..").isEqualTo("a..");
    assertThat(NodePath.extname("..a")).as("ext ..a").isEqualTo(".a");
    assertThat(NodePath.basename("..a")).as("base ..a").isEqualTo("..a");
    assertThat(NodePath.extname(".a.b")).as("ext .a.b").isEqualTo(".b");
    assertThat(NodePath.basename(".a.b")).as("base .a.b").isEqualTo(".a.b");
    assertThat(NodePath.extname("dir/.x")).as("ext dir/.x").isEqualTo("");
    assertThat(NodePath.basename("dir/.x")).as("base dir/.x").isEqualTo(".x");
    assertThat(NodePath.extname("dir.x/y")).as("ext dir.x/y").isEqualTo("");
    assertThat(NodePath.basename("dir.x/y")).as("base dir.x/y").isEqualTo("y");
    assertThat(NodePath.extname("x/")).as("ext x/").isEqualTo("");
    assertThat(NodePath.basename("x/")).as("base x/").isEqualTo("x");
    assertThat(NodePath.extname("x.js/")).as("ext x.js/").isEqualTo(".js");
    assertThat(NodePath.basename("x.js/")).as("base x.js/").isEqualTo("x.js");
    assertThat(NodePath.extname("")).as("ext ").isEqualTo("");
    assertThat(NodePath.basename("")).as("base ").isEqualTo("");
    assertThat(NodePath.extname("README")).as("ext README").isEqualTo("");
    assertThat(NodePath.basename("README")).as("base README").isEqualTo("README");
    assertThat(NodePath.extname("@x.d.ts")).as("ext @x.d.ts").isEqualTo(".ts");
    assertThat(NodePath.basename("@x.d.ts")).as("base @x.d.ts").isEqualTo("@x.d.ts");
    assertThat(NodePath.extname("a/b/c.tar.gz")).as("ext a/b/c.tar.gz").isEqualTo(".gz");
    assertThat(NodePath.basename("a/b/c.tar.gz")).as("base a/b/c.tar.gz").isEqualTo("c.tar.gz");
    assertThat(NodePath.normalize("a/b/../c")).as("norm a/b/../c").isEqualTo("a/c");
    assertThat(NodePath.normalize("./a")).as("norm ./a").isEqualTo("a");
    assertThat(NodePath.normalize("a//b/")).as("norm a//b/").isEqualTo("a/b/");
    assertThat(NodePath.normalize("/../x")).as("norm /../x").isEqualTo("/x");
    assertThat(NodePath.normalize("../../a")).as("norm ../../a").isEqualTo("../../a");
    assertThat(NodePath.normalize("a/./b/.")).as("norm a/./b/.").isEqualTo("a/b");
    assertThat(NodePath.normalize("")).as("norm ").isEqualTo(".");
    assertThat(NodePath.normalize("/")).as("norm /").isEqualTo("/");
    assertThat(NodePath.normalize("./")).as("norm ./").isEqualTo("./");
    assertThat(NodePath.normalize("a/..")).as("norm a/..").isEqualTo(".");
    assertThat(NodePath.normalize("..//..")).as("norm ..//..").isEqualTo("../..");
    assertThat(NodePath.normalize("/a/b/../../..")).as("norm /a/b/../../..").isEqualTo("/");
    assertThat(NodePath.secureAndUnixify("./bin/cli.js")).as("secure ./bin/cli.js").isEqualTo("bin/cli.js");
    assertThat(NodePath.secureAndUnixify("bin\\\\x.js")).as("secure bin\\\\x.js").isEqualTo("bin/x.js");
    assertThat(NodePath.secureAndUnixify("../../etc/passwd")).as("secure ../../etc/passwd").isEqualTo("etc/passwd");
    assertThat(NodePath.secureAndUnixify("/abs/x")).as("secure /abs/x").isEqualTo("abs/x");
    assertThat(NodePath.secureAndUnixify("c:\\\\x")).as("secure c:\\\\x").isEqualTo("c/x");
    assertThat(NodePath.secureAndUnixify("")).as("secure ").isEqualTo("");
    assertThat(NodePath.secureAndUnixify(".")).as("secure .").isEqualTo("");
    assertThat(NodePath.secureAndUnixify("./")).as("secure ./").isEqualTo("");
    assertThat(NodePath.secureAndUnixify("a/../b")).as("secure a/../b").isEqualTo("b");
  }

  @Test
  void joinsAndNormalises() {
    assertThat(NodePath.join("/pkg", "/dist/")).isEqualTo("/pkg/dist/");
    assertThat(NodePath.join("/pkg", "../x")).isEqualTo("/x");
    assertThat(NodePath.join("", "")).isEqualTo(".");
  }
}
