package dev.npmauth.config;

import dev.npmauth.Credential;
import dev.npmauth.CredentialKind;
import dev.npmauth.Environment;
import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import dev.npmauth.Secret;
import dev.npmauth.spi.Providers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * npm configuration as npm resolves it: the project {@code .npmrc}, then the user one, then the
 * global one, with {@code npm_config_*} environment variables on top and {@code ${VAR}} expanded.
 *
 * <pre>{@code
 * NpmConfig config = NpmConfig.load(Environment.system(), Path.of("."));
 * RegistryUrl registry = config.registryFor(PackageName.of("@acme/widgets"));
 * Optional<ConfiguredAuth> auth = config.authFor(registry.uri());
 * }</pre>
 *
 * @param values every key with the value that wins, in file order
 * @param origins for each key, where its winning value was set (a file path or an environment
 *     variable)
 */
public record NpmConfig(Map<String, String> values, Map<String, String> origins) {

  /** Copies the maps, keeping their order. */
  public NpmConfig {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    origins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(origins));
  }

  /**
   * An empty configuration: the public registry, no credentials.
   *
   * @return the empty configuration
   */
  public static NpmConfig empty() {
    return new NpmConfig(Map.of(), Map.of());
  }

  /**
   * Loads configuration the way npm does: {@code <workingDirectory>/.npmrc}, the user file
   * ({@code NPM_CONFIG_USERCONFIG} or {@code $HOME/.npmrc}), the global file
   * ({@code NPM_CONFIG_GLOBALCONFIG} or {@code $PREFIX/etc/npmrc}) and {@code npm_config_*}
   * variables.
   *
   * @param environment where variables are read (for {@code ${VAR}} and file locations)
   * @param workingDirectory where the project {@code .npmrc} is looked for
   * @return the merged configuration
   * @throws NpmConfigException when a file cannot be read or refers to an unset variable
   */
  public static NpmConfig load(Environment environment, Path workingDirectory) {
    return Providers.provider().loadConfig(environment, workingDirectory);
  }

  /**
   * The value of a key.
   *
   * @param key for example {@code registry}
   * @return the winning value
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * The default registry ({@code registry}), or the public one.
   *
   * @return the registry
   */
  public RegistryUrl registry() {
    return get("registry").map(RegistryUrl::of).orElse(RegistryUrl.NPMJS);
  }

  /**
   * The registry for a package: {@code @scope:registry} for a scoped package when set, otherwise
   * {@link #registry()}.
   *
   * @param packageName the package
   * @return its registry
   */
  public RegistryUrl registryFor(PackageName packageName) {
    return packageName.scope()
        .flatMap(scope -> get("@" + scope + ":registry"))
        .map(RegistryUrl::of)
        .orElseGet(this::registry);
  }

  /**
   * The credential npm would send to a URL: it looks for {@code //host[:port]/path/:_authToken},
   * then {@code :_auth}, then {@code :username} with {@code :_password}, walking the path up to
   * {@code //host/}. A URL on another host gets nothing.
   *
   * @param url the request URL or registry URL
   * @return the credential and where it was found
   */
  public Optional<ConfiguredAuth> authFor(URI url) {
    Objects.requireNonNull(url, "url");
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (!path.endsWith("/")) {
      path = path.substring(0, path.lastIndexOf('/') + 1);
    }
    String authority = url.getRawAuthority();
    while (true) {
      String nerf = "//" + authority + path;
      Optional<ConfiguredAuth> found = authAt(nerf);
      if (found.isPresent()) {
        return found;
      }
      if (path.equals("/")) {
        return Optional.empty();
      }
      String trimmed = path.substring(0, path.length() - 1);
      path = trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
    }
  }

  private Optional<ConfiguredAuth> authAt(String nerf) {
    String tokenKey = nerf + ":_authToken";
    Optional<String> token = get(tokenKey).filter(v -> !v.isEmpty());
    if (token.isPresent()) {
      return Optional.of(new ConfiguredAuth(Credential.granular(Secret.of(token.get())), tokenKey,
          origins.getOrDefault(tokenKey, "?")));
    }
    String authKey = nerf + ":_auth";
    Optional<String> basic = get(authKey).filter(v -> !v.isEmpty());
    if (basic.isPresent()) {
      return Optional.of(new ConfiguredAuth(legacy(basic.get()), authKey, origins.getOrDefault(authKey, "?")));
    }
    Optional<String> user = get(nerf + ":username").filter(v -> !v.isEmpty());
    Optional<String> password = get(nerf + ":_password").filter(v -> !v.isEmpty());
    if (user.isPresent() && password.isPresent()) {
      String decodedPassword;
      try {
        decodedPassword = new String(Base64.getDecoder().decode(password.get()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new NpmConfigException(nerf + ":_password in " + origins.getOrDefault(nerf + ":_password", "?")
            + " is not base64; npm stores the password base64-encoded");
      }
      String pair = user.get() + ":" + decodedPassword;
      String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      return Optional.of(new ConfiguredAuth(legacy(encoded), nerf + ":username",
          origins.getOrDefault(nerf + ":username", "?")));
    }
    return Optional.empty();
  }

  private static Credential legacy(String base64UserPassword) {
    return new Credential(CredentialKind.LEGACY_BASIC, Secret.of(base64UserPassword), Optional.empty(),
        Optional.empty());
  }

  /** Lists the keys and origins, with every credential value redacted. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("NpmConfig[");
    boolean first = true;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String key = entry.getKey();
      boolean secret = key.endsWith("_authToken") || key.endsWith("_auth") || key.endsWith("_password")
          || key.endsWith("otp") || key.endsWith("password");
      out.append(first ? "" : ", ").append(key).append('=').append(secret ? "****" : entry.getValue());
      first = false;
    }
    return out.append(']').toString();
  }
}
