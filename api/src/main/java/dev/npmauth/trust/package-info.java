/**
 * Trusted publisher settings of a package ({@code npm trust}): which GitHub Actions workflow,
 * GitLab CI/CD pipeline or CircleCI pipeline may publish it through OIDC, created with the bodies
 * the npm CLI sends and its checks, listed and revoked.
 *
 * <pre>{@code
 * client.trust().create(session, PackageName.of("demo-pkg"),
 *     new GitHubClaims("acme/widgets", "release.yml", Optional.empty()),
 *     EnumSet.of(TrustPermission.PUBLISH), TwoFactor.code(otp));
 * }</pre>
 */
package dev.npmauth.trust;
