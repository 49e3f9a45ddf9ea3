package dev.npmauth.impl.config;

import dev.npmauth.Environment;
import dev.npmauth.config.NpmConfig;
import dev.npmauth.config.NpmConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads npm configuration in npm's order of precedence: {@code npm_config_*} variables, then the
 * project {@code .npmrc}, the user file and the global file.
 */
public final class NpmConfigLoader {
  private NpmConfigLoader() {
  }

  /**
   * Loads configuration.
   *
   * @param environment the environment
   * @param workingDirectory where the project {@code .npmrc} is
   * @return the configuration
   * @throws NpmConfigException when a file cannot be read or has a bad line
   */
  public static NpmConfig load(Environment environment, Path workingDirectory) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    // lowest precedence first; later layers overwrite
    for (Path file : files(environment, workingDirectory)) {
      read(file, environment).forEach((k, v) -> {
        values.remove(k);
        values.put(k, v);
        origins.put(k, file.toString());
      });
    }
    for (String key : List.of("registry", "userconfig", "globalconfig", "prefix", "cafile")) {
      Optional<String> value = variable(environment, key);
      if (value.isPresent()) {
        values.put(key, value.get());
        origins.put(key, "environment variable npm_config_" + key);
      }
    }
    return new NpmConfig(values, origins);
  }

  /**
   * The files npm reads, lowest precedence first: global, user, project.
   *
   * @param environment the environment
   * @param workingDirectory the project directory
   * @return the paths (some may not exist)
   */
  public static List<Path> files(Environment environment, Path workingDirectory) {
    List<Path> files = new ArrayList<>();
    Optional<Path> global = variable(environment, "globalconfig").map(Path::of)
        .or(() -> variable(environment, "prefix").map(prefix -> Path.of(prefix, "etc", "npmrc")));
    global.ifPresent(files::add);
    Optional<Path> user = variable(environment, "userconfig").map(Path::of)
        .or(() -> environment.nonEmpty("HOME").map(home -> Path.of(home, ".npmrc")));
    user.ifPresent(files::add);
    Path project = workingDirectory.toAbsolutePath().resolve(".npmrc");
    if (user.isEmpty() || !project.equals(user.get().toAbsolutePath())) {
      files.add(project);
    }
    return files;
  }

  /**
   * The path of the user {@code .npmrc}.
   *
   * @param environment the environment
   * @return {@code NPM_CONFIG_USERCONFIG}, or {@code $HOME/.npmrc}
   * @throws NpmConfigException when neither is set
   */
  public static Path userConfig(Environment environment) {
    return variable(environment, "userconfig").map(Path::of)
        .or(() -> environment.nonEmpty("HOME").map(home -> Path.of(home, ".npmrc")))
        .orElseThrow(() -> new NpmConfigException("cannot find the user .npmrc: neither NPM_CONFIG_USERCONFIG"
            + " nor HOME is set"));
  }

  private static Optional<String> variable(Environment environment, String key) {
    return environment.nonEmpty("npm_config_" + key).or(() -> environment.nonEmpty("NPM_CONFIG_" + key.toUpperCase()));
  }

  private static Map<String, String> read(Path file, Environment environment) {
    try {
      return NpmrcParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), environment);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new NpmConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
