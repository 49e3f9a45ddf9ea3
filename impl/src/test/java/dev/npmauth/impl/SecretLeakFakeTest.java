package dev.npmauth.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.impl.testing.CanaryScan;
import dev.npmauth.impl.testing.Tarballs;
import dev.npmauth.impl.testing.TestClients;
import dev.npmauth.oidc.TrustedPublishingDiagnosis;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.IdTokenSpec;
import dev.npmauth.testkit.TokenSpec;
import dev.npmauth.testkit.TrustedPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants canary secrets (ID tokens, exchanged tokens, a granular token, GitHub's request token),
 * runs successful and failing flows, and scans every log line, exception text, printed result and
 * the fake registry's journal for them.
 */
@Tag("fake")
class SecretLeakFakeTest {

  @TempDir
  Path dir;

  @Test
  void noSecretAppearsInLogsExceptionsPrintedValuesOrTheJournal() throws Exception {
    CanaryScan scan = CanaryScan.start();
    List<String> canaries = scan.canaries();
    List<String> seen = scan.seen();
    try (scan; FakeRegistry fake = FakeRegistry.builder().tokenFactory(() -> scan.canary("token")).start()) {
      fake.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
      fake.trust(TrustedPublisher.gitlab("demo-pkg", "group/project", ".gitlab-ci.yml"));
      String granular = fake.createToken(TokenSpec.readWrite("alice").allPackages());

      // 1. GitHub run: exchange (a canary comes back) and publish; the request token is a canary too
      Map<String, String> github = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
      canaries.add(github.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"));
      try (NpmRegistryClient client = TestClients.client(fake, github)) {
        PublishResult result = client.publisher().publish(PublishRequest.builder(
            Tarballs.simple(dir, "demo-pkg", "1.0.0")).build());
        seen.add(result.toString());
        seen.add(result.credential().orElseThrow().explain());
        seen.add(result.credential().orElseThrow().credential().toString());
        seen.add(client.trustedPublishing().diagnose(PackageName.of("demo-pkg")).render());
      }

      // 2. GitLab run: the ID token sits in NPM_ID_TOKEN
      Map<String, String> gitlab = fake.gitlabRun(GitLabRun.of("group/project", ".gitlab-ci.yml"));
      canaries.add(gitlab.get("NPM_ID_TOKEN"));
      try (NpmRegistryClient client = TestClients.client(fake, gitlab)) {
        ResolvedCredential resolved = client.publishCredentials().resolve(PackageName.of("demo-pkg"));
        seen.add(resolved.explain());
        seen.add(resolved.toString());
      }

      // 3. Refusals, with the granular token as fallback and in failing calls
      Map<String, String> nightly = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "nightly.yml")));
      canaries.add(nightly.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"));
      nightly.put("NPM_TOKEN", granular);
      String expired = fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml")).expired());
      String forged = fake.idTokens().mint(IdTokenSpec.github(GitHubRun.of("acme/widgets", "release.yml")).signedWithUnknownKey());
      canaries.add(expired);
      canaries.add(forged);
      for (Map<String, String> env : List.of(nightly, Map.of("GITHUB_ACTIONS", "true", "NPM_ID_TOKEN", expired),
          Map.of("GITHUB_ACTIONS", "true", "NPM_ID_TOKEN", forged), Map.of("GITHUB_ACTIONS", "true", "NPM_ID_TOKEN", "canary-not-a-jwt-" + UUID.randomUUID()))) {
        if (env.get("NPM_ID_TOKEN") != null) {
          canaries.add(env.get("NPM_ID_TOKEN"));
        }
        try (NpmRegistryClient client = TestClients.client(fake, env)) {
          TrustedPublishingDiagnosis diagnosis = client.trustedPublishing().diagnose(PackageName.of("demo-pkg"));
          seen.add(diagnosis.render());
          seen.add(diagnosis.toString());
          scan.collect(() -> client.trustedPublishing().exchange(PackageName.of("demo-pkg")));
          scan.collect(() -> seen.add(client.publishCredentials().resolve(PackageName.of("demo-pkg")).explain()));
          scan.collect(() -> client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "1.0.0")).build()));
        }
      }

      // 4. Server failures and timeouts on the exchange and on publish
      fake.inject(Fault.on("POST", "/-/npm/v1/oidc/token/exchange/.*").status(500).body("{\"message\":\"boom\"}").always());
      fake.inject(Fault.on("PUT", "/.*").delay(Duration.ofSeconds(2)).always());
      Map<String, String> failing = new HashMap<>(fake.githubActionsRun(GitHubRun.of("acme/widgets", "release.yml")));
      canaries.add(failing.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"));
      failing.put("NPM_TOKEN", granular);
      try (NpmRegistryClient client = TestClients.builder(fake, failing).readTimeout(Duration.ofMillis(200)).build()) {
        scan.collect(() -> client.publisher().publish(PublishRequest.builder(Tarballs.simple(dir, "demo-pkg", "2.0.0")).build()));
      }
      seen.add(fake.journal().toString());
      fake.journal().forEach(r -> seen.add(r.headers().toString()));
    }

    assertThat(canaries).hasSizeGreaterThan(8).doesNotContainNull();
    assertThat(seen).hasSizeGreaterThan(20);
    String everything = scan.everything();
    assertThat(everything).contains("--> POST", "Bearer ****", "NO_MATCHING_TRUSTED_PUBLISHER", "ID_TOKEN_EXPIRED",
        "ID_TOKEN_REJECTED", "ID_TOKEN_MALFORMED", "timed out");
    for (String canary : canaries) {
      assertThat(everything).as("a planted secret leaked").doesNotContain(canary);
      String[] parts = canary.split("\\.");
      if (parts.length == 3) {
        assertThat(everything).as("a JWT's signature leaked").doesNotContain(parts[2]);
      }
    }
  }
}
