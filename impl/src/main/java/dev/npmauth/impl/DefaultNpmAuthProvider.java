package dev.npmauth.impl;

import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.impl.config.NpmConfigLoader;
import dev.npmauth.impl.pack.NpmPacker;
import dev.npmauth.pack.Packer;
import dev.npmauth.spi.ClientSettings;
import dev.npmauth.spi.NpmAuthProvider;
import java.nio.file.Path;

/** The implementation found by {@link java.util.ServiceLoader}. */
public final class DefaultNpmAuthProvider implements NpmAuthProvider {

  /** Creates the provider (called by the service loader). */
  public DefaultNpmAuthProvider() {
  }

  @Override
  public NpmRegistryClient createClient(ClientSettings settings) {
    return new DefaultNpmRegistryClient(settings);
  }

  @Override
  public NpmConfig loadConfig(Environment environment, Path workingDirectory) {
    return NpmConfigLoader.load(environment, workingDirectory);
  }

  @Override
  public Packer packer() {
    return NpmPacker.INSTANCE;
  }
}
