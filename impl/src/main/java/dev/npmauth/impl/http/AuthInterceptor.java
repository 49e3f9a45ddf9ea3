package dev.npmauth.impl.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code Authorization} (and {@code npm-otp}) to a hop only when the hop goes to the origin
 * the credential belongs to; removes them otherwise. Installed as a network interceptor, so a
 * redirect to another host never carries the credential.
 */
final class AuthInterceptor implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallTag tag = request.tag(CallTag.class);
    Request.Builder builder = request.newBuilder().removeHeader("Authorization").removeHeader("npm-otp");
    if (tag != null && tag.authorization() != null
        && Origins.of(request.url()).equals(tag.authorizationOrigin())) {
      builder.header("Authorization", tag.authorization().reveal());
      if (tag.otp() != null) {
        builder.header("npm-otp", tag.otp().reveal());
      }
    }
    return chain.proceed(builder.build());
  }
}
