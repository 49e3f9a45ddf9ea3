package dev.npmauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PackageNameTest {

  @Test
  void scopedNameIsEscapedWithLowerCaseSlashAsNpmDoes() {
    PackageName name = PackageName.of("@acme/widgets");
    assertThat(name.escaped()).isEqualTo("@acme%2fwidgets");
    assertThat(name.scope()).contains("acme");
    assertThat(name.bareName()).isEqualTo("widgets");
    assertThat(name.tarballName("1.0.0")).isEqualTo("@acme/widgets-1.0.0.tgz");
    assertThat(name.purl("1.0.0")).isEqualTo("pkg:npm/%40acme/widgets@1.0.0");
  }

  @Test
  void unscopedNameIsLeftAsIs() {
    PackageName name = PackageName.of("left-pad");
    assertThat(name.escaped()).isEqualTo("left-pad");
    assertThat(name.scope()).isEmpty();
    assertThat(name.isScoped()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "'', NOT_EMPTY",
      ".hidden, NO_LEADING_PERIOD",
      "-dash, NO_LEADING_HYPHEN",
      "_under, NO_LEADING_UNDERSCORE",
      "' padded', NO_SURROUNDING_SPACES",
      "node_modules, NOT_EXCLUDED",
      "FAVICON.ICO, NOT_EXCLUDED",
      "has space, URL_FRIENDLY",
      "a/b, URL_FRIENDLY",
      "@scope/a/b, URL_FRIENDLY",
      "@scope/.dot, NO_LEADING_PERIOD",
      "@/x, URL_FRIENDLY",
      "café, URL_FRIENDLY",
  })
  void nameBreakingARuleIsRefusedNamingTheRule(String name, PackageNameRule rule) {
    assertThatThrownBy(() -> PackageName.of(name))
        .isInstanceOf(InvalidPackageNameException.class)
        .hasMessageContaining(rule.description())
        .hasMessageContaining("\"" + name + "\"")
        .satisfies(e -> assertThat(((InvalidPackageNameException) e).rule()).isEqualTo(rule));
  }

  @ParameterizedTest
  @CsvSource({
      "JSONStream, LOWER_CASE",
      "http, NOT_CORE_MODULE",
      "buffer, NOT_CORE_MODULE",
      "crazy!, NO_SPECIAL_CHARACTERS",
      "@scope/it's, NO_SPECIAL_CHARACTERS",
  })
  void legacyNamesAreReadableButNotValidForNewPackages(String name, PackageNameRule rule) {
    assertThat(PackageName.of(name).validForNewPackage()).isFalse();
    assertThatThrownBy(() -> PackageName.forNewPackage(name))
        .isInstanceOf(InvalidPackageNameException.class)
        .satisfies(e -> assertThat(((InvalidPackageNameException) e).rule()).isEqualTo(rule));
    assertThat(rule.newPackagesOnly()).isTrue();
  }

  @Test
  void nameLongerThan214IsOnlyRefusedForNewPackages() {
    String longName = "a".repeat(215);
    assertThat(PackageName.of(longName).value()).hasSize(215);
    assertThatThrownBy(() -> PackageName.forNewPackage(longName))
        .hasMessageContaining("214");
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> PackageName.of(null)).isInstanceOf(InvalidPackageNameException.class);
  }
}
