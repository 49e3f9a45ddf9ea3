package dev.npmauth.trust;

import dev.npmauth.Credential;
import dev.npmauth.PackageName;
import dev.npmauth.session.TwoFactor;
import java.util.List;
import java.util.Set;

/**
 * A package's trusted publishers ({@code /-/package/<name>/trust}). The registry asks for a
 * one-time password on changes (npm documents that trust commands need 2FA on the account, and
 * refuse tokens that bypass 2FA), and allows one configuration per package: revoke the old one
 * before creating another.
 *
 * <pre>{@code
 * TrustSettings trust = client.trust();
 * List<TrustConfiguration> created = trust.create(session, PackageName.of("demo-pkg"),
 *     new GitHubClaims("acme/widgets", "release.yml", Optional.empty()),
 *     EnumSet.of(TrustPermission.PUBLISH), TwoFactor.code(Secret.of(otp)));
 * trust.revoke(session, PackageName.of("demo-pkg"), created.get(0).id().orElseThrow(), TwoFactor.code(Secret.of(otp2)));
 * }</pre>
 */
public interface TrustSettings {

  /**
   * Creates a configuration: {@code POST /-/package/<escaped name>/trust} with a JSON array of
   * one object, keys in npm's order ({@code type}, {@code claims}, {@code permissions}), claims as
   * the npm CLI writes them. Never retried.
   *
   * @param credential the maintainer's session or token (not one that bypasses 2FA)
   * @param packageName the package, which must exist
   * @param claims what ID tokens must match
   * @param permissions at least one
   * @param twoFactor the one-time password setting
   * @return the created configurations, with their ids, as the registry answered
   * @throws InvalidTrustConfigurationException when no permission is given or the claims are
   *     {@link OtherClaims}
   * @throws dev.npmauth.registry.OtpRequiredException when a one-time password is needed and none
   *     was given
   * @throws dev.npmauth.registry.RegistryException when the registry refuses (409: one exists)
   */
  List<TrustConfiguration> create(Credential credential, PackageName packageName, TrustClaims claims,
      Set<TrustPermission> permissions, TwoFactor twoFactor);

  /**
   * Lists the configurations ({@code GET /-/package/<escaped name>/trust}).
   *
   * @param credential the maintainer's session or token
   * @param packageName the package
   * @param twoFactor the one-time password setting
   * @return the configurations (empty when none)
   * @throws dev.npmauth.registry.RegistryException when the registry refuses
   */
  List<TrustConfiguration> list(Credential credential, PackageName packageName, TwoFactor twoFactor);

  /**
   * Revokes a configuration ({@code DELETE /-/package/<escaped name>/trust/<id>}).
   *
   * @param credential the maintainer's session or token
   * @param packageName the package
   * @param id the configuration's id
   * @param twoFactor the one-time password setting
   * @throws IllegalArgumentException if the id is blank
   * @throws dev.npmauth.registry.RegistryException when the registry refuses (404: no such id)
   */
  void revoke(Credential credential, PackageName packageName, String id, TwoFactor twoFactor);
}
