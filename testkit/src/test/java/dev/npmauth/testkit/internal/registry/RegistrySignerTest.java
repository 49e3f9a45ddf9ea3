package dev.npmauth.testkit.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegistrySignerTest {

  /** The public registry's own keys (shared conformance data): our keyid of each key is its keyid. */
  @Test
  void keyIdIsTheOpenSshFingerprintNpmUses() throws Exception {
    String shared = System.getProperty("npmauth.shared", "../../shared");
    Path keys = Path.of(shared, "conformance/npm/keys/public-registry.keys.json");
    assumeTrue(Files.isRegularFile(keys), "shared conformance data not found at " + keys);
    String json = Files.readString(keys);
    Matcher m = Pattern.compile("\"keyid\"\\s*:\\s*\"([^\"]+)\"[^}]*?\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    int seen = 0;
    while (m.find()) {
      ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(m.group(2))));
      assertThat(RegistrySigner.keyId(key)).isEqualTo(m.group(1));
      seen++;
    }
    assertThat(seen).isEqualTo(2);
  }
}
