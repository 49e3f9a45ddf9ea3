package dev.npmauth.impl.trust;

import dev.npmauth.Credential;
import dev.npmauth.NpmAuthException;
import dev.npmauth.PackageName;
import dev.npmauth.impl.http.Answer;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.impl.publish.OtpRetry;
import dev.npmauth.session.TwoFactor;
import dev.npmauth.trust.CircleCiClaims;
import dev.npmauth.trust.GitHubClaims;
import dev.npmauth.trust.GitLabClaims;
import dev.npmauth.trust.InvalidTrustConfigurationException;
import dev.npmauth.trust.OtherClaims;
import dev.npmauth.trust.TrustClaims;
import dev.npmauth.trust.TrustConfiguration;
import dev.npmauth.trust.TrustPermission;
import dev.npmauth.trust.TrustSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** Trusted publisher settings with the bodies and paths {@code npm trust} uses. */
public final class DefaultTrustSettings implements TrustSettings {
  private static final MediaType JSON = MediaType.get("application/json");

  private final RegistryHttp http;

  /**
   * Creates the capability.
   *
   * @param http the HTTP stack
   */
  public DefaultTrustSettings(RegistryHttp http) {
    this.http = http;
  }

  @Override
  public List<TrustConfiguration> create(Credential credential, PackageName packageName, TrustClaims claims,
      Set<TrustPermission> permissions, TwoFactor twoFactor) {
    String body = Json.write(List.of(body(claims, permissions)));
    Answer answer = OtpRetry.run("create a trusted publisher for " + packageName, twoFactor.code(),
        twoFactor.provider(), otp -> http.call("POST", http.registryUrl("-/package/" + packageName.escaped() + "/trust"))
            .command("trust").credential(credential).otp(otp).body(RequestBody.create(body, JSON)).retryable(false)
            .execute());
    return configurations(answer, "trusted publisher creation");
  }

  @Override
  public List<TrustConfiguration> list(Credential credential, PackageName packageName, TwoFactor twoFactor) {
    Answer answer = OtpRetry.run("list the trusted publishers of " + packageName, twoFactor.code(),
        twoFactor.provider(), otp -> http.call("GET", http.registryUrl("-/package/" + packageName.escaped() + "/trust"))
            .command("trust").credential(credential).otp(otp).execute());
    return configurations(answer, "the trusted publisher list");
  }

  @Override
  public void revoke(Credential credential, PackageName packageName, String id, TwoFactor twoFactor) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("give the id of the trusted publisher configuration to revoke"
          + " (list them to see the ids)");
    }
    String path = "-/package/" + packageName.escaped() + "/trust/" + encodeUriComponent(id);
    OtpRetry.run("revoke a trusted publisher of " + packageName, twoFactor.code(), twoFactor.provider(), otp ->
        http.call("DELETE", http.registryUrl(path)).command("trust").credential(credential).otp(otp).execute());
  }

  /**
   * One configuration as {@code npm trust github|gitlab|circleci} sends it: {@code type}, {@code
   * claims}, {@code permissions}, with {@code createPackage} first.
   *
   * @param claims the claims
   * @param permissions at least one
   * @return the object, in order
   * @throws InvalidTrustConfigurationException without permissions, or for {@link OtherClaims}
   */
  static Map<String, Object> body(TrustClaims claims, Set<TrustPermission> permissions) {
    if (permissions == null || permissions.isEmpty()) {
      throw new InvalidTrustConfigurationException(
          "At least one permission is required (publish: createPackage, staged publish: createStagedPackage)");
    }
    Map<String, Object> c = new LinkedHashMap<>();
    if (claims instanceof GitHubClaims g) {
      c.put("repository", g.repository());
      c.put("workflow_ref", Map.of("file", g.workflowFile()));
      g.environment().ifPresent(e -> c.put("environment", e));
    } else if (claims instanceof GitLabClaims g) {
      c.put("project_path", g.projectPath());
      c.put("ci_config_ref_uri", Map.of("file", g.configFile()));
      g.environment().ifPresent(e -> c.put("environment", e));
    } else if (claims instanceof CircleCiClaims ci) {
      c.put("oidc.circleci.com/org-id", ci.orgId());
      c.put("oidc.circleci.com/project-id", ci.projectId());
      c.put("oidc.circleci.com/pipeline-definition-id", ci.pipelineDefinitionId());
      c.put("oidc.circleci.com/vcs-origin", ci.vcsOrigin());
      if (!ci.contextIds().isEmpty()) {
        c.put("oidc.circleci.com/context-ids", ci.contextIds());
      }
    } else {
      throw new InvalidTrustConfigurationException("cannot create a configuration of type \"" + claims.type()
          + "\": only github, gitlab and circleci are known");
    }
    List<String> ordered = new ArrayList<>();
    for (TrustPermission p : TrustPermission.values()) {
      if (permissions.contains(p)) {
        ordered.add(p.wireValue());
      }
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("type", claims.type());
    config.put("claims", c);
    config.put("permissions", ordered);
    return config;
  }

  /** An array of configurations, or one object, as the npm CLI accepts both. */
  static List<TrustConfiguration> configurations(Answer answer, String what) {
    Object value;
    try {
      value = Json.read(answer.body());
    } catch (IOException e) {
      throw new NpmAuthException("the registry's answer to " + what + " is not JSON", e);
    }
    List<Object> items = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    List<TrustConfiguration> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map)) {
        throw new NpmAuthException("the registry's answer to " + what + " holds " + Json.describe(item)
            + " instead of a configuration");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> o = (Map<String, Object>) item;
      out.add(configuration(o));
    }
    return out;
  }

  private static TrustConfiguration configuration(Map<String, Object> o) {
    String type = Json.string(o, "type").orElse("");
    Map<String, Object> claims = Json.object(o, "claims").orElse(Map.of());
    TrustClaims parsed;
    try {
      parsed = switch (type) {
        case "github" -> new GitHubClaims(Json.string(claims, "repository").orElse(null),
            file(claims, "workflow_ref"), Json.string(claims, "environment"));
        case "gitlab" -> new GitLabClaims(Json.string(claims, "project_path").orElse(null),
            file(claims, "ci_config_ref_uri"), Json.string(claims, "environment"));
        case "circleci" -> new CircleCiClaims(Json.string(claims, "oidc.circleci.com/org-id").orElse(null),
            Json.string(claims, "oidc.circleci.com/project-id").orElse(null),
            Json.string(claims, "oidc.circleci.com/pipeline-definition-id").orElse(null),
            Json.string(claims, "oidc.circleci.com/vcs-origin").orElse(null), strings(claims.get("oidc.circleci.com/context-ids")));
        default -> new OtherClaims(type);
      };
    } catch (InvalidTrustConfigurationException e) {
      // the registry stores what it accepted; show it by type rather than failing the whole list
      parsed = new OtherClaims(type);
    }
    List<TrustPermission> permissions = new ArrayList<>();
    for (String p : strings(o.get("permissions"))) {
      for (TrustPermission known : TrustPermission.values()) {
        if (known.wireValue().equals(p)) {
          permissions.add(known);
        }
      }
    }
    return new TrustConfiguration(Json.string(o, "id"), parsed, permissions);
  }

  private static String file(Map<String, Object> claims, String field) {
    return Json.object(claims, field).flatMap(f -> Json.string(f, "file")).orElse(null);
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> {
        if (item instanceof String s) {
          out.add(s);
        }
      });
    }
    return out;
  }

  private static String encodeUriComponent(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
        .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
  }
}
