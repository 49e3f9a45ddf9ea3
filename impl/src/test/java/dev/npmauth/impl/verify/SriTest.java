package dev.npmauth.impl.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SriTest {
  @Test
  void equalDigestsOfACommonAlgorithmMatch() {
    assertThat(Sri.compare("sha512-AAAA", "sha512-AAAA")).isEqualTo(Sri.Comparison.MATCH);
    assertThat(Sri.compare("sha1-BBBB sha512-AAAA", "sha512-AAAA?x")).isEqualTo(Sri.Comparison.MATCH);
  }

  @Test
  void differentDigestsOfACommonAlgorithmMismatch() {
    assertThat(Sri.compare("sha512-AAAA", "sha512-AAAB")).isEqualTo(Sri.Comparison.MISMATCH);
  }

  @Test
  void noCommonAlgorithmCannotBeCompared() {
    assertThat(Sri.compare("sha1-AAAA", "sha512-AAAA")).isEqualTo(Sri.Comparison.NO_COMMON_ALGORITHM);
    assertThat(Sri.compare("md5-AAAA", "sha512-AAAA")).isEqualTo(Sri.Comparison.NO_COMMON_ALGORITHM);
  }

  @Test
  void shasumBecomesTheSha1IntegrityPacoteDerives() {
    assertThat(Sri.fromShasum("637c2195044566b9beaa9029f8c88d6eba589d76"))
        .contains("sha1-Y3whlQRFZrm+qpAp+MiNbrpYnXY=");
    assertThat(Sri.fromShasum("nothex")).isEmpty();
  }
}
