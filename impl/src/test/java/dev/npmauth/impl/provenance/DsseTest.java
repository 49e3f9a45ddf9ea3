package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DsseTest {

  @Test
  void paeMatchesTheDsseSpecificationExample() {
    byte[] pae = Dsse.pae("http://example.com/HelloWorld",
        "hello world".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void paeCountsBytesNotCharacters() {
    byte[] payload = "\u00e9\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] pae = Dsse.pae("t\u00e9", payload);
    assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 3 t\u00e9 4 \u00e9\u00e9");
  }

  @Test
  void emptyPayloadStillHasBothLengths() {
    assertThat(new String(Dsse.pae("x", new byte[0]), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 1 x 0 ");
  }
}
