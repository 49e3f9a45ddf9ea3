package dev.npmauth.impl.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs each hop (method, URL, status, time) at DEBUG on the {@code dev.npmauth.http} logger.
 * Header values are never logged; the presence of credentials is shown as {@code auth=****};
 * secrets that sit in a URL path are replaced with {@code ****}.
 */
final class RedactingLogInterceptor implements Interceptor {
  static final System.Logger LOG = System.getLogger("dev.npmauth.http");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isLoggable(Level.DEBUG)) {
      return chain.proceed(request);
    }
    String url = redactedUrl(request);
    String auth = request.header("Authorization") == null ? "" : " auth=****";
    String otp = request.header("npm-otp") == null ? "" : " otp=****";
    LOG.log(Level.DEBUG, "--> " + request.method() + " " + url + auth + otp);
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      LOG.log(Level.DEBUG, "<-- " + response.code() + " " + request.method() + " " + url + " ("
          + (System.nanoTime() - start) / 1_000_000 + " ms)");
      return response;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "<-- failed " + request.method() + " " + url + ": " + e.getClass().getSimpleName());
      throw e;
    }
  }

  static String redactedUrl(Request request) {
    String url = request.url().toString();
    CallTag tag = request.tag(CallTag.class);
    if (tag != null) {
      for (String secret : tag.secretsInUrl()) {
        String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
        url = url.replace(secret, "****").replace(encoded, "****");
      }
    }
    return url;
  }
}
