package dev.npmauth.impl.session;

import dev.npmauth.Credential;
import dev.npmauth.CredentialKind;
import dev.npmauth.Environment;
import dev.npmauth.NpmAuthException;
import dev.npmauth.RegistryUrl;
import dev.npmauth.Secret;
import dev.npmauth.Sleeper;
import dev.npmauth.impl.config.NpmConfigLoader;
import dev.npmauth.impl.config.NpmrcWriter;
import dev.npmauth.impl.http.Answer;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.publish.OtpRetry;
import dev.npmauth.registry.OtpRequiredException;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.session.LoginException;
import dev.npmauth.session.LoginFailure;
import dev.npmauth.session.Sessions;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.session.WebLoginOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** Logins, whoami, logout and {@code .npmrc} tokens, as npm-profile and the npm CLI do them. */
public final class DefaultSessions implements Sessions {
  private static final MediaType JSON = MediaType.get("application/json");
  /** The public registry's host: npm rewrites done URLs on it to the configured registry. */
  private static final String CANONICAL_REGISTRY_HOST = "registry.npmjs.org";

  private final RegistryHttp http;
  private final RegistryUrl registry;
  private final Environment environment;
  private final Clock clock;
  private final Sleeper defaultSleeper;

  /**
   * Creates the capability.
   *
   * @param http the HTTP stack
   * @param environment where the user {@code .npmrc} location is read
   * @param clock the clock (session expiry, login timeout)
   * @param defaultSleeper how to wait between polls unless the options say otherwise
   */
  public DefaultSessions(RegistryHttp http, Environment environment, Clock clock, Sleeper defaultSleeper) {
    this.http = http;
    this.registry = http.registry();
    this.environment = environment;
    this.clock = clock;
    this.defaultSleeper = defaultSleeper;
  }

  @Override
  public Credential webLogin(WebLoginOptions options) {
    String command = options.create() ? "adduser" : "login";
    Map<String, Object> body = options.create() ? Map.of("create", true) : Map.of();
    Answer answer;
    try {
      answer = http.call("POST", http.registryUrl("-/v1/login")).command(command)
          .body(RequestBody.create(Json.write(body), JSON)).retryable(false).execute();
    } catch (RegistryException e) {
      if (e.status() >= 400 && e.status() <= 500) {
        throw new LoginException(LoginFailure.WEB_LOGIN_NOT_SUPPORTED,
            "the registry answered " + e.status() + " to POST /-/v1/login", e);
      }
      throw e;
    }
    Map<String, Object> urls = object(answer, "POST /-/v1/login");
    URI loginUrl = httpUrl(urls, "loginUrl");
    URI doneUrl = rewriteDoneUrl(httpUrl(urls, "doneUrl"));
    options.loginUrlHandler().open(loginUrl);
    return poll(doneUrl, command, options);
  }

