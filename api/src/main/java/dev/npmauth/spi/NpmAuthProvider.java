package dev.npmauth.spi;

import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.pack.Packer;
import java.nio.file.Path;

/**
 * The service an implementation of npmauth provides, found with {@link java.util.ServiceLoader}.
 * Put {@code npmauth-impl} on the runtime class path and it is found.
 */
public interface NpmAuthProvider {

  /**
   * Creates a client.
   *
   * @param settings what the builder collected
   * @return the client
   */
  NpmRegistryClient createClient(ClientSettings settings);

  /**
   * Loads npm configuration.
   *
   * @param environment the environment
   * @param workingDirectory where the project {@code .npmrc} is looked for
   * @return the configuration
   */
  NpmConfig loadConfig(Environment environment, Path workingDirectory);

  /**
   * The packer, as {@link Packer#npmCompatible()} returns it.
   *
   * @return a packer that packs folders as npm 11 does
   */
  Packer packer();
}
