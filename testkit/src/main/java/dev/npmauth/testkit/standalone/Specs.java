package dev.npmauth.testkit.standalone;

import dev.npmauth.testkit.CircleCiRun;
import dev.npmauth.testkit.GitHubRun;
import dev.npmauth.testkit.GitLabRun;
import dev.npmauth.testkit.TrustedPublisher;

/**
 * Parses the standalone runner's {@code --trust-*} and {@code --*-run} values. Package names may
 * be scoped ({@code @scope/pkg}), so a trust value is split on its first {@code =}; VCS origins
 * and GitLab project paths contain {@code /}, so values are split on {@code :} only.
 */
final class Specs {
  static final String TRUST_GITHUB = "PKG=OWNER/REPO:WORKFLOW_FILE[:ENVIRONMENT]";
  static final String TRUST_GITLAB = "PKG=GROUP/PROJECT:CONFIG_FILE[:ENVIRONMENT]";
  static final String TRUST_CIRCLECI = "PKG=ORG_ID:PROJECT_ID:PIPELINE_DEFINITION_ID:VCS_ORIGIN";
  static final String GITHUB_RUN = "OWNER/REPO:WORKFLOW_FILE[:ENVIRONMENT]";
  static final String GITLAB_RUN = "GROUP/PROJECT:CONFIG_FILE[:ENVIRONMENT]";
  static final String CIRCLECI_RUN = "ORG_ID:PROJECT_ID:PIPELINE_DEFINITION_ID:VCS_ORIGIN";

  private Specs() {}

  /** The package and the rest of {@code PKG=REST}. */
  private static String[] splitPackage(String value, String shape) {
    int eq = value.indexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      throw fail(value, shape, "missing PKG= before the configuration");
    }
    return new String[] {value.substring(0, eq), value.substring(eq + 1)};
  }

  /** {@code A:B[:C]}, each part non-empty. */
  private static String[] twoOrThree(String value, String whole, String shape) {
    String[] parts = value.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw fail(whole, shape, "expected 2 or 3 parts separated by ':', found " + parts.length);
    }
    for (String p : parts) {
      if (p.isEmpty()) {
        throw fail(whole, shape, "a part is empty");
      }
    }
    return parts;
  }

  private static String[] four(String value, String whole, String shape) {
    String[] parts = value.split(":", 4);
    if (parts.length != 4) {
      throw fail(whole, shape, "expected 4 parts separated by ':', found " + parts.length);
    }
    return parts;
  }

  static BadValue fail(String value, String shape, String reason) {
    return new BadValue("'" + value + "' is not of the form " + shape + " (" + reason + ")");
  }

  /** An option value that does not have the expected shape; the message says which shape. */
  static final class BadValue extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
      super(message);
    }
  }

  /** Turns one option value into what the option means, or throws {@link BadValue}. */
  @FunctionalInterface
  interface Converter<T> {
    T convert(String value);
  }

  /** {@code --trust-github}. */
  static final class TrustGitHub implements Converter<TrustedPublisher> {
    @Override
    public TrustedPublisher convert(String value) {
      String[] pr = splitPackage(value, TRUST_GITHUB);
      String[] p = twoOrThree(pr[1], value, TRUST_GITHUB);
      try {
        return p.length == 2
            ? TrustedPublisher.github(pr[0], p[0], p[1])
            : TrustedPublisher.github(pr[0], p[0], p[1], p[2]);
      } catch (IllegalArgumentException e) {
        throw fail(value, TRUST_GITHUB, e.getMessage());
      }
    }
  }

  /** {@code --trust-gitlab}. */
  static final class TrustGitLab implements Converter<TrustedPublisher> {
    @Override
    public TrustedPublisher convert(String value) {
      String[] pr = splitPackage(value, TRUST_GITLAB);
      String[] p = twoOrThree(pr[1], value, TRUST_GITLAB);
      try {
        return p.length == 2
            ? TrustedPublisher.gitlab(pr[0], p[0], p[1])
            : TrustedPublisher.gitlab(pr[0], p[0], p[1], p[2]);
      } catch (IllegalArgumentException e) {
        throw fail(value, TRUST_GITLAB, e.getMessage());
      }
    }
  }

  /** {@code --trust-circleci}. */
  static final class TrustCircleCi implements Converter<TrustedPublisher> {
    @Override
    public TrustedPublisher convert(String value) {
      String[] pr = splitPackage(value, TRUST_CIRCLECI);
      String[] p = four(pr[1], value, TRUST_CIRCLECI);
      try {
        return TrustedPublisher.circleci(pr[0], p[0], p[1], p[2], p[3]);
      } catch (IllegalArgumentException e) {
        throw fail(value, TRUST_CIRCLECI, e.getMessage());
      }
    }
  }

  /** {@code --github-run}. */
  static final class GitHubRunSpec implements Converter<GitHubRun> {
    @Override
    public GitHubRun convert(String value) {
      String[] p = twoOrThree(value, value, GITHUB_RUN);
      try {
        GitHubRun run = GitHubRun.of(p[0], p[1]);
        return p.length == 3 ? run.environment(p[2]) : run;
      } catch (IllegalArgumentException e) {
        throw fail(value, GITHUB_RUN, e.getMessage());
      }
    }
  }

  /** {@code --gitlab-run}. */
  static final class GitLabRunSpec implements Converter<GitLabRun> {
    @Override
    public GitLabRun convert(String value) {
      String[] p = twoOrThree(value, value, GITLAB_RUN);
      try {
        GitLabRun run = GitLabRun.of(p[0], p[1]);
        return p.length == 3 ? run.environment(p[2]) : run;
      } catch (IllegalArgumentException e) {
        throw fail(value, GITLAB_RUN, e.getMessage());
      }
    }
  }

  /** {@code --circleci-run}. */
  static final class CircleCiRunSpec implements Converter<CircleCiRun> {
    @Override
    public CircleCiRun convert(String value) {
      String[] p = four(value, value, CIRCLECI_RUN);
      try {
        return CircleCiRun.of(p[0], p[1], p[2], p[3]);
      } catch (IllegalArgumentException e) {
        throw fail(value, CIRCLECI_RUN, e.getMessage());
      }
    }
  }
}