  private Credential poll(URI doneUrl, String command, WebLoginOptions options) {
    Sleeper sleeper = options.sleeper().orElse(defaultSleeper);
    Instant start = clock.instant();
    Duration slept = Duration.ZERO;
    int polls = 0;
    while (true) {
      Answer answer = http.call("GET", HttpUrl.get(doneUrl)).command(command).header("cache-control", "no-cache")
          .execute();
      polls++;
      if (answer.status() == 200) {
        Optional<String> token = Json.string(object(answer, "the done URL"), "token").filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
          throw new LoginException(LoginFailure.INVALID_RESPONSE, "the done URL answered 200 without a token", null);
        }
        return Credential.session(Secret.of(token.get()), clock.instant());
      }
      if (answer.status() != 202) {
        throw new LoginException(LoginFailure.INVALID_RESPONSE,
            "the done URL answered " + answer.status() + "; only 202 (wait) and 200 (done) are expected", null);
      }
      Duration wait = retryAfter(answer.headers().get("retry-after"));
      if (wait.compareTo(options.minimumPollInterval()) < 0) {
        wait = options.minimumPollInterval();
      }
      Duration clockElapsed = Duration.between(start, clock.instant());
      Duration elapsed = clockElapsed.compareTo(slept) > 0 ? clockElapsed : slept;
      if (elapsed.plus(wait).compareTo(options.timeout()) > 0) {
        throw new LoginException(LoginFailure.TIMED_OUT, "nobody completed the web login within "
            + options.timeout() + " (" + polls + " polls of the done URL)", null);
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoginException(LoginFailure.INTERRUPTED, "interrupted while waiting for the web login", e);
      }
      slept = slept.plus(wait);
    }
  }

  /** npm waits {@code Number(Retry-After)} seconds; anything that is not a number means at once. */
  static Duration retryAfter(String header) {
    if (header == null) {
      return Duration.ZERO;
    }
    try {
      double seconds = Double.parseDouble(header.strip());
      if (Double.isNaN(seconds) || seconds <= 0 || Double.isInfinite(seconds)) {
        return Duration.ZERO;
      }
      return Duration.ofMillis((long) Math.min(seconds * 1000, Long.MAX_VALUE / 2.0));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

  /** A done URL on the public registry's host goes to this client's registry, path prefix added. */
  URI rewriteDoneUrl(URI doneUrl) {
    if (!CANONICAL_REGISTRY_HOST.equalsIgnoreCase(doneUrl.getHost())
        || CANONICAL_REGISTRY_HOST.equalsIgnoreCase(registry.uri().getHost())) {
      return doneUrl;
    }
    String prefix = registry.uri().getRawPath().replaceAll("/$", "");
    String path = doneUrl.getRawPath() == null ? "" : doneUrl.getRawPath();
    if (!prefix.isEmpty() && !path.equals(prefix) && !path.startsWith(prefix + "/")) {
      path = prefix + path;
    }
    return URI.create(registry.uri().getScheme() + "://" + registry.uri().getRawAuthority() + path
        + (doneUrl.getRawQuery() == null ? "" : "?" + doneUrl.getRawQuery()));
  }

  @Override
  public Credential legacyLogin(String username, Secret password, TwoFactor twoFactor) {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("the user name must not be blank");
    }
    java.util.Objects.requireNonNull(password, "password");
    java.util.Objects.requireNonNull(twoFactor, "twoFactor");
    Credential basic = basic(username, password);
    String path = "-/user/org.couchdb.user:" + encodeUriComponent(username);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("_id", "org.couchdb.user:" + username);
    body.put("name", username);
    body.put("password", password.reveal());
    body.put("type", "user");
    body.put("roles", List.of());
    body.put("date", clock.instant().toString());
    return OtpRetry.run("log in as " + username, twoFactor.code(), twoFactor.provider(), otp -> {
      // An OTP travels with credentials only, so a login with one authenticates with Basic too.
      Credential auth = otp == null ? null : basic;
      Answer answer;
      try {
        answer = put(path, body, auth, otp);
      } catch (OtpRequiredException e) {
        throw e;
      } catch (RegistryException e) {
        if (e.status() != 409) {
          throw loginRefusal(e, username);
        }
        answer = relogin(path, body, basic, otp, username);
      }
      Optional<String> token = Json.string(object(answer, "the login"), "token").filter(t -> !t.isEmpty());
      if (token.isEmpty()) {
        throw new LoginException(LoginFailure.INVALID_RESPONSE, "the registry accepted the login of " + username
            + " but sent no token", null);
      }
      return Credential.session(Secret.of(token.get()), clock.instant());
    });
  }

  /** After a 409 the user exists: read the document and log in again with Basic authentication. */
  private Answer relogin(String path, Map<String, Object> body, Credential basic, Secret otp, String username) {
    try {
      Answer current = http.call("GET", http.registryUrl(path + "?write=true")).command("login").credential(basic)
          .otp(otp).execute();
      Map<String, Object> merged = new LinkedHashMap<>(body);
      object(current, "the user document").forEach((k, v) -> {
        Object mine = merged.get(k);
        if (mine == null || "".equals(mine) || Boolean.FALSE.equals(mine) || k.equals("roles")) {
          merged.put(k, v);
        }
      });
      Optional<String> rev = Json.string(merged, "_rev");
      String target = rev.map(r -> path + "/-rev/" + encodeUriComponent(r)).orElse(path);
      return put(target, merged, basic, otp);
    } catch (OtpRequiredException e) {
      throw e;
    } catch (RegistryException e) {
      if (e.status() == 409) {
        // Verdaccio: Basic credentials it refuses make the PUT a second "user exists"
        throw new LoginException(LoginFailure.BAD_CREDENTIALS, "the registry refused the password of \"" + username
            + "\" (409 on the authenticated login" + e.registryMessage().map(m -> ": " + m).orElse("") + ")", e);
      }
      throw loginRefusal(e, username);
    }
  }

  private Answer put(String path, Map<String, Object> body, Credential auth, Secret otp) {
    return http.call("PUT", http.registryUrl(path)).command("login").credential(auth).otp(otp)
        .body(RequestBody.create(Json.write(body), JSON)).retryable(false).execute();
  }

  private static RuntimeException loginRefusal(RegistryException e, String username) {
    if (e.status() == 400 || e.status() == 404) {
      return new LoginException(LoginFailure.NO_SUCH_USER, "there is no user with the username \"" + username
          + "\" (the registry answered " + e.status() + e.registryMessage().map(m -> ": " + m).orElse("") + ")", e);
    }
    if (e.status() == 401 || e.status() == 403) {
      return new LoginException(LoginFailure.BAD_CREDENTIALS, "the registry refused the password of \"" + username
          + "\" (" + e.status() + e.registryMessage().map(m -> ": " + m).orElse("") + ")", e);
    }
    return e;
  }

  @Override
  public String whoami(Credential credential) {
    String body = http.call("GET", http.registryUrl("-/whoami")).command("whoami").credential(credential)
        .execute().body();
    try {
      Optional<String> username = Json.string(Json.readObject(body), "username");
      return username.orElseThrow(() -> new NpmAuthException(
          "the registry's whoami answer has no username; the credential is not tied to a user"));
    } catch (IOException e) {
      throw new NpmAuthException("the registry's whoami answer is not a JSON object", e);
    }
  }

  @Override
  public void logout(Credential credential) {
    if (credential.kind() == CredentialKind.LEGACY_BASIC) {
      return;
    }
    http.call("DELETE", http.registryUrl("-/user/token/" + encodeUriComponent(credential.secret().reveal())))
        .command("logout").credential(credential).secretInUrl(credential.secret()).retryable(true).execute();
  }

  @Override
  public Path userNpmrc() {
    return NpmConfigLoader.userConfig(environment);
  }

  @Override
  public void saveToNpmrc(Credential credential, Path npmrc) {
    if (credential.kind() == CredentialKind.LEGACY_BASIC) {
      throw new IllegalArgumentException("only a token can be saved as _authToken; this credential is a user name"
          + " and password (LEGACY_BASIC)");
    }
    NpmrcWriter.set(npmrc, authTokenKey(), credential.secret().reveal());
  }

  @Override
  public boolean removeFromNpmrc(Path npmrc) {
    return NpmrcWriter.remove(npmrc, authTokenKey());
  }

  private String authTokenKey() {
    return registry.nerfDart() + ":_authToken";
  }

  private static Credential basic(String username, Secret password) {
    String pair = username + ":" + password.reveal();
    return new Credential(CredentialKind.LEGACY_BASIC,
        Secret.of(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))), Optional.empty(),
        Optional.empty());
  }

  /** JavaScript's {@code encodeURIComponent}. */
  static String encodeUriComponent(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
        .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
  }

  private static Map<String, Object> object(Answer answer, String what) {
    try {
      return answer.json();
    } catch (IOException e) {
      throw new LoginException(LoginFailure.INVALID_RESPONSE, "the answer to " + what + " is not a JSON object", e);
    }
  }

  private static URI httpUrl(Map<String, Object> urls, String field) {
    Optional<String> value = Json.string(urls, field);
    try {
      URI uri = value.map(URI::create).orElse(null);
      if (uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new LoginException(LoginFailure.INVALID_RESPONSE, "POST /-/v1/login answered without an http(s) "
        + field, null);
  }
}
