package dev.npmauth.impl.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the headers npm sends on registry requests: {@code user-agent} and {@code npm-command}.
 * ({@code npm-session} is not sent: npm 11 never sends it either.)
 */
final class HeadersInterceptor implements Interceptor {
  private final String userAgent;

  HeadersInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder builder = request.newBuilder().header("User-Agent", userAgent);
    CallTag tag = request.tag(CallTag.class);
    if (tag != null && tag.npmCommand() != null) {
      builder.header("npm-command", tag.npmCommand());
    }
    return chain.proceed(builder.build());
  }
}
