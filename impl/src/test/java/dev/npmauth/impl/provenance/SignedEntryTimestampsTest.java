package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.provenance.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedEntryTimestampsTest {
  private static final byte[] BODY = "{\"kind\":\"hashedrekord\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LOG_ID = new byte[] {(byte) 0xc0, (byte) 0xd2, 0x3d, 0x6a};

  private static Bundle.TlogEntry entry(long index, long time) {
    return new Bundle.TlogEntry(index, LOG_ID, "hashedrekord", "0.0.1", time, new byte[1], null,
        BODY);
  }

  @Test
  void payloadIsCanonicalJsonWithSortedKeysAndNumbers() {
    String expected = "{\"body\":\"eyJraW5kIjoiaGFzaGVkcmVrb3JkIn0=\",\"integratedTime\":1689177396,"
        + "\"logID\":\"c0d23d6a\",\"logIndex\":27246492}";
    assertThat(new String(SignedEntryTimestamps.payload(entry(27246492L, 1689177396L)),
        StandardCharsets.US_ASCII)).isEqualTo(expected);
  }

  @Test
  void setSignedOverThePayloadVerifiesAndAnyFieldChangeBreaksIt() throws Exception {
    KeyPair rekor = FakeSigstore.ec();
    byte[] set = FakeSigstore.sign(rekor.getPrivate(), SignedEntryTimestamps.payload(entry(7, 1000)));
    assertThat(Crypto.verify(rekor.getPublic(), HashAlgorithm.SHA2_256,
        SignedEntryTimestamps.payload(entry(7, 1000)), set)).isTrue();
    for (Bundle.TlogEntry other : List.of(entry(8, 1000), entry(7, 1001))) {
      assertThat(Crypto.verify(rekor.getPublic(), HashAlgorithm.SHA2_256,
          SignedEntryTimestamps.payload(other), set)).isFalse();
    }
    assertThat(Crypto.verify(FakeSigstore.ec().getPublic(), HashAlgorithm.SHA2_256,
        SignedEntryTimestamps.payload(entry(7, 1000)), set)).isFalse();
  }
}
