package dev.npmauth.trust;

import java.util.Locale;

/**
 * What a trusted publisher may do, as {@code npm trust} names it. At least one is required; npm
 * sends {@code createPackage} first.
 */
public enum TrustPermission {
  /** {@code createPackage}: {@code npm publish} ({@code --allow-publish}). */
  PUBLISH("createPackage", "publish"),
  /** {@code createStagedPackage}: {@code npm stage publish} ({@code --allow-stage-publish}). */
  STAGED_PUBLISH("createStagedPackage", "stage publish");

  private final String wireValue;
  private final String label;

  TrustPermission(String wireValue, String label) {
    this.wireValue = wireValue;
    this.label = label;
  }

  /**
   * The value in the trust body.
   *
   * @return {@code createPackage} or {@code createStagedPackage}
   */
  public String wireValue() {
    return wireValue;
  }

  /**
   * How the npm CLI shows it.
   *
   * @return {@code publish} or {@code stage publish}
   */
  public String label() {
    return label;
  }

  /**
   * The permission with this wire value or constant name.
   *
   * @param value for example {@code createPackage}
   * @return the permission
   * @throws InvalidTrustConfigurationException for any other value
   */
  public static TrustPermission parse(String value) {
    for (TrustPermission p : values()) {
      if (p.wireValue.equals(value) || p.name().equals(String.valueOf(value).toUpperCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new InvalidTrustConfigurationException("\"" + value + "\" is not a trusted publisher permission"
        + " (allowed: createPackage, createStagedPackage)");
  }
}
