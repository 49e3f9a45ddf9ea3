package dev.npmauth.testkit.assertj;

import dev.npmauth.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * Assertions over a request journal ({@link dev.npmauth.testkit.FakeRegistry#journal()}); reached
 * with {@link FakeRegistryAssertions#assertThat(List)}. It is also an AssertJ list assertion.
 *
 * <p>Requests are chosen by method ({@code *} for any) and a regex over the whole raw path without
 * the query, escapes kept ({@code /@acme%2fwidgets}), as {@link dev.npmauth.testkit.Fault} matches
 * them. Failure messages list the journal (its last {@value Describe#MAX_REQUESTS} requests); it
 * is redacted, so they never show a token.
 *
 * <pre>{@code
 * assertThat(registry.journal())
 *     .hasRequest("PUT", "/demo-pkg").withHeader("npm-command", "publish").withStatuses(503, 200)
 *     .and().hasNoRequest("DELETE", ".*")
 *     .hasRequestsInOrder("GET /demo-pkg", "PUT /demo-pkg")
 *     .hasNoTraceOf(canaryToken);
 * }</pre>
 */
public final class JournalAssert
    extends AbstractListAssert<JournalAssert, List<? extends RecordedRequest>, RecordedRequest,
        ObjectAssert<RecordedRequest>> {

  JournalAssert(List<? extends RecordedRequest> journal) {
    super(journal == null ? null : List.copyOf(journal), JournalAssert.class);
  }

  @Override
  protected ObjectAssert<RecordedRequest> toAssert(RecordedRequest value, String description) {
    return new ObjectAssert<>(value).as(description);
  }

  @Override
  protected JournalAssert newAbstractIterableAssert(Iterable<? extends RecordedRequest> iterable) {
    List<RecordedRequest> list = new ArrayList<>();
    iterable.forEach(list::add);
    return new JournalAssert(list);
  }

  @SuppressWarnings("unchecked")
  List<RecordedRequest> requests() {
    return (List<RecordedRequest>) actual;
  }

  static Predicate<RecordedRequest> route(String method, String pathRegex) {
    Objects.requireNonNull(method, "method");
    String m = method.toUpperCase(Locale.ROOT);
    Pattern path = Pattern.compile(pathRegex);
    return r -> (m.equals("*") || r.method().equals(m)) && path.matcher(r.pathWithoutQuery()).matches();
  }

  /**
   * Checks that at least one request matches, and goes on with assertions about the matching
   * requests.
   *
   * @param method e.g. {@code PUT}, or {@code *}
   * @param pathRegex a regex over the whole raw path without the query, e.g. {@code /demo-pkg}
   * @return assertions over the matching requests, oldest first
   */
  public RequestsAssert hasRequest(String method, String pathRegex) {
    isNotNull();
    List<RecordedRequest> matching = requests().stream().filter(route(method, pathRegex)).toList();
    String what = method.toUpperCase(Locale.ROOT) + " " + pathRegex;
    if (matching.isEmpty()) {
      failWithMessage("%s", "Expecting the journal to have a request " + what + " but it has none.\n"
          + Describe.journal(requests()));
    }
    return new RequestsAssert(this, what, matching);
  }

  /**
   * Checks that no request matches.
   *
   * @param method e.g. {@code DELETE}, or {@code *}
   * @param pathRegex a regex over the whole raw path without the query
   * @return this assertion
   */
  public JournalAssert hasNoRequest(String method, String pathRegex) {
    isNotNull();
    List<RecordedRequest> matching = requests().stream().filter(route(method, pathRegex)).toList();
    if (!matching.isEmpty()) {
      failWithMessage("%s", "Expecting the journal to have no request " + method.toUpperCase(Locale.ROOT) + " "
          + pathRegex + " but it has " + matching.size() + ":\n" + Describe.requests(matching,
              java.util.Optional.empty()) + "\n" + Describe.journal(requests()));
    }
    return this;
  }

  /**
   * Checks that no request satisfies a condition.
   *
   * @param condition e.g. {@code r -> r.header("npm-otp").isPresent()}
   * @param description what the condition means, for the message
   * @return this assertion
   */
  public JournalAssert hasNoRequestMatching(Predicate<RecordedRequest> condition, String description) {
    isNotNull();
    List<RecordedRequest> matching = requests().stream().filter(condition).toList();
    if (!matching.isEmpty()) {
      failWithMessage("%s", "Expecting no request " + description + " but " + matching.size() + " are:\n"
          + Describe.requests(matching, java.util.Optional.empty()) + "\n" + Describe.journal(requests()));
    }
    return this;
  }

  /**
   * Checks that requests came in this order, others possibly between them.
   *
   * @param routes each {@code "METHOD pathRegex"}, e.g. {@code "GET /demo-pkg"}
   * @return this assertion
   */
  public JournalAssert hasRequestsInOrder(String... routes) {
    isNotNull();
    int at = 0;
    for (String route : routes) {
      String[] parts = route.trim().split("\\s+", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("a route is \"METHOD pathRegex\", e.g. \"GET /demo-pkg\", got \"" + route + "\"");
      }
      Predicate<RecordedRequest> test = route(parts[0], parts[1]);
      while (at < requests().size() && !test.test(requests().get(at))) {
        at++;
      }
      if (at == requests().size()) {
        failWithMessage("%s", "Expecting the journal to have the requests " + String.join(", then ", routes)
            + " in this order, but found no " + route + " after the ones before it.\n" + Describe.journal(requests()));
      }
      at++;
    }
    return this;
  }

  /**
   * Checks that no secret shows in any recorded path, query or header — a leak check with canary
   * values. The message names the request, with the secret masked.
   *
   * @param secrets the values that must not appear
   * @return this assertion
   */
  public JournalAssert hasNoTraceOf(String... secrets) {
    isNotNull();
    for (int i = 0; i < secrets.length; i++) {
      String secret = secrets[i];
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("secret #" + (i + 1) + " is empty");
      }
      for (RecordedRequest r : requests()) {
        boolean inHeaders = r.headers().entrySet().stream()
            .anyMatch(e -> e.getKey().contains(secret) || e.getValue().stream().anyMatch(v -> v.contains(secret)));
        if (r.path().contains(secret) || inHeaders) {
          failWithMessage("%s", "Expecting secret #" + (i + 1) + " to show nowhere in the journal but it shows in the "
              + (inHeaders ? "headers" : "path") + " of " + Describe.request(r).replace(secret, "****"));
        }
      }
    }
    return this;
  }
}
