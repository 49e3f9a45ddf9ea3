package dev.npmauth.publish;

/** Who may install a published package. */
public enum Access {
  /** Anyone. */
  PUBLIC("public"),
  /** Only members of the scope's organisation or user (scoped packages only). */
  RESTRICTED("restricted");

  private final String wireValue;

  Access(String wireValue) {
    this.wireValue = wireValue;
  }

  /**
   * The value npm sends in the publish document's {@code access} field.
   *
   * @return {@code public} or {@code restricted}
   */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Parses the value of {@code --access} as npm does ({@code private} means restricted).
   *
   * @param value {@code public}, {@code restricted} or {@code private}
   * @return the access
   * @throws IllegalArgumentException for any other value, naming the allowed ones
   */
  public static Access parse(String value) {
    return switch (value) {
      case "public" -> PUBLIC;
      case "restricted", "private" -> RESTRICTED;
      default -> throw new IllegalArgumentException(
          "access must be public or restricted (private is accepted as restricted), got \"" + value + "\"");
    };
  }
}
