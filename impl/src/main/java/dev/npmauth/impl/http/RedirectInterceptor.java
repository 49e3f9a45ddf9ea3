package dev.npmauth.impl.http;

import dev.npmauth.registry.InsecureTransportException;
import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Follows redirects itself (OkHttp's own following is off), so that every hop is checked before
 * any connection is made: plain http is refused to hosts that are not loopback unless insecure
 * http was allowed. Credentials are not copied here: {@link AuthInterceptor} adds them per hop,
 * only for the credential's own origin.
 */
final class RedirectInterceptor implements Interceptor {
  private static final int MAX_REDIRECTS = 10;
  private final boolean allowInsecureHttp;

  RedirectInterceptor(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    for (int hop = 0; ; hop++) {
      guard(request.url());
      Response response = chain.proceed(request);
      int code = response.code();
      String location = response.header("Location");
      boolean redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
      if (!redirect || location == null) {
        return response;
      }
      HttpUrl next = response.request().url().resolve(location);
      if (next == null) {
        return response; // a Location that is not http(s): hand the 3xx to the caller
      }
      if (hop >= MAX_REDIRECTS) {
        response.close();
        throw new ProtocolException("more than " + MAX_REDIRECTS + " redirects from " + chain.request().url());
      }
      response.close();
      Request.Builder follow = request.newBuilder().url(next);
      boolean keepMethod = code == 307 || code == 308 || request.method().equals("GET") || request.method().equals("HEAD");
      if (!keepMethod) {
        follow.method("GET", null).removeHeader("Content-Type").removeHeader("Content-Length");
      }
      request = follow.build();
    }
  }

  private void guard(HttpUrl url) {
    if (!allowInsecureHttp && !url.isHttps() && !Origins.isLoopback(url.host())) {
      throw new InsecureTransportException(url.uri());
    }
  }
}
