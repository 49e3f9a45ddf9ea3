package dev.npmauth.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {
  private final RetryInterceptor interceptor = new RetryInterceptor(RetryPolicy.defaults(),
      Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void retryAfterIsReadAsSecondsOrHttpDate() {
    assertThat(interceptor.retryAfter("7")).contains(Duration.ofSeconds(7));
    assertThat(interceptor.retryAfter("Fri, 27 Nov 2026 10:00:30 GMT")).contains(Duration.ofSeconds(30));
    assertThat(interceptor.retryAfter("Fri, 27 Nov 2026 09:00:00 GMT")).contains(Duration.ZERO);
    assertThat(interceptor.retryAfter("soon")).isEmpty();
    assertThat(interceptor.retryAfter(null)).isEmpty();
  }
}
