package dev.npmauth.publish;

import dev.npmauth.Credential;
import dev.npmauth.OtpProvider;
import dev.npmauth.PackageName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Staged publishing ({@code npm stage}): versions published with
 * {@link PublishRequest.Builder#stage(boolean)} wait on the stage until a maintainer approves or
 * rejects them. Stage ids are UUIDs; anything else is refused before a request is made.
 *
 * <pre>{@code
 * for (StagedVersion staged : client.staging().list(Optional.of(name), token)) {
 *   client.staging().approve(staged.id(), token, Optional.of(otpProvider));
 * }
 * }</pre>
 */
public interface StagedPublishing {

  /**
   * Lists staged versions, following every page ({@code GET /-/stage?page=N&perPage=100}).
   *
   * @param packageName only this package's, when given
   * @param credential the maintainer's credential
   * @return the staged versions
   * @throws dev.npmauth.registry.RegistryException if the registry refuses
   */
  List<StagedVersion> list(Optional<PackageName> packageName, Credential credential);

  /**
   * One staged version ({@code GET /-/stage/<id>}).
   *
   * @param stageId the id
   * @param credential the maintainer's credential
   * @return the staged version
   * @throws IllegalArgumentException if the id is not a UUID
   * @throws dev.npmauth.registry.RegistryException if the registry refuses (404 when unknown)
   */
  StagedVersion view(String stageId, Credential credential);

  /**
   * Approves a staged version, which publishes it ({@code POST /-/stage/<id>/approve}).
   *
   * @param stageId the id
   * @param credential the maintainer's credential (trusted publishing tokens cannot approve)
   * @param otpProvider asked when the registry wants a one-time password
   * @throws IllegalArgumentException if the id is not a UUID
   * @throws dev.npmauth.registry.RegistryException if the registry refuses
   */
  void approve(String stageId, Credential credential, Optional<OtpProvider> otpProvider);

  /**
   * Rejects (deletes) a staged version ({@code DELETE /-/stage/<id>}).
   *
   * @param stageId the id
   * @param credential the maintainer's credential
   * @param otpProvider asked when the registry wants a one-time password
   * @throws IllegalArgumentException if the id is not a UUID
   * @throws dev.npmauth.registry.RegistryException if the registry refuses
   */
  void reject(String stageId, Credential credential, Optional<OtpProvider> otpProvider);

  /**
   * Downloads a staged version's tarball ({@code GET /-/stage/<id>/tarball}) into a folder, named
   * as the npm CLI names it: {@code <name without @, / as ->-<version>-<id>.tgz}.
   *
   * @param stageId the id
   * @param directory where to write it
   * @param credential the maintainer's credential
   * @return the file written
   * @throws IllegalArgumentException if the id is not a UUID
   * @throws dev.npmauth.registry.RegistryException if the registry refuses
   * @throws PublishException if the download is not a package tarball
   */
  Path download(String stageId, Path directory, Credential credential);
}
