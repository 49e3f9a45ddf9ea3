package dev.npmauth.testkit.internal.sigstore;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.npmauth.testkit.CiProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the fake Fulcio turns a verified CI identity token into a certificate identity, following
 * the claim mappings Fulcio configures for {@code token.actions.githubusercontent.com} and
 * {@code gitlab.com} (Fulcio's {@code docs/oid-info.md}): the subject alternative name is the
 * workflow (GitHub: {@code https://github.com/} + {@code job_workflow_ref}; GitLab: {@code
 * https://} + {@code ci_config_ref_uri}), and the extensions name issuer, repository, ref,
 * commit, trigger, run and runner. Claims that are absent leave their extension out; the claims
 * the subject alternative name needs are required.
 *
 * <p>Internal to the testkit; not API.
 */
final class FulcioIdentities {
  private FulcioIdentities() {}

  static FulcioAuthority.Identity of(FulcioIssuers.Verified token) {
    return token.kind() == CiProvider.GITLAB ? gitlab(token) : github(token);
  }

  private static FulcioAuthority.Identity github(FulcioIssuers.Verified token) {
    JWTClaimsSet c = token.claims();
    String url = "https://github.com/";
    String jobWorkflowRef = required(c, "job_workflow_ref");
    Map<Integer, String> ext = new LinkedHashMap<>();
    ext.put(1, token.issuer());
    put(ext, 2, claim(c, "event_name"));
    put(ext, 3, claim(c, "sha"));
    put(ext, 4, claim(c, "workflow"));
    put(ext, 5, claim(c, "repository"));
    put(ext, 6, claim(c, "ref"));
    ext.put(8, token.issuer());
    ext.put(9, url + jobWorkflowRef);
    put(ext, 10, claim(c, "job_workflow_sha"));
    put(ext, 11, claim(c, "runner_environment"));
    put(ext, 12, prefixed(url, claim(c, "repository")));
    put(ext, 13, claim(c, "sha"));
    put(ext, 14, claim(c, "ref"));
    put(ext, 15, claim(c, "repository_id"));
    put(ext, 16, prefixed(url, claim(c, "repository_owner")));
    put(ext, 17, claim(c, "repository_owner_id"));
    put(ext, 18, prefixed(url, claim(c, "workflow_ref")));
    put(ext, 19, claim(c, "workflow_sha"));
    put(ext, 20, claim(c, "event_name"));
    String repository = claim(c, "repository");
    String runId = claim(c, "run_id");
    String attempt = claim(c, "run_attempt");
    if (repository != null && runId != null && attempt != null) {
      ext.put(21, url + repository + "/actions/runs/" + runId + "/attempts/" + attempt);
    }
    put(ext, 22, claim(c, "repository_visibility"));
    put(ext, 23, claim(c, "environment"));
    return new FulcioAuthority.Identity(url + jobWorkflowRef, ext);
  }

  private static FulcioAuthority.Identity gitlab(FulcioIssuers.Verified token) {
    JWTClaimsSet c = token.claims();
    String url = token.issuer().endsWith("/") ? token.issuer() : token.issuer() + "/";
    String configRefUri = "https://" + required(c, "ci_config_ref_uri");
    Map<Integer, String> ext = new LinkedHashMap<>();
    ext.put(1, token.issuer());
    ext.put(8, token.issuer());
    ext.put(9, configRefUri);
    put(ext, 10, claim(c, "ci_config_sha"));
    put(ext, 11, claim(c, "runner_environment"));
    put(ext, 12, prefixed(url, claim(c, "project_path")));
    put(ext, 13, claim(c, "sha"));
    String ref = claim(c, "ref");
    if (ref != null) {
      ext.put(14, ("tag".equals(claim(c, "ref_type")) ? "refs/tags/" : "refs/heads/") + ref);
    }
    put(ext, 15, claim(c, "project_id"));
    put(ext, 16, prefixed(url, claim(c, "namespace_path")));
    put(ext, 17, claim(c, "namespace_id"));
    ext.put(18, configRefUri);
    put(ext, 19, claim(c, "ci_config_sha"));
    put(ext, 20, claim(c, "pipeline_source"));
    String project = claim(c, "project_path");
    String job = claim(c, "job_id");
    if (project != null && job != null) {
      ext.put(21, url + project + "/-/jobs/" + job);
    }
    put(ext, 22, claim(c, "project_visibility"));
    put(ext, 23, claim(c, "environment"));
    return new FulcioAuthority.Identity(configRefUri, ext);
  }

  private static void put(Map<Integer, String> ext, int oid, String value) {
    if (value != null && !value.isEmpty()) {
      ext.put(oid, value);
    }
  }

  private static String prefixed(String prefix, String value) {
    return value == null ? null : prefix + value;
  }

  /** A claim as text (GitLab sends some ids as numbers), or null when absent. */
  private static String claim(JWTClaimsSet c, String name) {
    Object v = c.getClaim(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return String.valueOf(n.longValue());
    }
    return String.valueOf(v);
  }

  private static String required(JWTClaimsSet c, String name) {
    String v = claim(c, name);
    if (v == null || v.isEmpty()) {
      throw SigstoreErrors.fulcio(400, "the identity token has no " + name
          + " claim, which the certificate's subject alternative name is made from");
    }
    return v;
  }
}
