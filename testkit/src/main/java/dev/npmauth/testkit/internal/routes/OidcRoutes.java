package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.CiProvider;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.PercentDecoding;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.oidc.CiRuns;
import dev.npmauth.testkit.internal.oidc.TrustMatcher;
import dev.npmauth.testkit.internal.oidc.VerifiedIdToken;
import dev.npmauth.testkit.internal.registry.PackageNames;
import dev.npmauth.testkit.internal.registry.Secrets;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import dev.npmauth.testkit.internal.registry.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Trusted publishing: the token exchange {@code POST
 * /-/npm/v1/oidc/token/exchange/package/<name>}, and the fake CI side: GitHub's ID-token endpoint
 * and each issuer's JWKS.
 *
 * <p>Internal to the testkit; not API.
 */
final class OidcRoutes {
  /** Exchanged tokens live 15 minutes. */
  static final Duration EXCHANGED_TOKEN_LIFETIME = Duration.ofMinutes(15);

  private OidcRoutes() {}

  static Route exchange(RouteContext ctx) {
    return Route.of(
        "POST",
        "/-/npm/v1/oidc/token/exchange/package/" + PackagePaths.NAME,
        request -> {
          String name = PercentDecoding.decode(request.pathGroup("name"), false);
          if (!PackageNames.isValid(name)) {
            throw HttpError.withMessage(400, "\"" + name + "\" is not a valid package name");
          }
          String idToken =
              request
                  .bearerToken()
                  .orElseThrow(
                      () ->
                          HttpError.withMessage(
                              401, "no ID token: send it as \"Authorization: Bearer <ID token>\""));
          Instant now = ctx.clock().instant();
          VerifiedIdToken verified = ctx.verifier().verify(idToken, ctx.audience(), now);
          TrustedPublisher config = TrustMatcher.match(verified, name, ctx.state().trustOf(name));
          String token = ctx.tokenFactory().get();
          Instant expires = now.plus(EXCHANGED_TOKEN_LIFETIME);
          ctx.tokens()
              .add(
                  token,
                  new TokenGrant(
                      publisherUser(verified.provider()),
                      TokenGrant.Kind.OIDC,
                      false,
                      Set.of(name),
                      expires,
                      false,
                      List.of(),
                      config.permissions()));
          return Response.json(201, Json.object("token", token, "expires", Times.iso(expires)));
        });
  }

  /** The user name exchanged tokens act as (shown by whoami, recorded as publisher). */
  static String publisherUser(CiProvider provider) {
    switch (provider) {
      case GITHUB:
        return "github-actions";
      case GITLAB:
        return "gitlab-ci";
      default:
        return "circleci";
    }
  }

  static Route githubIdToken(RouteContext ctx) {
    return Route.of(
        "GET",
        "/-/testkit/github/idtoken",
        request -> {
          String key =
              request
                  .queryParameter("run")
                  .orElseThrow(() -> HttpError.withMessage(404, "no run parameter"));
          CiRuns.GitHubJob job =
              ctx.runs()
                  .githubJob(key)
                  .orElseThrow(() -> HttpError.withMessage(404, "unknown GitHub Actions run"));
          String presented = request.bearerToken().orElse(null);
          if (!Secrets.same(presented, job.requestToken())) {
            throw HttpError.withMessage(
                401,
                presented == null
                    ? "no request token: send ACTIONS_ID_TOKEN_REQUEST_TOKEN as \"Authorization: Bearer <token>\""
                    : "the request token is not the one of this run");
          }
          String audience =
              request
                  .queryParameter("audience")
                  .filter(a -> !a.isEmpty())
                  .orElse("https://github.com/" + job.run().owner());
          return Response.json(
              200, Json.object("count", 1, "value", ctx.runs().githubIdToken(job, audience)));
        });
  }

  static Route jwks(RouteContext ctx) {
    return Route.of(
        "GET",
        "/-/testkit/oidc/(?<provider>github|gitlab|circleci)/jwks",
        request ->
            Response.rawJson(
                200, ctx.keys().jwksJson(CiProvider.fromId(request.pathGroup("provider")))));
  }
}
