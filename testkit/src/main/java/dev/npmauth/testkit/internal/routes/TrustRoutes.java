package dev.npmauth.testkit.internal.routes;

import dev.npmauth.testkit.TrustSetting;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.internal.http.HttpError;
import dev.npmauth.testkit.internal.http.PercentDecoding;
import dev.npmauth.testkit.internal.http.Request;
import dev.npmauth.testkit.internal.http.Response;
import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.json.Json;
import dev.npmauth.testkit.internal.registry.TokenGrant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trusted publisher settings: {@code POST /-/package/<name>/trust} (a JSON array holding one
 * configuration, as {@code npm trust github|gitlab|circleci} sends it), {@code GET
 * /-/package/<name>/trust} and {@code DELETE /-/package/<name>/trust/<id>}. What is created here
 * is what the OIDC exchange matches ID tokens against.
 *
 * <p>As npm documents it: the package must exist, the caller must be able to publish it, the
 * account must have 2FA and the call carry a one-time password, tokens that bypass 2FA are
 * refused, and a package has at most one configuration.
 *
 * <p>Internal to the testkit; not API.
 */
final class TrustRoutes {
  private static final String TRUST = "/-/package/" + PackagePaths.NAME + "/trust";

  private TrustRoutes() {}

  static Route create(RouteContext ctx) {
    return Route.of(
        "POST",
        TRUST,
        request -> {
          String name = PackagePaths.requireName(request);
          TokenGrant grant = manager(ctx, request, name, true);
          Object body = Bodies.read(request);
          if (!(body instanceof List) || ((List<?>) body).size() != 1) {
            throw HttpError.of(400, "the body must be a JSON array holding exactly one trust configuration");
          }
          Map<String, Object> config =
              Json.asObject(((List<?>) body).get(0))
                  .orElseThrow(() -> HttpError.of(400, "the trust configuration must be a JSON object"));
          TrustedPublisher publisher = parse(name, config);
          TrustSetting setting = ctx.state().addOnlyTrust(publisher);
          Map<String, Object> created = render(setting.publisher());
          created.put("id", setting.id());
          return Response.json(201, List.of(created));
        });
  }

  static Route list(RouteContext ctx) {
    return Route.of(
        "GET",
        TRUST,
        request -> {
          String name = PackagePaths.requireName(request);
          manager(ctx, request, name, false);
          List<Object> out = new ArrayList<>();
          for (TrustSetting setting : ctx.state().trustSettingsOf(name)) {
            Map<String, Object> o = Json.object("id", setting.id());
            o.putAll(render(setting.publisher()));
            out.add(o);
          }
          return Response.json(200, out);
        });
  }

  static Route revoke(RouteContext ctx) {
    return Route.of(
        "DELETE",
        TRUST + "/(?<id>[^/]+)",
        request -> {
          String name = PackagePaths.requireName(request);
          manager(ctx, request, name, true);
          String id = PercentDecoding.decode(request.pathGroup("id"), false);
          if (!ctx.state().revokeTrust(name, id)) {
            throw HttpError.of(404, "package \"" + name + "\" has no trusted publisher configuration with id " + id);
          }
          return Response.bytes(204, Response.JSON, new byte[0]);
        });
  }

  /** The caller, if it may manage the package's trust; changes also need 2FA. */
  private static TokenGrant manager(RouteContext ctx, Request request, String name, boolean change) {
    TokenGrant grant = ctx.tokens().require(request, "manage trusted publishers");
    if (change) {
      ctx.accounts().users().checkTrustManagement(request, grant);
    } else if (grant.kind() == TokenGrant.Kind.OIDC) {
      throw HttpError.of(403, "a trusted publishing token cannot see trusted publishers");
    }
    List<String> maintainers = ctx.state().maintainersOf(name);
    if (maintainers == null || !ctx.state().visibleTo(name, Optional.of(grant))) {
      throw HttpError.of(
          404, "package \"" + name + "\" not found: trusted publishers can be set for existing packages only");
    }
    grant.manageRefusal(name, maintainers).ifPresent(reason -> {
      throw HttpError.of(403, reason);
    });
    return grant;
  }

