package dev.npmauth.testkit.assertj;

import dev.npmauth.testkit.RecordedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over the requests of one route in a journal; reached with {@link
 * JournalAssert#hasRequest(String, String)}. Each {@code with…} keeps the requests that match and
 * fails when none is left; {@link #times(int)} and {@link #withStatuses(int...)} check what is
 * left. Messages list the route's requests and the journal.
 *
 * <pre>{@code
 * assertThat(registry.journal()).hasRequest("PUT", "/demo-pkg")
 *     .times(2).withStatuses(503, 200)          // a retry after a 503
 *     .withHeader("npm-command", "publish")     // both said so
 *     .withStatus(200).once();                  // one of them succeeded
 * }</pre>
 */
public final class RequestsAssert extends AbstractAssert<RequestsAssert, List<RecordedRequest>> {
  private final JournalAssert journal;
  private final String what;

  RequestsAssert(JournalAssert journal, String what, List<RecordedRequest> matching) {
    super(matching, RequestsAssert.class);
    this.journal = journal;
    this.what = what;
  }

  /**
   * Back to the assertions over the whole journal.
   *
   * @return the journal assertion
   */
  public JournalAssert and() {
    return journal;
  }

  private RequestsAssert keep(Predicate<RecordedRequest> test, String condition, Optional<String> header) {
    List<RecordedRequest> left = actual.stream().filter(test).toList();
    String now = what + " " + condition;
    if (left.isEmpty()) {
      failWithMessage("%s", "Expecting the journal to have a request " + now + " but the " + actual.size()
          + " request" + (actual.size() == 1 ? "" : "s") + " " + what + " had:\n" + Describe.requests(actual, header)
          + "\n" + Describe.journal(journal.requests()));
    }
    return new RequestsAssert(journal, now, left);
  }

  /**
   * Keeps the requests with a header of this value (names are case-insensitive; the journal
   * shows {@code authorization} as {@code Bearer ****}).
   *
   * @param name e.g. {@code npm-command}
   * @param value e.g. {@code publish}
   * @return the narrowed assertion
   */
  public RequestsAssert withHeader(String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    return keep(r -> r.headers().getOrDefault(key, List.of()).contains(value),
        "with " + key + ": " + value, Optional.of(key));
  }

  /**
   * Keeps the requests with a header whose value matches a regex.
   *
   * @param name e.g. {@code user-agent}
   * @param valueRegex e.g. {@code npmauth/.*}
   * @return the narrowed assertion
   */
  public RequestsAssert withHeaderMatching(String name, String valueRegex) {
    String key = name.toLowerCase(Locale.ROOT);
    Pattern p = Pattern.compile(valueRegex);
    return keep(r -> r.headers().getOrDefault(key, List.of()).stream().anyMatch(v -> p.matcher(v).matches()),
        "with " + key + " matching " + valueRegex, Optional.of(key));
  }

  /**
   * Keeps the requests without this header.
   *
   * @param name e.g. {@code npm-otp}
   * @return the narrowed assertion
   */
  public RequestsAssert withoutHeader(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return keep(r -> !r.headers().containsKey(key), "without " + key, Optional.of(key));
  }

  /**
   * Keeps the requests answered with this status ({@code 0}: the connection was dropped on
   * purpose).
   *
   * @param status e.g. {@code 200}
   * @return the narrowed assertion
   */
  public RequestsAssert withStatus(int status) {
    return keep(r -> r.status() == status, "answered " + status, Optional.empty());
  }

  /**
   * Keeps the requests whose query matches a regex.
   *
   * @param queryRegex a regex over the whole raw query, e.g. {@code write=true}
   * @return the narrowed assertion
   */
  public RequestsAssert withQuery(String queryRegex) {
    Pattern p = Pattern.compile(queryRegex);
    return keep(r -> {
      int q = r.path().indexOf('?');
      return q >= 0 && p.matcher(r.path().substring(q + 1)).matches();
    }, "with query " + queryRegex, Optional.empty());
  }

  /**
   * Keeps the requests that satisfy a condition.
   *
   * @param condition the condition
   * @param description what it means, for the message
   * @return the narrowed assertion
   */
  public RequestsAssert matching(Predicate<RecordedRequest> condition, String description) {
    return keep(condition, description, Optional.empty());
  }

  /**
   * Checks how many requests are left after the conditions so far.
   *
   * @param n the expected count
   * @return this assertion
   */
  public RequestsAssert times(int n) {
    if (actual.size() != n) {
      failWithMessage("%s", "Expecting " + n + " request" + (n == 1 ? "" : "s") + " " + what + " but found "
          + actual.size() + ":\n" + Describe.requests(actual, Optional.empty()) + "\n"
          + Describe.journal(journal.requests()));
    }
    return this;
  }

  /**
   * Checks that exactly one request is left.
   *
   * @return this assertion
   */
  public RequestsAssert once() {
    return times(1);
  }

  /**
   * Checks the statuses of the requests left, oldest first — e.g. {@code withStatuses(503, 200)}
   * for a retry that succeeded.
   *
   * @param statuses the expected statuses, in order
   * @return this assertion
   */
  public RequestsAssert withStatuses(int... statuses) {
    List<Integer> actualStatuses = actual.stream().map(RecordedRequest::status).toList();
    List<Integer> expected = Arrays.stream(statuses).boxed().toList();
    if (!actualStatuses.equals(expected)) {
      failWithMessage("%s", "Expecting the requests " + what + " to be answered "
          + expected.stream().map(String::valueOf).collect(Collectors.joining(", then "))
          + " but they were answered " + actualStatuses + ":\n" + Describe.requests(actual, Optional.empty())
          + "\n" + Describe.journal(journal.requests()));
    }
    return this;
  }
}
