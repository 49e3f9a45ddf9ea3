package dev.npmauth.oidc;

import dev.npmauth.Credential;
import dev.npmauth.PackageName;
import java.util.Optional;

/**
 * Trusted publishing: turn the CI's OIDC ID token into a short-lived token that may publish one
 * package, and explain precisely why that is not possible when it is not.
 *
 * <pre>{@code
 * TrustedPublishing oidc = client.trustedPublishing();
 * Credential token = oidc.exchange(PackageName.of("@acme/widgets"));
 * }</pre>
 */
public interface TrustedPublishing {

  /**
   * The CI this process runs in, detected as the npm CLI does ({@code GITHUB_ACTIONS},
   * {@code GITLAB_CI}, {@code CIRCLECI}; nothing when {@code CI=false}).
   *
   * @return the provider, if one is detected
   */
  Optional<CiProvider> detectCi();

  /**
   * Obtains the CI's ID token for audience {@code npm:<registry host>} and exchanges it at
   * {@code POST /-/npm/v1/oidc/token/exchange/package/<escaped name>}.
   *
   * @param packageName the package the token will publish
   * @return an {@link dev.npmauth.CredentialKind#OIDC_EXCHANGED} credential bound to the package,
   *     with its expiry when the registry gives one
   * @throws TrustedPublishingException naming the reason and the fix, with the presented claims
   *     when the registry refused them
   */
  Credential exchange(PackageName packageName);

  /**
   * Checks, step by step, whether trusted publishing works for the package from here: CI
   * detection, ID token availability, its expiry, audience and issuer, the runner, and the
   * registry's answer to a real exchange (the token obtained is discarded). Never throws for a
   * condition it can name.
   *
   * @param packageName the package
   * @return the diagnosis
   */
  TrustedPublishingDiagnosis diagnose(PackageName packageName);
}
