package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fake")
class JournalTest {

  @Test
  void journalRecordsRequestsWithAuthorizationAndOtpRedacted() throws Exception {
    AtomicInteger n = new AtomicInteger();
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .adminToken("canary-admin-7f3a")
            .tokenFactory(() -> "canary-token-" + n.incrementAndGet())
            .start()) {
      TestHttp http = new TestHttp(registry.url());
      registry.trust(TrustedPublisher.github("@acme/widgets", "acme/widgets", "release.yml"));
      Map<String, String> env = registry.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml"));
      String requestToken = env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
      String idToken =
          (String) TestHttp.json(http.get(env.get("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=npm%3A127.0.0.1",
                  "authorization", TestHttp.bearer(requestToken)).body()).get("value");
      String exchanged =
          (String) TestHttp.json(http.post("/-/npm/v1/oidc/token/exchange/package/@acme%2fwidgets",
                  "authorization", TestHttp.bearer(idToken)).body()).get("token");
      byte[] tgz = Packages.tarball("@acme/widgets", "1.0.0", 10);
      String doc = TestHttp.toJson(Packages.publishDoc("@acme/widgets", "1.0.0", tgz, null));
      http.put("/@acme%2fwidgets", doc, "authorization", TestHttp.bearer(exchanged), "npm-otp", "123456");
      http.get("/-/whoami", "authorization", TestHttp.bearer("canary-admin-7f3a"));

      var journal = registry.journal();
      assertThat(journal).extracting(RecordedRequest::method)
          .containsExactly("GET", "POST", "PUT", "GET");
      assertThat(journal).extracting(RecordedRequest::status).containsExactly(200, 201, 200, 200);
      RecordedRequest put = journal.get(2);
      assertThat(put.path()).isEqualTo("/@acme%2fwidgets");
      assertThat(put.header("Authorization")).hasValue("Bearer ****");
      assertThat(put.header("npm-otp")).hasValue("****");
      assertThat(put.header("content-type")).hasValue("application/json");
      assertThat(put.bodyBytes()).isEqualTo(doc.length());
      assertThat(journal.get(0).path()).contains("&audience=npm%3A127.0.0.1");
      assertThat(journal.get(1).bodyBytes()).isZero();

      for (RecordedRequest r : journal) {
        String everything = r.toString() + r.path() + r.headers();
        assertThat(everything)
            .doesNotContain("canary-")
            .doesNotContain(requestToken)
            .doesNotContain(idToken)
            .doesNotContain("123456");
      }

      registry.clearJournal();
      assertThat(registry.journal()).isEmpty();
    }
  }

  @Test
  void onRequestListenerSeesTheRedactedRecord() throws Exception {
    var seen = new java.util.concurrent.CopyOnWriteArrayList<RecordedRequest>();
    try (FakeRegistry registry = FakeRegistry.builder().onRequest(seen::add).start()) {
      new TestHttp(registry.url()).get("/-/whoami", "authorization", TestHttp.bearer(registry.adminToken()));
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).header("authorization")).hasValue("Bearer ****");
      assertThat(seen.get(0)).isEqualTo(registry.journal().get(0));
    }
  }
}
