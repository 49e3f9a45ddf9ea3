package dev.npmauth.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.TokenSpec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A failing test gets its registries' journals as suppressed exceptions. The first registered
 * handler runs after the extension's (JUnit calls exception handlers in reverse registration
 * order), checks what was attached, and swallows the deliberate failure only if the journal is
 * there and redacted.
 */
@Tag("fake")
@ExtendWith({FailingTestJournalTest.ExpectJournal.class, FakeRegistryExtension.class})
class FailingTestJournalTest {
  static final String CANARY_USER = "journal-user";
  static String token;

  static final class ExpectJournal implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
      if (!(failure instanceof IllegalStateException) || !"deliberate".equals(failure.getMessage())) {
        throw failure;
      }
      String attached = Arrays.stream(failure.getSuppressed()).map(Throwable::toString)
          .reduce("", (a, b) -> a + "\n" + b);
      assertThat(attached).contains("journal of the fake registry http://127.0.0.1:", "(1 request)",
          "GET /-/whoami -> 200");
      assertThat(attached).doesNotContain(token);
    }
  }

  @Test
  void aFailureCarriesTheJournalWithoutSecrets(FakeRegistry registry) throws Exception {
    token = registry.createToken(TokenSpec.readOnly(CANARY_USER));
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(registry.url().resolve("-/whoami"))
        .header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
    throw new IllegalStateException("deliberate");
  }
}
