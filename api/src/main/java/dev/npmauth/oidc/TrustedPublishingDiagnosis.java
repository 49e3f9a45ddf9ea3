package dev.npmauth.oidc;

import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether trusted publishing works for a package from here, check by check, with the claims the
 * CI's ID token presented. Made by {@link TrustedPublishing#diagnose(PackageName)}.
 *
 * @param packageName the package
 * @param registry the registry
 * @param ci the detected CI, if any
 * @param checks every check, in the order made
 * @param presentedIdentity the ID token's claims, when a token was obtained
 */
public record TrustedPublishingDiagnosis(
    PackageName packageName,
    RegistryUrl registry,
    Optional<CiProvider> ci,
    List<DiagnosisCheck> checks,
    Optional<PresentedIdentity> presentedIdentity) {

  /** Copies the list. */
  public TrustedPublishingDiagnosis {
    checks = List.copyOf(checks);
  }

  /**
   * Whether trusted publishing works: no check failed.
   *
   * @return true when the exchange succeeded
   */
  public boolean available() {
    return checks.stream().noneMatch(c -> c.status() == DiagnosisCheck.Status.FAILED);
  }

  /**
   * The first failed check.
   *
   * @return the check, if one failed
   */
  public Optional<DiagnosisCheck> firstFailure() {
    return checks.stream().filter(c -> c.status() == DiagnosisCheck.Status.FAILED).findFirst();
  }

  /**
   * A readable report: one line per check, the presented claims, and the fix for what failed.
   *
   * @return the report, free of secrets
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Trusted publishing for ").append(packageName).append(" on ").append(registry).append('\n');
    for (DiagnosisCheck check : checks) {
      out.append(String.format("  [%-7s] %s: %s%n", check.status(), check.name(), check.detail()));
    }
    presentedIdentity.ifPresent(identity -> {
      out.append("Claims presented by the ").append(identity.provider().displayName()).append(" ID token:\n");
      for (Map.Entry<String, String> claim : identity.matchingClaims().entrySet()) {
        out.append("  ").append(claim.getKey()).append(": ").append(claim.getValue()).append('\n');
      }
    });
    Optional<DiagnosisCheck> failure = firstFailure();
    if (failure.isPresent()) {
      out.append("Result: trusted publishing is NOT available (")
          .append(failure.get().failure().map(Enum::name).orElse("FAILED")).append(")\n");
      failure.get().fix().ifPresent(fix -> out.append("Fix: ").append(fix).append('\n'));
    } else {
      out.append("Result: trusted publishing is available\n");
    }
    return out.toString();
  }
}
