package dev.npmauth.testkit;

import java.util.Locale;

/** The CI identity providers the fake registry simulates and trusts. */
public enum CiProvider {
  /** GitHub Actions; issuer {@code https://token.actions.githubusercontent.com}. */
  GITHUB("github"),
  /** GitLab CI/CD on gitlab.com; issuer {@code https://gitlab.com}. */
  GITLAB("gitlab"),
  /** CircleCI; issuer {@code https://oidc.circleci.com/org/<org-id>}. */
  CIRCLECI("circleci");

  private final String id;

  CiProvider(String id) {
    this.id = id;
  }

  /**
   * The lower-case name used in trust configurations and testkit URLs: {@code github}, {@code
   * gitlab} or {@code circleci}.
   */
  public String id() {
    return id;
  }

  /**
   * The provider with this {@link #id()}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static CiProvider fromId(String id) {
    for (CiProvider p : values()) {
      if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown CI provider \"" + id + "\" (expected github, gitlab or circleci)");
  }
}
