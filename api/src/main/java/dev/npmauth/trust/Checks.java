package dev.npmauth.trust;

import java.util.regex.Pattern;

/** The npm CLI's checks of trust configuration values ({@code lib/commands/trust/*.js}). */
final class Checks {
  static final Pattern UUID = Pattern.compile("(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  private Checks() {
  }

  static String notBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new InvalidTrustConfigurationException(what + " must be given");
    }
    return value;
  }

  /** A bare file name ending in .yml or .yaml, as npm checks {@code --file}. */
  static String yamlFile(String file, String what) {
    notBlank(file, what);
    if (!file.endsWith(".yml") && !file.endsWith(".yaml")) {
      throw new InvalidTrustConfigurationException(what + " \"" + file + "\" must end in .yml or .yaml");
    }
    if (file.contains("/") || file.contains("\\")) {
      throw new InvalidTrustConfigurationException(what + " \"" + file + "\" must be just a file name, not a path"
          + " (for example release.yml)");
    }
    return file;
  }

  static String uuid(String value, String what) {
    notBlank(value, what);
    if (!UUID.matcher(value).matches()) {
      throw new InvalidTrustConfigurationException(what + " \"" + value + "\" must be a UUID such as"
          + " 11111111-2222-4333-8444-555555555555");
    }
    return value;
  }
}
