package dev.npmauth.testkit.internal.oidc;

import dev.npmauth.testkit.CiProvider;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.internal.http.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a verified ID token matches one of a package's trusted publisher
 * configurations, following npm's documented rules. When none matches, the 403 message names the
 * package and, for each configuration, the claims that differ.
 *
 * <p>Internal to the testkit; not API.
 */
public final class TrustMatcher {
  private static final String WORKFLOWS_DIR = ".github/workflows/";

  private TrustMatcher() {}

  /**
   * The configuration {@code token} matches.
   *
   * @throws HttpError 403 when none matches, when there is none, or for a self-hosted GitHub runner
   */
  public static TrustedPublisher match(
      VerifiedIdToken token, String packageName, List<TrustedPublisher> configs) {
    if (token.provider() == CiProvider.GITHUB
        && "self-hosted".equals(token.string("runner_environment"))) {
      throw HttpError.withMessage(
          403,
          "trusted publishing requires GitHub-hosted runners; this ID token comes from a"
              + " self-hosted runner (runner_environment \"self-hosted\")");
    }
    if (configs.isEmpty()) {
      throw HttpError.withMessage(
          403,
          "package \""
              + packageName
              + "\" has no trusted publisher configuration, so no ID token can be exchanged for it");
    }
    List<String> explanations = new ArrayList<>();
    int index = 1;
    for (TrustedPublisher config : configs) {
      List<String> differences = differences(token, config);
      if (differences.isEmpty()) {
        return config;
      }
      explanations.add(
          "[" + index++ + "] " + config.describe() + ": " + String.join(", ", differences));
    }
    throw HttpError.withMessage(
        403,
        "no trusted publisher configuration of package \""
            + packageName
            + "\" matches this "
            + token.provider().id()
            + " ID token: "
            + String.join("; ", explanations));
  }

  /** What differs between the token's claims and one configuration; empty when it matches. */
  static List<String> differences(VerifiedIdToken token, TrustedPublisher config) {
    List<String> out = new ArrayList<>();
    if (token.provider() != config.provider()) {
      out.add(
          "the token comes from "
              + token.provider().id()
              + ", the configuration is for "
              + config.provider().id());
      return out;
    }
    switch (config.provider()) {
      case GITHUB:
        github(token, config, out);
        break;
      case GITLAB:
        gitlab(token, config, out);
        break;
      case CIRCLECI:
        circleci(token, config, out);
        break;
      default:
        throw new IllegalStateException("unknown provider " + config.provider());
    }
    return out;
  }

  private static void github(VerifiedIdToken token, TrustedPublisher config, List<String> out) {
    String wantRepo = config.repository().orElseThrow();
    String repo = token.string("repository");
    if (repo == null) {
      out.add("the token has no repository claim (configured: \"" + wantRepo + "\")");
    } else if (!repo.toLowerCase(Locale.ROOT).equals(wantRepo.toLowerCase(Locale.ROOT))) {
      out.add("repository \"" + repo + "\" (configured: \"" + wantRepo + "\")");
    }
    String wantFile = config.file().orElseThrow();
    String workflowRef = token.string("workflow_ref");
    if (workflowRef == null) {
      out.add("the token has no workflow_ref claim (configured file: \"" + wantFile + "\")");
    } else {
      Optional<String> file = githubWorkflowFile(workflowRef);
      if (file.isEmpty()) {
        out.add("workflow_ref \"" + workflowRef + "\" does not name a file under " + WORKFLOWS_DIR);
      } else if (!file.get().equals(wantFile)) {
        out.add("workflow file \"" + file.get() + "\" (configured: \"" + wantFile + "\")");
      }
    }
    environment(token, config, out);
  }

  /** The workflow file of {@code owner/repo/.github/workflows/<file>@<ref>}. */
  static Optional<String> githubWorkflowFile(String workflowRef) {
    int at = workflowRef.indexOf('@');
    String path = at < 0 ? workflowRef : workflowRef.substring(0, at);
    int dir = path.indexOf("/" + WORKFLOWS_DIR);
    if (dir < 0) {
      return Optional.empty();
    }
    String file = path.substring(dir + 1 + WORKFLOWS_DIR.length());
    return file.isEmpty() ? Optional.empty() : Optional.of(file);
  }

