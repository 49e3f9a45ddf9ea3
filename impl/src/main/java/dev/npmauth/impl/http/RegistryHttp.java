package dev.npmauth.impl.http;

import dev.npmauth.Credential;
import dev.npmauth.NpmAuthException;
import dev.npmauth.RegistryUrl;
import dev.npmauth.Secret;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import dev.npmauth.spi.ClientSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one HTTP stack of the SDK: an OkHttp client with the interceptors for retries, checked
 * redirects (plain http only to loopback unless allowed), npm headers, origin-bound credentials and
 * redacted logging. Calls are made with
 * {@link #call(String, HttpUrl)}.
 */
public final class RegistryHttp implements AutoCloseable {
  /** Error bodies are read up to this many bytes. */
  private static final long MAX_ERROR_BODY = 64 * 1024;
  /** Successful JSON bodies are read up to this many bytes. */
  private static final long MAX_JSON_BODY = 64L * 1024 * 1024;

  private final OkHttpClient client;
  private final RegistryUrl registry;
  private final java.time.Clock clock;

  /**
   * Builds the stack.
   *
   * @param settings timeouts, retry policy, clock, insecure-http opt-in
   * @param registry the registry whose origin credentials normally go to
   * @param userAgent the user agent to send
   * @param trustManager the certificate authorities to trust instead of the JDK's, if any
   */
  public RegistryHttp(ClientSettings settings, RegistryUrl registry, String userAgent,
      java.util.Optional<javax.net.ssl.X509TrustManager> trustManager) {
    this.registry = registry;
    this.clock = settings.clock();
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    trustManager.ifPresent(manager -> builder.sslSocketFactory(sslContext(manager).getSocketFactory(), manager));
    this.client = builder
        .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .socketFactory(new NoDelaySocketFactory())
        .followRedirects(false)
        .followSslRedirects(false)
        .addInterceptor(new RetryInterceptor(settings.retryPolicy(), settings.clock()))
        .addInterceptor(new RedirectInterceptor(settings.allowInsecureHttp()))
        .addNetworkInterceptor(new HeadersInterceptor(userAgent))
        .addNetworkInterceptor(new AuthInterceptor())
        .addNetworkInterceptor(new RedactingLogInterceptor())
        .build();
  }

  private static javax.net.ssl.SSLContext sslContext(javax.net.ssl.X509TrustManager manager) {
    try {
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {manager}, null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a TLS context", e);
    }
  }

  /**
   * The registry.
   *
   * @return the registry URL
   */
  public RegistryUrl registry() {
    return registry;
  }

  /**
   * A URL below the registry (its path prefix kept).
   *
   * @param path a path without leading slash, already escaped
   * @return the URL
   */
  public HttpUrl registryUrl(String path) {
    HttpUrl url = HttpUrl.get(registry.resolve(path));
    return url;
  }

  /**
   * A URL below the registry's origin (its path prefix dropped), as npm builds the OIDC exchange
   * URL.
   *
   * @param path a path without leading slash, already escaped
   * @return the URL
   */
  public HttpUrl originUrl(String path) {
    return HttpUrl.get(registry.origin().toString() + path);
  }

  /**
   * Starts a call.
   *
   * @param method the HTTP method
   * @param url the URL
   * @return the call to configure and execute
   */
  public Call call(String method, HttpUrl url) {
    return new Call(method, url);
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** One call being configured. */
  public final class Call {
    private final String method;
    private final HttpUrl url;
    private final Request.Builder builder;
    private RequestBody body;
    private String npmCommand;
    private Secret authorization;
    private String authorizationOrigin;
    private Secret otp;
    private Boolean retryable;
    private final List<String> secretsInUrl = new ArrayList<>();

    private Call(String method, HttpUrl url) {
      this.method = method;
      this.url = url;
      this.builder = new Request.Builder().url(url);
    }

    /**
     * Sets the {@code npm-command} header.
     *
     * @param command for example {@code publish}
     * @return this call
     */
    public Call command(String command) {
      this.npmCommand = command;
      return this;
    }

    /**
     * Sends the credential, to the registry's origin only.
     *
     * @param credential the credential, or null for none
     * @return this call
     */
    public Call credential(Credential credential) {
      if (credential != null) {
        this.authorization = Secret.of(credential.authorizationHeaderValue());
        this.authorizationOrigin = Origins.of(HttpUrl.get(registry.uri()));
      }
      return this;
    }

    /**
     * Sends a bearer token to this call's own origin (for a CI's token endpoint).
     *
     * @param token the token
     * @return this call
     */
    public Call bearerToOwnOrigin(Secret token) {
      this.authorization = Secret.of("Bearer " + token.reveal());
      this.authorizationOrigin = Origins.of(url);
      return this;
    }

    /**
     * Sends a one-time password with the credential.
     *
     * @param value the OTP, or null
     * @return this call
     */
    public Call otp(Secret value) {
      this.otp = value;
      return this;
    }

    /**
     * Adds a header.
     *
     * @param name the name
     * @param value the value (never a secret: use {@link #credential} for those)
     * @return this call
     */
    public Call header(String name, String value) {
      builder.header(name, value);
      return this;
    }

    /**
     * Sets the request body.
     *
     * @param requestBody the body
     * @return this call
     */
    public Call body(RequestBody requestBody) {
      this.body = requestBody;
      return this;
    }

    /**
     * Overrides whether the call may be retried (by default: when the method is idempotent).
     *
     * @param value whether to retry
     * @return this call
     */
    public Call retryable(boolean value) {
      this.retryable = value;
      return this;
    }

    /**
     * Marks a secret that appears in the URL, so logs redact it.
     *
     * @param secret the secret
     * @return this call
     */
    public Call secretInUrl(Secret secret) {
      secretsInUrl.add(secret.reveal());
      return this;
    }

    /**
     * Executes the call and reads the answer into memory; an error status becomes an exception.
     *
     * @return the answer
     * @throws RegistryException for an error status
     * @throws RegistryUnreachableException when there is no answer
     */
    public Answer execute() {
      return stream(response -> new Answer(response.code(), response.headers(),
          readLimited(response.body(), MAX_JSON_BODY)));
    }

    /**
     * Executes the call and hands a successful response to a handler (for streamed bodies).
     *
     * @param handler reads the response; it must not keep it
     * @param <T> what the handler returns
     * @return what the handler returned
     * @throws RegistryException for an error status
     * @throws RegistryUnreachableException when there is no answer
     */
    public <T> T stream(ResponseHandler<T> handler) {
      Request request = build();
      URI redacted = URI.create(RedactingLogInterceptor.redactedUrl(request));
      try (Response response = client.newCall(request).execute()) {
        if (response.code() >= 400) {
          String errorBody = readLimited(response.body(), MAX_ERROR_BODY);
          throw ErrorMapper.map(response.code(), method, redacted, response.header("WWW-Authenticate"), errorBody,
              RetryInterceptor.retryAfter(response.header("Retry-After"), clock).orElse(null));
        }
        return handler.handle(response);
      } catch (IOException e) {
        throw new RegistryUnreachableException(method, redacted, isTimeout(e), e);
      }
    }

    /**
     * Executes the call and returns the response whatever its status; the caller closes it.
     *
     * @return the open response
     * @throws RegistryUnreachableException when there is no answer
     */
    public Response raw() {
      Request request = build();
      try {
        return client.newCall(request).execute();
      } catch (IOException e) {
        throw new RegistryUnreachableException(method, URI.create(RedactingLogInterceptor.redactedUrl(request)),
            isTimeout(e), e);
      }
    }

    private Request build() {
      if (body == null && (method.equals("POST") || method.equals("PUT"))) {
        body = RequestBody.create(new byte[0], null);
      }
      boolean retry = retryable != null ? retryable
          : List.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS").contains(method);
      CallTag tag = new CallTag(npmCommand, authorization, authorizationOrigin, otp, retry, secretsInUrl);
      return builder.method(method, body).tag(CallTag.class, tag).build();
    }
  }

  /**
   * Reads a successful response.
   *
   * @param <T> the result
   */
  @FunctionalInterface
  public interface ResponseHandler<T> {
    /**
     * Reads the response.
     *
     * @param response the response, status below 400
     * @return the result
     * @throws IOException if reading fails
     */
    T handle(Response response) throws IOException;
  }

  static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"));
  }

  private static String readLimited(ResponseBody body, long limit) throws IOException {
    if (body == null) {
      return "";
    }
    var source = body.source();
    source.request(limit + 1);
    if (source.getBuffer().size() > limit) {
      if (limit == MAX_ERROR_BODY) {
        return source.getBuffer().readUtf8(limit);
      }
      throw new NpmAuthException("the answer is larger than " + limit + " bytes; refusing to read it into memory");
    }
    return source.readUtf8();
  }
}
