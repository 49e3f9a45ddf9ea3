package dev.npmauth;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The process environment as npmauth sees it. Every environment variable npmauth reads (CI
 * detection, ID tokens, {@code NPM_TOKEN}, {@code ${VAR}} expansion in {@code .npmrc}) is read
 * through one of these, so a test can simulate any CI without touching the real environment.
 *
 * <pre>{@code
 * Environment gitlab = Environment.of(Map.of("GITLAB_CI", "true", "NPM_ID_TOKEN", jwt));
 * }</pre>
 */
@FunctionalInterface
public interface Environment {

  /**
   * The value of a variable.
   *
   * @param name the variable name, case-sensitive
   * @return its value; empty when unset
   */
  Optional<String> get(String name);

  /**
   * The value of a variable when it is set and not empty, as the npm CLI tests variables.
   *
   * @param name the variable name
   * @return the non-empty value, or empty
   */
  default Optional<String> nonEmpty(String name) {
    return get(name).filter(v -> !v.isEmpty());
  }

  /**
   * The real process environment.
   *
   * @return an environment backed by {@link System#getenv(String)}
   */
  static Environment system() {
    return name -> Optional.ofNullable(System.getenv(name));
  }

  /**
   * A fixed environment, for tests and for callers that build one by hand.
   *
   * @param variables the variables; copied
   * @return an environment holding exactly these variables
   */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(new TreeMap<>(variables));
    return name -> Optional.ofNullable(copy.get(name));
  }

  /**
   * An environment with no variables.
   *
   * @return an empty environment
   */
  static Environment empty() {
    return name -> Optional.empty();
  }

  /**
   * This environment with some variables added or replaced.
   *
   * @param overrides the variables that win over this environment's
   * @return the combined environment
   */
  default Environment with(Map<String, String> overrides) {
    Map<String, String> copy = Map.copyOf(overrides);
    return name -> copy.containsKey(name) ? Optional.of(copy.get(name)) : get(name);
  }
}
