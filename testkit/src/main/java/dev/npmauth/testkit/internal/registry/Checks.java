package dev.npmauth.testkit.internal.registry;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Input checks shared by the testkit's public value types. Each throws {@link
 * IllegalArgumentException} with a message that says what was expected.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Checks {
  private static final Pattern UUID =
      Pattern.compile(
          "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Checks() {}

  public static String notBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }

  /** {@code owner/repo}: exactly two non-empty parts. */
  public static String githubRepository(String value) {
    notBlank(value, "the GitHub repository");
    String[] parts = value.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || value.contains(":")) {
      throw new IllegalArgumentException(
          "the GitHub repository must look like OWNER/REPO, got \"" + value + "\"");
    }
    return value;
  }

  /** {@code group/project} or {@code group/sub/project}: two or more non-empty parts. */
  public static String gitlabProjectPath(String value) {
    notBlank(value, "the GitLab project path");
    String[] parts = value.split("/", -1);
    boolean emptyPart = false;
    for (String p : parts) {
      emptyPart |= p.isEmpty();
    }
    if (parts.length < 2 || emptyPart || value.contains(":")) {
      throw new IllegalArgumentException(
          "the GitLab project path must look like GROUP/PROJECT (or GROUP/SUBGROUP/PROJECT), got \""
              + value
              + "\"");
    }
    return value;
  }

  /** A bare file name such as {@code release.yml}: no {@code /} and no {@code :}. */
  public static String fileName(String value, String what) {
    notBlank(value, what);
    if (value.contains("/") || value.contains(":") || value.contains("@")) {
      throw new IllegalArgumentException(
          what + " must be a bare file name such as release.yml, got \"" + value + "\"");
    }
    return value;
  }

  /** A UUID, as CircleCI uses for organization, project, pipeline definition and context ids. */
  public static String uuid(String value, String what) {
    notBlank(value, what);
    if (!UUID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be a UUID like 11111111-2222-4333-8444-555555555555, got \"" + value + "\"");
    }
    return value;
  }

  /** A CircleCI VCS origin: {@code provider/owner/repo}, no scheme. */
  public static String vcsOrigin(String value) {
    notBlank(value, "the VCS origin");
    String[] parts = value.split("/", -1);
    boolean emptyPart = false;
    for (String p : parts) {
      emptyPart |= p.isEmpty();
    }
    if (value.contains("://") || parts.length < 3 || emptyPart) {
      throw new IllegalArgumentException(
          "the VCS origin must look like PROVIDER/OWNER/REPO (e.g. github.com/acme/widgets), got \""
              + value
              + "\"");
    }
    return value;
  }

  /** An immutable copy of a list of UUIDs. */
  public static List<String> uuids(List<String> values, String what) {
    for (String v : values) {
      uuid(v, what);
    }
    return List.copyOf(values);
  }
}
