package dev.npmauth.impl.tokens;

import dev.npmauth.Credential;
import dev.npmauth.NpmAuthException;
import dev.npmauth.Secret;
import dev.npmauth.Sleeper;
import dev.npmauth.impl.http.Answer;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.publish.OtpRetry;
import dev.npmauth.session.Sessions;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.tokens.AmbiguousTokenIdException;
import dev.npmauth.tokens.AuditPolicy;
import dev.npmauth.tokens.CreatedToken;
import dev.npmauth.tokens.RotationOptions;
import dev.npmauth.tokens.RotationResult;
import dev.npmauth.tokens.TokenAudit;
import dev.npmauth.tokens.TokenInfo;
import dev.npmauth.tokens.TokenNotFoundException;
import dev.npmauth.tokens.TokenRequest;
import dev.npmauth.tokens.TokenRevocation;
import dev.npmauth.tokens.Tokens;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** The token API as {@code npm token} uses it. */
public final class DefaultTokens implements Tokens {
  private static final MediaType JSON = MediaType.get("application/json");
  /** A list longer than this many pages is taken for a loop. */
  static final int MAX_PAGES = 1000;

  private final RegistryHttp http;
  private final Clock clock;
  private final Sessions sessions;
  private final Sleeper defaultSleeper;

  /**
   * Creates the capability.
   *
   * @param http the HTTP stack
   * @param clock the clock (audits, rotation)
   * @param sessions for {@code whoami} (rotation checks the replacement with it)
   * @param defaultSleeper how rotation waits out an overlap unless told otherwise
   */
  public DefaultTokens(RegistryHttp http, Clock clock, Sessions sessions, Sleeper defaultSleeper) {
    this.http = http;
    this.clock = clock;
    this.sessions = sessions;
    this.defaultSleeper = defaultSleeper;
  }

  @Override
  public CreatedToken create(Credential credential, TokenRequest request) {
    return createFromBody(credential, TokenJson.createBody(request), request.twoFactor());
  }

  /** {@code POST /-/npm/v1/tokens} with a body already in npm's order (checked by the caller). */
  CreatedToken createFromBody(Credential credential, Map<String, Object> body, TwoFactor twoFactor) {
    String text = Json.write(body);
    Answer answer = OtpRetry.run("create a token", twoFactor.code(), twoFactor.provider(), otp ->
        http.call("POST", http.registryUrl("-/npm/v1/tokens")).command("token").credential(credential).otp(otp)
            .body(RequestBody.create(text, JSON)).retryable(false).execute());
    return TokenJson.created(object(answer, "token creation"));
  }

  @Override
  public List<TokenInfo> list(Credential credential) {
    List<TokenInfo> tokens = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    HttpUrl next = http.registryUrl("-/npm/v1/tokens");
    while (next != null) {
      if (!seen.add(next.toString()) || seen.size() > MAX_PAGES) {
        throw new NpmAuthException("the registry's token list does not end: page " + next.encodedPath()
            + (next.encodedQuery() == null ? "" : "?" + next.encodedQuery()) + " came back after " + seen.size()
            + " pages");
      }
      Map<String, Object> page = object(http.call("GET", next).command("token").credential(credential).execute(),
          "the token list");
      Object objects = page.get("objects");
      if (!(objects instanceof List<?> items)) {
        throw new NpmAuthException("the registry's token list has no \"objects\" array");
      }
      for (Object item : items) {
        if (!(item instanceof Map)) {
          throw new NpmAuthException("the registry's token list holds a " + Json.describe(item) + " instead of a token");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) item;
        tokens.add(TokenJson.info(o));
      }
      next = Json.object(page, "urls").flatMap(urls -> Json.string(urls, "next")).filter(s -> !s.isEmpty())
          .map(this::pageUrl).orElse(null);
    }
    return tokens;
  }

  /** An absolute {@code urls.next}, or a path below the registry (its prefix kept), as npm resolves it. */
  private HttpUrl pageUrl(String next) {
    if (next.startsWith("http://") || next.startsWith("https://")) {
      HttpUrl url = HttpUrl.parse(next);
      if (url == null) {
        throw new NpmAuthException("the registry's token list has an invalid next page URL");
      }
      return url;
    }
    return http.registryUrl(next.replaceFirst("^/+", ""));
  }

  @Override
  public TokenRevocation revoke(Credential credential, String id, TwoFactor twoFactor) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("give a token key, a key prefix or a token value to revoke");
    }
    List<TokenInfo> tokens = list(credential);
    List<String> keys = tokens.stream().map(TokenInfo::key).filter(k -> k.startsWith(id)).toList();
    if (keys.size() > 1) {
      throw new AmbiguousTokenIdException(id, keys);
    }
    if (keys.size() == 1) {
      delete(credential, keys.get(0), null, twoFactor);
      return new TokenRevocation(Optional.of(keys.get(0)), false);
    }
    return revokeByValue(credential, Secret.of(id), twoFactor, tokens);
  }

  @Override
  public TokenRevocation revoke(Credential credential, Secret token, TwoFactor twoFactor) {
    return revokeByValue(credential, token, twoFactor, list(credential));
  }

  private TokenRevocation revokeByValue(Credential credential, Secret token, TwoFactor twoFactor,
      List<TokenInfo> tokens) {
    boolean known = tokens.stream().map(t -> displayPrefix(t.tokenPrefix()))
        .anyMatch(prefix -> !prefix.isEmpty() && token.reveal().startsWith(prefix));
    if (!known) {
      throw new TokenNotFoundException("no token key starts with the given id, and no listed token's prefix starts"
          + " the given value (" + tokens.size() + " tokens listed); give a key or key prefix from the list,"
          + " or a whole token value");
    }
    delete(credential, token.reveal(), token, twoFactor);
    return new TokenRevocation(Optional.empty(), true);
  }

  /**
   * The part of a listed token that the token starts with. npm shows a plain prefix; Verdaccio
   * masks the middle ({@code NDkzY...0Zg==}), so only what comes before an ellipsis counts.
   */
  static String displayPrefix(String shown) {
    int cut = shown.length();
    for (String ellipsis : List.of("...", "\u2026")) {
      int at = shown.indexOf(ellipsis);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return shown.substring(0, cut);
  }

  /** {@code DELETE /-/npm/v1/tokens/token/<key or value>}; a value is redacted from logs. */
  void delete(Credential credential, String keyOrValue, Secret value, TwoFactor twoFactor) {
    OtpRetry.run("revoke a token", twoFactor.code(), twoFactor.provider(), otp -> {
      RegistryHttp.Call call = http.call("DELETE", http.registryUrl("-/npm/v1/tokens/token/" + keyOrValue))
          .command("token").credential(credential).otp(otp);
      if (value != null) {
        call.secretInUrl(value);
      }
      return call.execute();
    });
  }

  @Override
  public TokenAudit audit(Credential credential, AuditPolicy policy) {
    return TokenAudit.of(list(credential), policy, clock.instant());
  }

  @Override
  public RotationResult rotate(RotationOptions options) {
    return new TokenRotation(this, sessions, clock, options.sleeper().orElse(defaultSleeper), options).run();
  }

  private static Map<String, Object> object(Answer answer, String what) {
    try {
      return answer.json();
    } catch (IOException e) {
      throw new NpmAuthException("the registry's answer to " + what + " is not a JSON object", e);
    }
  }
}