  /** A configuration from its wire form, checked as the npm CLI and the registry check it. */
  private static TrustedPublisher parse(String name, Map<String, Object> config) {
    String type = Bodies.string(config, "type").orElseThrow(() -> HttpError.of(400, "\"type\" is required"));
    Map<String, Object> claims =
        Json.asObject(config.get("claims"))
            .orElseThrow(() -> HttpError.of(400, "\"claims\" must be a JSON object"));
    List<String> permissions = Bodies.strings(config, "permissions");
    if (permissions.isEmpty()) {
      throw HttpError.of(400, "\"permissions\" needs at least one of createPackage, createStagedPackage");
    }
    for (String p : permissions) {
      if (!p.equals(TrustedPublisher.CREATE_PACKAGE) && !p.equals(TrustedPublisher.CREATE_STAGED_PACKAGE)) {
        throw HttpError.of(400, "unknown permission \"" + p + "\" (allowed: createPackage, createStagedPackage)");
      }
    }
    try {
      TrustedPublisher publisher;
      switch (type) {
        case "github": {
          String file = yamlFile(fileOf(claims, "workflow_ref"));
          String repository = required(claims, "repository");
          Optional<String> env = Bodies.string(claims, "environment");
          publisher = env.isPresent()
              ? TrustedPublisher.github(name, repository, file, env.get())
              : TrustedPublisher.github(name, repository, file);
          break;
        }
        case "gitlab": {
          String file = yamlFile(fileOf(claims, "ci_config_ref_uri"));
          String project = required(claims, "project_path");
          Optional<String> env = Bodies.string(claims, "environment");
          publisher = env.isPresent()
              ? TrustedPublisher.gitlab(name, project, file, env.get())
              : TrustedPublisher.gitlab(name, project, file);
          break;
        }
        case "circleci":
          publisher = TrustedPublisher.circleci(
              name,
              required(claims, "oidc.circleci.com/org-id"),
              required(claims, "oidc.circleci.com/project-id"),
              required(claims, "oidc.circleci.com/pipeline-definition-id"),
              required(claims, "oidc.circleci.com/vcs-origin"),
              Bodies.strings(claims, "oidc.circleci.com/context-ids"));
          break;
        default:
          throw HttpError.of(400, "unknown type \"" + type + "\" (allowed: github, gitlab, circleci)");
      }
      return publisher.permissions(permissions.toArray(new String[0]));
    } catch (IllegalArgumentException e) {
      throw HttpError.of(400, e.getMessage());
    }
  }

  private static String required(Map<String, Object> claims, String field) {
    return Bodies.string(claims, field)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> HttpError.of(400, "the claim \"" + field + "\" is required"));
  }

  private static String fileOf(Map<String, Object> claims, String field) {
    Map<String, Object> ref =
        Json.asObject(claims.get(field))
            .orElseThrow(() -> HttpError.of(400, "the claim \"" + field + "\" must be an object {\"file\": …}"));
    return required(ref, "file");
  }

  private static String yamlFile(String file) {
    if (!file.endsWith(".yml") && !file.endsWith(".yaml")) {
      throw HttpError.of(400, "the file \"" + file + "\" must end in .yml or .yaml");
    }
    return file;
  }

  /** The wire form: {@code type}, {@code claims}, {@code permissions} (createPackage first). */
  static Map<String, Object> render(TrustedPublisher p) {
    Map<String, Object> claims = Json.object();
    switch (p.provider()) {
      case GITHUB:
        claims.put("repository", p.repository().orElseThrow());
        claims.put("workflow_ref", Json.object("file", p.file().orElseThrow()));
        p.environment().ifPresent(e -> claims.put("environment", e));
        break;
      case GITLAB:
        claims.put("project_path", p.repository().orElseThrow());
        claims.put("ci_config_ref_uri", Json.object("file", p.file().orElseThrow()));
        p.environment().ifPresent(e -> claims.put("environment", e));
        break;
      default:
        claims.put("oidc.circleci.com/org-id", p.orgId().orElseThrow());
        claims.put("oidc.circleci.com/project-id", p.projectId().orElseThrow());
        claims.put("oidc.circleci.com/pipeline-definition-id", p.pipelineDefinitionId().orElseThrow());
        claims.put("oidc.circleci.com/vcs-origin", p.vcsOrigin().orElseThrow());
        if (!p.contextIds().isEmpty()) {
          claims.put("oidc.circleci.com/context-ids", p.contextIds());
        }
        break;
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String known : List.of(TrustedPublisher.CREATE_PACKAGE, TrustedPublisher.CREATE_STAGED_PACKAGE)) {
      if (p.permissions().contains(known)) {
        ordered.add(known);
      }
    }
    return Json.object("type", p.provider().id(), "claims", claims, "permissions", new ArrayList<>(ordered));
  }
}
