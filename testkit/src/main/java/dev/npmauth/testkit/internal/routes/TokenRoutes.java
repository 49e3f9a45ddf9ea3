package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.PercentDecoding;
import dev.npmauth.testkit.internal.http.Request;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.AccountSettings;
import dev.npmauth.testkit.internal.registry.Cidr;
import dev.npmauth.testkit.internal.registry.PackageNames;
import dev.npmauth.testkit.internal.registry.Times;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import dev.npmauth.testkit.internal.registry.TokenRecord;
import dev.npmauth.testkit.internal.registry.TokenStore;
import dev.npmauth.testkit.internal.registry.UserTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token API: {@code GET /-/npm/v1/tokens} (paged with {@code urls.next}), {@code POST
 * /-/npm/v1/tokens} (granular tokens, every field npm sends, checked as the registry checks them)
 * and {@code DELETE /-/npm/v1/tokens/token/<key or token>}.
 *
 * <p>Paging: {@code urls.next} is an absolute URL after even pages and a registry-relative path
 * after odd ones, so clients meet both forms the npm CLI follows.
 *
 * <p>Internal to the testkit; not API.
 */
final class TokenRoutes {
  static final String PATH = "/-/npm/v1/tokens";
  private static final Pattern IPV4_CIDR =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "password",
          "description",
          "packages",
          "packages_all",
          "scopes",
          "orgs",
          "packages_and_scopes_permission",
          "orgs_permission",
          "expires",
          "cidr_whitelist",
          "bypass_2fa",
          "readonly");
  private static final List<String> PERMISSIONS = List.of("read-only", "read-write", "no-access");

  private TokenRoutes() {}

  static Route list(RouteContext ctx) {
    return Route.of(
        "GET",
        PATH,
        request -> {
          TokenGrant grant = userGrant(ctx, request, "list tokens");
          int size = ctx.accounts().settings().tokenPageSize();
          int page = page(request);
          List<TokenStore.Entry> all = ctx.tokens().listed(grant.user());
          List<Object> objects = new ArrayList<>();
          for (int i = page * size; i < Math.min(all.size(), (page + 1) * size); i++) {
            objects.add(view(all.get(i), null));
          }
          String next = null;
          if ((long) (page + 1) * size < all.size()) {
            String path = PATH + "?page=" + (page + 1);
            next = page % 2 == 0 ? ctx.accounts().baseUrl().resolve(path.substring(1)).toString() : path;
          }
          return Response.json(
              200,
              Json.object("objects", objects, "total", all.size(), "urls", Json.object("next", next)));
        });
  }

  static Route create(RouteContext ctx) {
    return Route.of(
        "POST",
        PATH,
        request -> {
          TokenGrant grant = userGrant(ctx, request, "create tokens");
          Map<String, Object> body = Bodies.object(request);
          checkPassword(ctx, grant, body);
          ctx.accounts().users().checkWrite(request, grant);
          UserTokens.Issued issued = issue(ctx, grant.user(), body);
          return Response.json(201, view(new TokenStore.Entry(null, issued.grant(), issued.record()), issued.token()));
        });
  }

  static Route revoke(RouteContext ctx) {
    return Route.of(
        "DELETE",
        PATH + "/token/(?<id>[^/]+)",
        request -> {
          TokenGrant grant = userGrant(ctx, request, "revoke tokens");
          ctx.accounts().users().checkWrite(request, grant);
          String id = PercentDecoding.decode(request.pathGroup("id"), false);
          TokenStore.Entry target =
              ctx.tokens()
                  .byKey(grant.user(), id)
                  .or(() -> ctx.tokens().byValue(id).filter(e -> e.grant().user().equals(grant.user())))
                  .orElseThrow(() -> HttpError.of(404, "no token of yours has this key or value"));
          ctx.tokens().revoke(target);
          return Response.bytes(204, Response.JSON, new byte[0]);
        });
  }

  /** The grant of a user (or admin) token; trusted publishing tokens cannot use the token API. */
  private static TokenGrant userGrant(RouteContext ctx, Request request, String action) {
    TokenGrant grant = ctx.tokens().require(request, action);
    if (grant.kind() == TokenGrant.Kind.OIDC) {
      throw HttpError.of(403, "a trusted publishing token cannot " + action);
    }
    return grant;
  }

  private static void checkPassword(RouteContext ctx, TokenGrant grant, Map<String, Object> body) {
    Optional<String> password = Bodies.string(body, "password");
    if (password.isEmpty() || password.get().isEmpty()) {
      throw HttpError.of(400, "\"password\" is required to create a token");
    }
    if (grant.kind() == TokenGrant.Kind.ADMIN) {
      return;
    }
    if (!ctx.accounts().users().passwordMatches(grant.user(), password.get())) {
      throw HttpError.of(401, "the password is not the password of \"" + grant.user() + "\"");
    }
  }

  private static int page(Request request) {
    String raw = request.queryParameter("page").orElse("0");
    try {
      int page = Integer.parseInt(raw);
      if (page >= 0) {
        return page;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw HttpError.of(400, "page must be a whole number of 0 or more, got \"" + raw + "\"");
  }

  /** Checks a create body field by field and issues the token. */
  private static UserTokens.Issued issue(RouteContext ctx, String user, Map<String, Object> body) {
    for (String field : body.keySet()) {
      if (!FIELDS.contains(field)) {
        throw HttpError.of(400, "unknown field \"" + field + "\" (allowed: " + new TreeSet<>(FIELDS) + ")");
      }
    }
    Object rawName = body.get("name");
    if (rawName != null && !(rawName instanceof String)) {
      throw HttpError.of(400, "\"name\" must be a string or null");
    }
    String name = (String) rawName;
    String description = Bodies.string(body, "description").orElse(null);
    Set<String> packages = new LinkedHashSet<>();
    for (String p : Bodies.strings(body, "packages")) {
      if (!PackageNames.isValid(p)) {
        throw HttpError.of(400, "\"packages\" holds \"" + p + "\", which is not a valid package name");
      }
      packages.add(p);
    }
    boolean packagesAll = Bodies.bool(body, "packages_all").orElse(false);
    Set<String> scopes = new LinkedHashSet<>();
    for (String s : Bodies.strings(body, "scopes")) {
      String bare = s.startsWith("@") ? s.substring(1) : s;
      if (!bare.matches("[a-z0-9~-][a-z0-9._~-]*")) {
        throw HttpError.of(400, "\"scopes\" holds \"" + s + "\", which is not a scope name such as @acme");
      }
      scopes.add(bare);
    }
    Set<String> orgs = new LinkedHashSet<>();
    for (String o : Bodies.strings(body, "orgs")) {
      if (!o.matches("[a-z0-9~-][a-z0-9._~-]*")) {
        throw HttpError.of(400, "\"orgs\" holds \"" + o + "\", which is not an organization name");
      }
      orgs.add(o);
    }
    if (packagesAll && (!packages.isEmpty() || !scopes.isEmpty())) {
      throw HttpError.of(400, "\"packages_all\" gives every package: do not also list packages or scopes");
    }
    String permission = permission(body, "packages_and_scopes_permission");
    String orgsPermission = permission(body, "orgs_permission");
    Optional<Boolean> legacyReadOnly = Bodies.bool(body, "readonly");
    boolean readOnly =
        permission != null ? !permission.equals("read-write") : legacyReadOnly.orElse(true);
    boolean write = !readOnly || "read-write".equals(orgsPermission);
    AccountSettings settings = ctx.accounts().settings();
    Optional<Long> days = Bodies.wholeNumber(body, "expires");
    if (days.isPresent() && days.get() <= 0) {
      throw HttpError.of(400, "\"expires\" is a number of days and must be at least 1, got " + days.get());
    }
    long maxDays = settings.maxWriteTokenLifetime().toDays();
    if (write && days.isPresent() && days.get() > maxDays) {
      throw HttpError.of(
          400,
          "tokens with write permission can live at most "
              + maxDays
              + " days; \"expires\" is "
              + days.get());
    }
    Instant now = ctx.clock().instant();
    Instant expires =
        days.map(d -> now.plus(Duration.ofDays(d)))
            .orElse(write ? now.plus(settings.defaultWriteTokenLifetime()) : null);
    List<Cidr> cidrs = new ArrayList<>();
    for (String c : Bodies.strings(body, "cidr_whitelist")) {
      cidrs.add(cidr(c));
    }
    boolean bypass = Bodies.bool(body, "bypass_2fa").orElse(false);
    TokenGrant grant =
        new TokenGrant(
            user,
            TokenGrant.Kind.USER,
            readOnly,
            packages,
            expires,
            bypass,
            cidrs,
            Set.of(),
            scopes,
            "no-access".equals(permission));
    return ctx.accounts()
        .issuer()
        .issue(grant, name, description, "granular", permission, orgsPermission, orgs, packagesAll);
  }

  private static String permission(Map<String, Object> body, String field) {
    Optional<String> value = Bodies.string(body, field);
    if (value.isPresent() && !PERMISSIONS.contains(value.get())) {
      throw HttpError.of(
          400, "\"" + field + "\" must be one of " + PERMISSIONS + ", got \"" + value.get() + "\"");
    }
    return value.orElse(null);
  }

  private static Cidr cidr(String value) {
    if (value.contains(":")) {
      throw HttpError.of(400, "CIDR whitelist can only contain IPv4 addresses, " + value + " is IPv6");
    }
    Matcher m = IPV4_CIDR.matcher(value);
    boolean ok = m.matches() && Integer.parseInt(m.group(5)) <= 32;
    for (int i = 1; ok && i <= 4; i++) {
      ok = Integer.parseInt(m.group(i)) <= 255;
    }
    if (!ok) {
      throw HttpError.of(400, "CIDR whitelist contains invalid CIDR entry: " + value);
    }
    return Cidr.parse(value);
  }

  /**
   * A token as the list shows it; {@code token} is the whole value right after creation and the
   * display prefix otherwise.
   */
  static Map<String, Object> view(TokenStore.Entry entry, String fullToken) {
    TokenGrant g = entry.grant();
    TokenRecord r = entry.record();
    Map<String, Object> o = Json.object();
    o.put("token", fullToken != null ? fullToken : r.displayPrefix());
    o.put("key", r.key());
    o.put("name", r.name());
    if (r.description() != null) {
      o.put("description", r.description());
    }
    o.put("created", Times.iso(r.created()));
    o.put("updated", Times.iso(r.created()));
    o.put("expires", g.expires() == null ? null : Times.iso(g.expires()));
    o.put("readonly", g.readOnly());
    o.put("automation", false);
    o.put("cidr_whitelist", g.cidrs().isEmpty() ? null : g.cidrs().stream().map(Cidr::toString).toList());
    o.put("packages", new ArrayList<>(new TreeSet<>(g.packages())));
    o.put("scopes", g.scopes().stream().sorted().map(s -> "@" + s).toList());
    o.put("orgs", new ArrayList<>(new TreeSet<>(r.orgs())));
    o.put("packages_all", r.packagesAll() || (g.packages().isEmpty() && g.scopes().isEmpty() && !g.noPackageAccess()));
    o.put("packages_and_scopes_permission", r.packagesPermission() != null ? r.packagesPermission()
        : g.noPackageAccess() ? "no-access" : g.readOnly() ? "read-only" : "read-write");
    o.put("orgs_permission", r.orgsPermission());
    o.put("bypass_2fa", g.bypass2fa());
    return o;
  }
}
