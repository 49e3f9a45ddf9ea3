package dev.npmauth.impl.tokens;

import dev.npmauth.NpmAuthException;
import dev.npmauth.PackageName;
import dev.npmauth.Secret;
import dev.npmauth.impl.json.Json;
import dev.npmauth.tokens.CreatedToken;
import dev.npmauth.tokens.TokenInfo;
import dev.npmauth.tokens.TokenPermission;
import dev.npmauth.tokens.TokenRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token API's JSON: the create body in npm's field order, and the registry's token objects.
 * Registries show different fields (Verdaccio: {@code cidr} instead of {@code cidr_whitelist}, no
 * granular rights); what is missing is empty.
 */
final class TokenJson {
  private TokenJson() {
  }

  /**
   * The body {@code npm token create} sends: {@code name} (null when not given) and {@code
   * password} always, then each set field in npm's order.
   *
   * @param request the checked request
   * @return the body, in order
   */
  static Map<String, Object> createBody(TokenRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", request.name().orElse(null));
    body.put("password", request.password().reveal());
    request.description().ifPresent(d -> body.put("description", d));
    if (!request.packages().isEmpty()) {
      body.put("packages", request.packages().stream().map(PackageName::value).toList());
    }
    if (request.packagesAll()) {
      body.put("packages_all", true);
    }
    if (!request.scopes().isEmpty()) {
      body.put("scopes", request.scopes());
    }
    if (!request.orgs().isEmpty()) {
      body.put("orgs", request.orgs());
    }
    request.packagesAndScopesPermission().ifPresent(p -> body.put("packages_and_scopes_permission", p.wireValue()));
    request.orgsPermission().ifPresent(p -> body.put("orgs_permission", p.wireValue()));
    request.expiresInDays().ifPresent(d -> body.put("expires", (long) d));
    if (!request.cidrWhitelist().isEmpty()) {
      body.put("cidr_whitelist", request.cidrWhitelist());
    }
    if (request.bypass2fa()) {
      body.put("bypass_2fa", true);
    }
    return body;
  }

  static CreatedToken created(Map<String, Object> o) {
    String token = Json.string(o, "token").filter(t -> !t.isEmpty()).orElseThrow(() -> new NpmAuthException(
        "the registry's answer to token creation has no token"));
    return new CreatedToken(Secret.of(token), Json.string(o, "key"), Json.string(o, "name"), time(o.get("created")),
        time(o.get("expires")), Boolean.TRUE.equals(o.get("readonly")), cidrs(o));
  }

  static TokenInfo info(Map<String, Object> o) {
    String key = Json.string(o, "key").filter(k -> !k.isEmpty()).orElseThrow(() -> new NpmAuthException(
        "a token in the registry's list has no key; the list is not npm's token list"));
    return new TokenInfo(key, Json.string(o, "token").orElse(""), Json.string(o, "name"), Json.string(o, "description"),
        time(o.get("created")), time(o.get("expires")), Boolean.TRUE.equals(o.get("readonly")), cidrs(o),
        strings(o.get("packages")), Boolean.TRUE.equals(o.get("packages_all")), strings(o.get("scopes")),
        strings(o.get("orgs")), permission(o.get("packages_and_scopes_permission")), permission(o.get("orgs_permission")),
        Boolean.TRUE.equals(o.get("bypass_2fa")));
  }

  private static List<String> cidrs(Map<String, Object> o) {
    List<String> list = strings(o.get("cidr_whitelist"));
    return list.isEmpty() ? strings(o.get("cidr")) : list;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static Optional<TokenPermission> permission(Object value) {
    if (value instanceof String s) {
      for (TokenPermission p : TokenPermission.values()) {
        if (p.wireValue().equals(s)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** An ISO-8601 time, or milliseconds since the epoch; anything else is absent. */
  static Optional<Instant> time(Object value) {
    if (value instanceof String s && !s.isEmpty()) {
      try {
        return Optional.of(Instant.parse(s));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (value instanceof Long millis) {
      return Optional.of(Instant.ofEpochMilli(millis));
    }
    return Optional.empty();
  }
}