  private static void gitlab(VerifiedIdToken token, TrustedPublisher config, List<String> out) {
    String wantProject = config.repository().orElseThrow();
    String project = token.string("project_path");
    if (project == null) {
      out.add("the token has no project_path claim (configured: \"" + wantProject + "\")");
    } else if (!project.equals(wantProject)) {
      out.add("project_path \"" + project + "\" (configured: \"" + wantProject + "\")");
    }
    String wantFile = config.file().orElseThrow();
    String uri = token.string("ci_config_ref_uri");
    if (uri == null) {
      out.add("the token has no ci_config_ref_uri claim (configured file: \"" + wantFile + "\")");
    } else {
      Optional<String> path = gitlabConfigPath(uri);
      if (path.isEmpty()) {
        out.add(
            "ci_config_ref_uri \"" + uri + "\" is not of the form <host>/<project>//<file>@<ref>");
      } else {
        String p = path.get();
        String last = p.substring(p.lastIndexOf('/') + 1);
        if (!p.equals(wantFile) && !last.equals(wantFile)) {
          out.add("CI config file \"" + p + "\" (configured: \"" + wantFile + "\")");
        }
      }
    }
    environment(token, config, out);
  }

  /** The file path of {@code gitlab.com/<project>//<file path>@<ref>}. */
  static Optional<String> gitlabConfigPath(String uri) {
    int slashes = uri.indexOf("//");
    int at = uri.lastIndexOf('@');
    if (slashes < 0 || at < slashes + 2) {
      return Optional.empty();
    }
    String path = uri.substring(slashes + 2, at);
    return path.isEmpty() ? Optional.empty() : Optional.of(path);
  }

  private static void environment(VerifiedIdToken token, TrustedPublisher config, List<String> out) {
    if (config.environment().isEmpty()) {
      return;
    }
    String want = config.environment().get();
    String env = token.string("environment");
    if (env == null) {
      out.add("no environment (configured: \"" + want + "\")");
    } else if (!env.equals(want)) {
      out.add("environment \"" + env + "\" (configured: \"" + want + "\")");
    }
  }

  private static void circleci(VerifiedIdToken token, TrustedPublisher config, List<String> out) {
    String wantOrg = config.orgId().orElseThrow();
    String issOrg = Issuers.circleciOrg(token.claims().getIssuer()).orElse(null);
    String claimOrg = token.string("oidc.circleci.com/org-id");
    if (issOrg != null && claimOrg != null && !issOrg.equalsIgnoreCase(claimOrg)) {
      out.add("org id claim \"" + claimOrg + "\" differs from the issuer's org \"" + issOrg + "\"");
    }
    String org = claimOrg != null ? claimOrg : issOrg;
    if (org == null || !org.equalsIgnoreCase(wantOrg)) {
      out.add("org id \"" + org + "\" (configured: \"" + wantOrg + "\")");
    }
    same(token, "oidc.circleci.com/project-id", "project id", config.projectId().orElseThrow(), true, out);
    same(
        token,
        "oidc.circleci.com/pipeline-definition-id",
        "pipeline definition id",
        config.pipelineDefinitionId().orElseThrow(),
        true,
        out);
    same(token, "oidc.circleci.com/vcs-origin", "VCS origin", config.vcsOrigin().orElseThrow(), false, out);
    if (!config.contextIds().isEmpty()) {
      Object raw = token.claims().getClaim("oidc.circleci.com/context-ids");
      List<String> have = new ArrayList<>();
      if (raw instanceof List) {
        for (Object o : (List<?>) raw) {
          have.add(String.valueOf(o).toLowerCase(Locale.ROOT));
        }
      }
      for (String want : config.contextIds()) {
        if (!have.contains(want.toLowerCase(Locale.ROOT))) {
          out.add("context \"" + want + "\" is not in the token's context ids " + have);
        }
      }
    }
  }

  private static void same(
      VerifiedIdToken token,
      String claim,
      String label,
      String want,
      boolean ignoreCase,
      List<String> out) {
    String have = token.string(claim);
    boolean equal = have != null && (ignoreCase ? have.equalsIgnoreCase(want) : have.equals(want));
    if (!equal) {
      out.add(
          (have == null ? "no " + label + " (" + claim + ")" : label + " \"" + have + "\"")
              + " (configured: \""
              + want
              + "\")");
    }
  }
}
