package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
  private static final String ROOT = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String SIG = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6});

  @Test
  void parsesOriginSizeRootExtensionsAndEverySignatureLine() throws Exception {
    String env = "rekor.sigstore.dev - 2605736670972794746\n23083062\n" + ROOT
        + "\nTimestamp: 1689177396617352539\n\n\u2014 rekor.sigstore.dev " + SIG
        + "\n\u2014 witness.example " + SIG + "\n";
    SignedNote n = SignedNote.parse(env);
    assertThat(n.origin).isEqualTo("rekor.sigstore.dev - 2605736670972794746");
    assertThat(n.treeSize).isEqualTo(23083062L);
    assertThat(n.rootHash).hasSize(32);
    assertThat(n.extensions).containsExactly("Timestamp: 1689177396617352539");
    assertThat(n.signatures).extracting(l -> l.keyName)
        .containsExactly("rekor.sigstore.dev", "witness.example");
    assertThat(n.signatures.get(0).keyHint).containsExactly(1, 2, 3, 4);
    assertThat(n.signatures.get(0).signature).containsExactly(5, 6);
  }

  @Test
  void signedTextIsTheNoteIncludingItsFinalNewline() throws Exception {
    String note = "log.example\n5\n" + ROOT + "\n";
    SignedNote n = SignedNote.parse(note + "\n\u2014 log.example " + SIG + "\n");
    assertThat(new String(n.signedText, StandardCharsets.UTF_8)).isEqualTo(note);
  }

  @Test
  void noteWithoutOriginOrSizeOrRootIsMalformed() {
    assertThatThrownBy(() -> SignedNote.parse("5\n" + ROOT + "\n\n\u2014 x " + SIG + "\n"))
        .isInstanceOf(SignedNote.MalformedException.class).hasMessageContaining("lines");
    assertThatThrownBy(() -> SignedNote.parse("log\n" + ROOT + "\n\n\u2014 x " + SIG + "\n"))
        .isInstanceOf(SignedNote.MalformedException.class);
    assertThatThrownBy(() -> SignedNote.parse("log\n5\n\n\u2014 x " + SIG + "\n"))
        .isInstanceOf(SignedNote.MalformedException.class);
  }

  @Test
  void treeSizeMustBeADecimalNumber() {
    assertThatThrownBy(() -> SignedNote.parse("log\n+5\n" + ROOT + "\n\n\u2014 x " + SIG + "\n"))
        .hasMessageContaining("tree size");
    assertThatThrownBy(() -> SignedNote.parse("log\n05\n" + ROOT + "\n\n\u2014 x " + SIG + "\n"))
        .hasMessageContaining("tree size");
  }

  @Test
  void rootHashMustBe32BytesOfBase64() {
    String shortRoot = Base64.getEncoder().encodeToString(new byte[31]);
    assertThatThrownBy(() -> SignedNote.parse("log\n5\n" + shortRoot + "\n\n\u2014 x " + SIG + "\n"))
        .hasMessageContaining("32");
    assertThatThrownBy(() -> SignedNote.parse("log\n5\n!!!\n\n\u2014 x " + SIG + "\n"))
        .hasMessageContaining("base64");
  }

  @Test
  void checkpointWithoutSignatureIsMalformed() {
    assertThatThrownBy(() -> SignedNote.parse("log\n5\n" + ROOT + "\n\n"))
        .isInstanceOf(SignedNote.MalformedException.class);
    assertThatThrownBy(() -> SignedNote.parse("log\n5\n" + ROOT + "\n"))
        .hasMessageContaining("blank line");
  }

  @Test
  void signatureLinesMustHaveTheEmDashFormAndAHintPlusSignature() {
    assertThatThrownBy(() -> SignedNote.parse("log\n5\n" + ROOT + "\n\n- log " + SIG + "\n"))
        .hasMessageContaining("\u2014");
    String tooShort = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
    assertThatThrownBy(() -> SignedNote.parse("log\n5\n" + ROOT + "\n\n\u2014 log " + tooShort + "\n"))
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> SignedNote.parse("log\n5\n" + ROOT + "\n\n\u2014 log " + SIG))
        .hasMessageContaining("newline");
  }
}
