package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
@SuppressWarnings("unchecked")
class PublishTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private FakeRegistry registry;
  private TestHttp http;
  private String admin;

  @BeforeEach
  void start() {
    registry = FakeRegistry.builder().clock(new MutableClock(NOW)).start();
    http = new TestHttp(registry.url());
    admin = TestHttp.bearer(registry.adminToken());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private HttpResponse<String> publish(String name, Map<String, Object> doc, String auth) throws Exception {
    return auth == null
        ? http.put(Packages.path(name), TestHttp.toJson(doc))
        : http.put(Packages.path(name), TestHttp.toJson(doc), "authorization", auth);
  }

  private static String error(HttpResponse<String> r) throws Exception {
    return (String) TestHttp.json(r.body()).get("error");
  }

  @Test
  void publishedPackageIsServedAsFullAndAbbreviatedPackumentAndIdenticalTarball() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 2000);
    HttpResponse<String> put = publish("demo-pkg", Packages.publishDoc("demo-pkg", "1.0.0", tgz, null), admin);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(TestHttp.json(put.body())).containsEntry("ok", true);

    HttpResponse<String> full = http.get("/demo-pkg", "accept", "application/json");
    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.headers().firstValue("content-type")).hasValue("application/json");
    Map<String, Object> doc = TestHttp.json(full.body());
    assertThat(doc)
        .containsEntry("_id", "demo-pkg")
        .containsEntry("name", "demo-pkg")
        .containsEntry("readme", "# demo-pkg")
        .containsEntry("access", "public")
        .containsEntry("dist-tags", Map.of("latest", "1.0.0"))
        .containsKey("_rev");
    assertThat(TestHttp.object(doc, "time"))
        .containsEntry("created", "2025-06-01T12:00:00.000Z")
        .containsEntry("modified", "2025-06-01T12:00:00.000Z")
        .containsEntry("1.0.0", "2025-06-01T12:00:00.000Z");
    assertThat(TestHttp.list(doc, "maintainers")).hasSize(1);
    Map<String, Object> v = TestHttp.object(TestHttp.object(doc, "versions"), "1.0.0");
    assertThat(v).containsEntry("main", "index.js").containsEntry("_npmUser", Map.of("name", "admin", "email", "admin@example.com"));
    String tarballUrl = registry.url() + "demo-pkg/-/demo-pkg-1.0.0.tgz";
    assertThat(TestHttp.object(v, "dist"))
        .containsEntry("tarball", tarballUrl)
        .containsEntry("integrity", Packages.integrity(tgz))
        .containsEntry("shasum", Packages.shasum(tgz));

    HttpResponse<String> corgi = http.get("/demo-pkg", "accept", TestHttp.NPM_ACCEPT);
    assertThat(corgi.headers().firstValue("content-type")).hasValue("application/vnd.npm.install-v1+json");
    Map<String, Object> abbreviated = TestHttp.json(corgi.body());
    assertThat(abbreviated.keySet()).containsExactlyInAnyOrder("name", "modified", "dist-tags", "versions");
    assertThat(TestHttp.object(TestHttp.object(abbreviated, "versions"), "1.0.0").keySet())
        .containsExactlyInAnyOrder("name", "version", "dependencies", "dist");

    HttpResponse<byte[]> tarball = http.getBytes(tarballUrl);
    assertThat(tarball.statusCode()).isEqualTo(200);
    assertThat(tarball.headers().firstValue("content-type")).hasValue("application/octet-stream");
    assertThat(tarball.body()).isEqualTo(tgz);
    assertThat(registry.tarball("demo-pkg", "1.0.0")).hasValueSatisfying(b -> assertThat(b).isEqualTo(tgz));
    assertThat(registry.packument("demo-pkg")).hasValueSatisfying(p -> assertThat(p).contains("\"_rev\""));
  }

  @Test
  void scopedPackageIsReachableEscapedAndUnescapedWithTarballUrlRewritten() throws Exception {
    byte[] tgz = Packages.tarball("@acme/widgets", "1.0.0", 10);
    Map<String, Object> doc = Packages.publishDoc("@acme/widgets", "1.0.0", tgz, "public");
    // npm sends the scoped tarball URL with the full name twice; the registry rewrites it.
    ((Map<String, Object>) Packages.manifest(doc).get("dist"))
        .put("tarball", "http://127.0.0.1:1/@acme/widgets/-/@acme/widgets-1.0.0.tgz");
    assertThat(publish("@acme/widgets", doc, admin).statusCode()).isEqualTo(200);

    for (String path : List.of("/@acme%2fwidgets", "/@acme%2Fwidgets", "/@acme/widgets")) {
      HttpResponse<String> r = http.get(path, "accept", "application/json");
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
    Map<String, Object> v =
        TestHttp.object(TestHttp.object(TestHttp.json(http.get("/@acme%2fwidgets").body()), "versions"), "1.0.0");
    String tarballUrl = registry.url() + "@acme/widgets/-/widgets-1.0.0.tgz";
    assertThat(TestHttp.object(v, "dist")).containsEntry("tarball", tarballUrl);
    assertThat(http.getBytes(tarballUrl).body()).isEqualTo(tgz);
    assertThat(http.getBytes("/@acme%2fwidgets/-/widgets-1.0.0.tgz").body()).isEqualTo(tgz);
    assertThat(TestHttp.json(http.get("/-/package/@acme%2fwidgets/visibility").body()))
        .containsEntry("public", true);
  }

  @Test
  void publishOfAnExistingVersionIsRefusedWithNpmsMessage() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    assertThat(publish("demo-pkg", Packages.publishDoc("demo-pkg", "1.0.0", tgz, null), admin).statusCode()).isEqualTo(200);
    byte[] other = Packages.tarball("demo-pkg", "1.0.0", 20);

    HttpResponse<String> again = publish("demo-pkg", Packages.publishDoc("demo-pkg", "1.0.0", other, null), admin);

    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(error(again)).isEqualTo("You cannot publish over the previously published versions: 1.0.0.");
    assertThat(registry.tarball("demo-pkg", "1.0.0")).hasValueSatisfying(b -> assertThat(b).isEqualTo(tgz));
  }

  @Test
  void secondVersionMergesDistTagsAndKeepsTheFirst() throws Exception {
    publish("demo-pkg", Packages.publishDoc("demo-pkg", "1.0.0", Packages.tarball("demo-pkg", "1.0.0", 1), null), admin);
    Map<String, Object> beta = Packages.publishDoc("demo-pkg", "2.0.0-beta.1", Packages.tarball("demo-pkg", "2.0.0-beta.1", 1), null);
    beta.put("dist-tags", Map.of("next", "2.0.0-beta.1"));
    assertThat(publish("demo-pkg", beta, admin).statusCode()).isEqualTo(200);

    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0", "2.0.0-beta.1");
    assertThat(TestHttp.json(http.get("/demo-pkg").body()))
        .containsEntry("dist-tags", Map.of("latest", "1.0.0", "next", "2.0.0-beta.1"));
  }

  @Test
  void servedPackumentsFollowEveryChangeToThePackage() throws Exception {
    String corgi = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    publish("demo-pkg", Packages.publishDoc("demo-pkg", "1.0.0", Packages.tarball("demo-pkg", "1.0.0", 1), null), admin);
    assertThat(object(TestHttp.json(http.get("/demo-pkg").body()), "versions")).containsOnlyKeys("1.0.0");
    assertThat(object(TestHttp.json(http.get("/demo-pkg", "accept", corgi).body()), "versions"))
        .containsOnlyKeys("1.0.0");

    publish("demo-pkg", Packages.publishDoc("demo-pkg", "1.1.0", Packages.tarball("demo-pkg", "1.1.0", 1), null), admin);
    assertThat(object(TestHttp.json(http.get("/demo-pkg").body()), "versions")).containsOnlyKeys("1.0.0", "1.1.0");
    assertThat(TestHttp.json(http.get("/demo-pkg", "accept", corgi).body()))
        .containsEntry("dist-tags", Map.of("latest", "1.1.0"));

    assertThat(http.put("/-/package/demo-pkg/dist-tags/stable", "\"1.0.0\"", "authorization", admin,
        "content-type", "application/json").statusCode()).isEqualTo(200);
    assertThat(TestHttp.json(http.get("/demo-pkg").body()))
        .containsEntry("dist-tags", Map.of("latest", "1.1.0", "stable", "1.0.0"));
    assertThat(TestHttp.json(http.get("/demo-pkg", "accept", corgi).body()))
        .containsEntry("dist-tags", Map.of("latest", "1.1.0", "stable", "1.0.0"));

    registry.removeSignatures("demo-pkg", "1.1.0");
    Map<String, Object> dist = object(object(object(TestHttp.json(http.get("/demo-pkg", "accept", corgi).body()),
        "versions"), "1.1.0"), "dist");
    assertThat(dist).doesNotContainKey("signatures");
  }

  private static Map<String, Object> object(Map<String, Object> parent, String key) {
    return TestHttp.object(parent, key);
  }

  @Test
  void publishRefusedWhenIntegrityOrShasumDoesNotMatchTheTarball() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    Map<String, Object> doc = Packages.publishDoc("demo-pkg", "1.0.0", tgz, null);
    ((Map<String, Object>) Packages.manifest(doc).get("dist"))
        .put("integrity", Packages.integrity(Packages.tarball("demo-pkg", "1.0.0", 11)));
    HttpResponse<String> r = publish("demo-pkg", doc, admin);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).contains("dist.integrity of demo-pkg@1.0.0 does not match the attached tarball");

    Map<String, Object> doc2 = Packages.publishDoc("demo-pkg", "1.0.0", tgz, null);
    ((Map<String, Object>) Packages.manifest(doc2).get("dist")).put("shasum", "0".repeat(40));
    HttpResponse<String> r2 = publish("demo-pkg", doc2, admin);
    assertThat(r2.statusCode()).isEqualTo(400);
    assertThat(error(r2)).contains("dist.shasum of demo-pkg@1.0.0 does not match");
    assertThat(registry.versions("demo-pkg")).isEmpty();
  }

  @Test
  void publishRefusedWhenAttachmentLengthOrDataIsWrong() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    Map<String, Object> doc = Packages.publishDoc("demo-pkg", "1.0.0", tgz, null);
    Packages.attachment(doc).put("length", tgz.length + 1);
    HttpResponse<String> r = publish("demo-pkg", doc, admin);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).contains("length " + (tgz.length + 1) + " does not match the " + tgz.length + " bytes");

    Map<String, Object> doc2 = Packages.publishDoc("demo-pkg", "1.0.0", tgz, null);
    Packages.attachment(doc2).put("data", "not base64!!");
    HttpResponse<String> r2 = publish("demo-pkg", doc2, admin);
    assertThat(r2.statusCode()).isEqualTo(400);
    assertThat(error(r2)).contains("base64");
  }

  @Test
  void publishRefusedWhenNamesDisagreeOrVersionsAreNotExactlyOne() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    HttpResponse<String> r =
        http.put("/other-pkg", TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null)), "authorization", admin);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).contains("does not match the URL");

    Map<String, Object> two = Packages.publishDoc("demo-pkg", "1.0.0", tgz, null);
    ((Map<String, Object>) two.get("versions")).put("1.0.1", Packages.manifest(two));
    HttpResponse<String> r2 = publish("demo-pkg", two, admin);
    assertThat(r2.statusCode()).isEqualTo(400);
    assertThat(error(r2)).contains("exactly one version");

    HttpResponse<String> badName = http.put("/Bad%20Name", "{}", "authorization", admin);
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(error(badName)).contains("invalid package name");
  }

  @Test
  void unscopedRestrictedPublishIsRefused() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    HttpResponse<String> r = publish("demo-pkg", Packages.publishDoc("demo-pkg", "1.0.0", tgz, "restricted"), admin);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).contains("unscoped packages cannot be restricted");
  }

  @Test
  void restrictedPackageIsNotReadableAnonymouslyButIsByItsOwner() throws Exception {
    String alice = registry.createToken(TokenSpec.readWrite("alice"));
    String bob = registry.createToken(TokenSpec.readWrite("bob"));
    byte[] tgz = Packages.tarball("@acme/secret", "1.0.0", 10);
    // access null on a scoped package: restricted by default.
    assertThat(publish("@acme/secret", Packages.publishDoc("@acme/secret", "1.0.0", tgz, null), TestHttp.bearer(alice))
        .statusCode()).isEqualTo(200);

    for (String path : List.of("/@acme%2fsecret", "/@acme/secret/-/secret-1.0.0.tgz", "/-/package/@acme%2fsecret/visibility")) {
      HttpResponse<String> anonymous = http.get(path);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(404);
      assertThat(error(anonymous)).isEqualTo("Not found");
      assertThat(http.get(path, "authorization", TestHttp.bearer(bob)).statusCode()).as("bob " + path).isEqualTo(404);
      assertThat(http.get(path, "authorization", TestHttp.bearer(alice)).statusCode()).as("alice " + path).isEqualTo(200);
      assertThat(http.get(path, "authorization", admin).statusCode()).as("admin " + path).isEqualTo(200);
    }
    assertThat(TestHttp.json(http.get("/-/package/@acme%2fsecret/visibility", "authorization", admin).body()))
        .containsEntry("public", false);
  }

  @Test
  void unknownPackageIs404() throws Exception {
    HttpResponse<String> r = http.get("/no-such-pkg", "accept", TestHttp.NPM_ACCEPT);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(error(r)).isEqualTo("Not found");
    assertThat(registry.packument("no-such-pkg")).isEmpty();
  }

  @Test
  void publishNeedsATokenThatMayWriteThatPackage() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 10);
    Map<String, Object> doc = Packages.publishDoc("demo-pkg", "1.0.0", tgz, null);
    assertThat(publish("demo-pkg", doc, null).statusCode()).isEqualTo(401);

    String readOnly = registry.createToken(TokenSpec.readOnly("alice"));
    HttpResponse<String> ro = publish("demo-pkg", doc, TestHttp.bearer(readOnly));
    assertThat(ro.statusCode()).isEqualTo(403);
    assertThat(error(ro)).contains("read-only");

    String limited = registry.createToken(TokenSpec.readWrite("alice").packages("other-pkg"));
    HttpResponse<String> lim = publish("demo-pkg", doc, TestHttp.bearer(limited));
    assertThat(lim.statusCode()).isEqualTo(403);
    assertThat(error(lim)).contains("limited to packages [other-pkg]");

    String alice = registry.createToken(TokenSpec.readWrite("alice").packages("demo-pkg"));
    assertThat(publish("demo-pkg", doc, TestHttp.bearer(alice)).statusCode()).isEqualTo(200);

    String bob = registry.createToken(TokenSpec.readWrite("bob"));
    Map<String, Object> next = Packages.publishDoc("demo-pkg", "1.0.1", Packages.tarball("demo-pkg", "1.0.1", 1), null);
    HttpResponse<String> notMaintainer = publish("demo-pkg", next, TestHttp.bearer(bob));
    assertThat(notMaintainer.statusCode()).isEqualTo(403);
    assertThat(error(notMaintainer)).contains("You do not have permission to publish \"demo-pkg\"");
    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0");
  }

  @Test
  void largeTarballIsStoredAndServedByteForByte() throws Exception {
    byte[] tgz = Packages.tarball("big-pkg", "1.0.0", 6 * 1024 * 1024);
    assertThat(publish("big-pkg", Packages.publishDoc("big-pkg", "1.0.0", tgz, null), admin).statusCode()).isEqualTo(200);
    assertThat(http.getBytes("/big-pkg/-/big-pkg-1.0.0.tgz").body()).isEqualTo(tgz);
  }

  @Test
  void concurrentPublishesOfOneVersionHaveExactlyOneWinnerAndDistinctVersionsAllLand() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> same = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] tgz = Packages.tarball("race-pkg", "1.0.0", 100 + i);
        String doc = TestHttp.toJson(Packages.publishDoc("race-pkg", "1.0.0", tgz, null));
        same.add(pool.submit(() -> http.put("/race-pkg", doc, "authorization", admin).statusCode()));
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var f : same) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnly(200, 403).filteredOn(s -> s == 200).hasSize(1);

      List<java.util.concurrent.Future<Integer>> distinct = new java.util.ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        String version = "1.0." + i;
        byte[] tgz = Packages.tarball("race-pkg", version, 10);
        Map<String, Object> doc = Packages.publishDoc("race-pkg", version, tgz, null);
        doc.put("dist-tags", Map.of("v" + i, version));
        String json = TestHttp.toJson(doc);
        distinct.add(pool.submit(() -> http.put("/race-pkg", json, "authorization", admin).statusCode()));
      }
      for (var f : distinct) {
        assertThat(f.get()).isEqualTo(200);
      }
      assertThat(registry.versions("race-pkg")).hasSize(9);
      assertThat(TestHttp.object(TestHttp.json(http.get("/race-pkg").body()), "dist-tags")).hasSize(9);
    } finally {
      pool.shutdownNow();
    }
  }
}
