package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.provenance.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wide-table ECDSA path gives the JCA path's answer, before and after it takes over. */
class TrustedEcKeyTest {
  @Test
  void agreesWithJcaOnValidAndMutatedSignatures() throws Exception {
    Random random = new Random(7);
    String[][] cases = {
        {"secp256r1", "SHA256withECDSA", "SHA2_256"},
        {"secp384r1", "SHA384withECDSA", "SHA2_384"},
        {"secp384r1", "SHA256withECDSA", "SHA2_256"},
        {"secp521r1", "SHA512withECDSA", "SHA2_512"}};
    for (String[] c : cases) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Crypto.BC);
      g.initialize(new ECGenParameterSpec(c[0]));
      KeyPair kp = g.generateKeyPair();
      HashAlgorithm hash = HashAlgorithm.valueOf(c[2]);
      TrustedEcKey trusted = TrustedEcKey.of(Crypto.decodeSpki(kp.getPublic().getEncoded()));
      assertThat(trusted).isNotNull();
      for (int i = 0; i < 40; i++) {
        byte[] data = ("message " + i).getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance(c[1], Crypto.BC);
        s.initSign(kp.getPrivate());
        s.update(data);
        byte[] sig = s.sign();
        byte[] other = sig;
        if (i % 2 == 1) {
          other = Arrays.copyOf(sig, sig.length);
          other[random.nextInt(other.length)] ^= (byte) (1 << random.nextInt(8));
        }
        boolean expected = Crypto.verify(trusted.key, hash, data, other);
        assertThat(trusted.verify(hash, data, other)).as(c[0] + " " + i).isEqualTo(expected);
        if (i % 2 == 0) {
          assertThat(expected).isTrue();
          byte[] changed = Arrays.copyOf(data, data.length + 1);
          assertThat(trusted.verify(hash, changed, sig)).isFalse();
        }
      }
      assertThat(trusted.prepared()).isNotNull();
      assertThat(trusted.verify(hash, new byte[1], new byte[0])).isFalse();
    }
  }

  @Test
  void onlyEcKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", Crypto.BC);
    assertThat(TrustedEcKey.of(g.generateKeyPair().getPublic())).isNull();
  }
}
