package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.PercentDecoding;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.LoginSessions;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import dev.npmauth.testkit.internal.registry.TokenStore;
import dev.npmauth.testkit.internal.registry.UserTokens;
import dev.npmauth.testkit.internal.registry.Users;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Logging in and out: the web login ({@code POST /-/v1/login}, then {@code GET
 * /-/v1/done?sessionId=…} answering 202 with {@code Retry-After} until the test approves the
 * login), the CouchDB login ({@code PUT /-/user/org.couchdb.user:<name>}, also its re-login form
 * with {@code /-rev/<rev>} and Basic authentication, and {@code GET} of the user document), and
 * logout ({@code DELETE /-/user/token/<token>}, which revokes the token).
 *
 * <p>Internal to the testkit; not API.
 */
final class UserRoutes {
  private static final String COUCH = "/-/user/org\\.couchdb\\.user:(?<user>[^/]+)";
  private static final String REV = "_we_dont_use_revs_any_more";

  private UserRoutes() {}

  static Route webLogin(RouteContext ctx) {
    return Route.of(
        "POST",
        "/-/v1/login",
        request -> {
          Map<String, Object> body = Bodies.object(request);
          boolean create = Bodies.bool(body, "create").orElse(false);
          String id = ctx.accounts().logins().start(create);
          String base = ctx.accounts().baseUrl().toString();
          return Response.json(
              200,
              Json.object(
                  "loginUrl", base + "-/testkit/login/" + id,
                  "doneUrl", base + "-/v1/done?sessionId=" + id));
        });
  }

  static Route webLoginDone(RouteContext ctx) {
    return Route.of(
        "GET",
        "/-/v1/done",
        request -> {
          String id =
              request
                  .queryParameter("sessionId")
                  .orElseThrow(() -> HttpError.of(400, "the done URL needs a sessionId parameter"));
          LoginSessions.Session session =
              ctx.accounts()
                  .logins()
                  .get(id)
                  .orElseThrow(() -> HttpError.of(404, "no login in progress with this session id (unknown or expired)"));
          if (session.user() == null) {
            long seconds = ctx.accounts().settings().loginRetryAfter().toSeconds();
            return Response.json(202, Json.object()).header("retry-after", String.valueOf(seconds));
          }
          ctx.accounts().logins().finish(id);
          UserTokens.Issued issued = ctx.accounts().issuer().session(session.user());
          return Response.json(200, Json.object("token", issued.token()));
        });
  }

  /** The page a human would open; here it only says how a test approves the login. */
  static Route loginPage(RouteContext ctx) {
    return Route.of(
        "GET",
        "/-/testkit/login/(?<id>[0-9a-f-]+)",
        request -> {
          String id = request.pathGroup("id");
          boolean pending = ctx.accounts().logins().get(id).map(s -> s.user() == null).orElse(false);
          String text =
              pending
                  ? "Login " + id + " is waiting; a test approves it with FakeRegistry.approveLogin.\n"
                  : "No login is waiting with id " + id + ".\n";
          return Response.bytes(
              pending ? 200 : 404, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        });
  }

  static Route couchLogin(RouteContext ctx) {
    return Route.of(
        "PUT",
        COUCH + "(?:/-rev/(?<rev>[^/]+))?",
        request -> {
          String name = PercentDecoding.decode(request.pathGroup("user"), false);
          Map<String, Object> body = Bodies.object(request);
          String bodyName = Bodies.string(body, "name").orElse(null);
          if (!name.equals(bodyName)) {
            throw HttpError.of(
                400, "the body's \"name\" must be the user name of the path (\"" + name + "\")");
          }
          String password =
              Bodies.string(body, "password")
                  .filter(p -> !p.isEmpty())
                  .orElseThrow(() -> HttpError.of(400, "\"password\" is required"));
          Optional<String[]> basic = Users.basicCredentials(request);
          if (basic.isPresent()
              && (!basic.get()[0].equals(name)
                  || !ctx.accounts().users().passwordMatches(name, basic.get()[1]))) {
            throw HttpError.of(401, "the Basic credentials are not those of \"" + name + "\"");
          }
          Users users = ctx.accounts().users();
          if (users.user(name).isEmpty()) {
            Optional<String> email = Bodies.string(body, "email").filter(e -> !e.isBlank());
            if (email.isEmpty()) {
              throw HttpError.of(400, "no user named \"" + name + "\"; create one with npm adduser");
            }
            users.add(name, password, email.get(), Users.TwoFactor.NONE);
          } else {
            if (!users.passwordMatches(name, password)) {
              throw HttpError.of(401, "Incorrect or missing password.");
            }
            users.checkLogin(request, name);
          }
          UserTokens.Issued issued = ctx.accounts().issuer().session(name);
          return Response.json(
              201,
              Json.object(
                  "ok", true, "id", "org.couchdb.user:" + name, "rev", REV, "token", issued.token()));
        });
  }

  static Route couchUser(RouteContext ctx) {
    return Route.of(
        "GET",
        COUCH,
        request -> {
          String name = PercentDecoding.decode(request.pathGroup("user"), false);
          Optional<String[]> basic = Users.basicCredentials(request);
          boolean allowed;
          if (basic.isPresent()) {
            allowed =
                basic.get()[0].equals(name)
                    && ctx.accounts().users().passwordMatches(name, basic.get()[1]);
          } else {
            TokenGrant grant = ctx.tokens().require(request, "read a user document");
            allowed = grant.user().equals(name) || grant.kind() == TokenGrant.Kind.ADMIN;
          }
          if (!allowed) {
            throw HttpError.of(401, "you may only read your own user document");
          }
          Users.User user =
              ctx.accounts().users().user(name).orElseThrow(() -> HttpError.of(404, "no user named \"" + name + "\""));
          return Response.json(
              200,
              Json.object(
                  "_id", "org.couchdb.user:" + name,
                  "_rev", REV,
                  "name", name,
                  "email", user.email(),
                  "type", "user",
                  "roles", java.util.List.of()));
        });
  }

  static Route logout(RouteContext ctx) {
    return Route.of(
        "DELETE",
        "/-/user/token/(?<token>[^/]+)",
        request -> {
          TokenStore.Entry caller = ctx.tokens().requireEntry(request, "log out");
          String value = PercentDecoding.decode(request.pathGroup("token"), false);
          TokenStore.Entry target =
              ctx.tokens()
                  .byValue(value)
                  .filter(e -> e.grant().user().equals(caller.grant().user()))
                  .orElseThrow(() -> HttpError.of(404, "no token of yours has this value"));
          ctx.tokens().revoke(target);
          return Response.json(200, Json.object("ok", true));
        });
  }
}
