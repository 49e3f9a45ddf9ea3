package dev.npmauth.impl.oidc;

import dev.npmauth.Environment;
import dev.npmauth.oidc.CiProvider;
import java.util.Optional;

/**
 * Detects the CI as the npm CLI does (through ci-info): a non-empty {@code GITHUB_ACTIONS},
 * {@code GITLAB_CI} or {@code CIRCLECI}, unless {@code CI} is exactly {@code false}.
 */
public final class CiDetector {
  private final Environment environment;

  /**
   * Creates a detector.
   *
   * @param environment the environment to read
   */
  public CiDetector(Environment environment) {
    this.environment = environment;
  }

  /**
   * Whether {@code CI=false} turns detection off.
   *
   * @return true when {@code CI} is exactly {@code false}
   */
  public boolean disabledByCiFalse() {
    return environment.get("CI").map("false"::equals).orElse(false);
  }

  /**
   * The detected CI.
   *
   * @return the provider, if any
   */
  public Optional<CiProvider> detect() {
    if (disabledByCiFalse()) {
      return Optional.empty();
    }
    for (CiProvider provider : CiProvider.values()) {
      if (environment.nonEmpty(provider.detectionVariable()).isPresent()) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  /**
   * The user-agent suffix npm adds in CI: {@code ci/github-actions} and, on GitHub, the hosting
   * ({@code /dotcom-hosted}, {@code /dotcom-selfhosted}, {@code /dotcom}, {@code /ghecom} or
   * {@code /ghes}).
   *
   * @return the suffix, if in CI
   */
  public Optional<String> userAgentSuffix() {
    return detect().map(provider -> {
      String suffix = "ci/" + provider.userAgentName();
      if (provider == CiProvider.GITHUB_ACTIONS) {
        suffix += environment.nonEmpty("GITHUB_SERVER_URL").map(this::githubHosting).orElse("");
      }
      return suffix;
    });
  }

  private String githubHosting(String serverUrl) {
    String host;
    try {
      host = java.net.URI.create(serverUrl).getHost();
    } catch (IllegalArgumentException e) {
      return "";
    }
    if (host == null) {
      return "";
    }
    if (host.equals("github.com")) {
      String runner = environment.get("RUNNER_ENVIRONMENT").orElse("");
      return switch (runner) {
        case "github-hosted" -> "/dotcom-hosted";
        case "self-hosted" -> "/dotcom-selfhosted";
        default -> "/dotcom";
      };
    }
    return host.endsWith(".ghe.com") ? "/ghecom" : "/ghes";
  }
}
