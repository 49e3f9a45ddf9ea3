package dev.npmauth.impl.provenance.sign;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A signing key that lives only in memory for one signing: ECDSA P-256, signatures over SHA-256,
 * DER-encoded, as Fulcio certifies and Sigstore verifiers expect. Its private half is never
 * exported.
 */
final class EphemeralKey {
  private final KeyPair pair;

  EphemeralKey(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      this.pair = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make ECDSA P-256 keys", e);
    }
  }

  PublicKey publicKey() {
    return pair.getPublic();
  }

  byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(pair.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA signing failed", e);
    }
  }

  /** The public key as PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo). */
  String publicKeyPem() {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  static String pem(String type, byte[] der) {
    StringWriter w = new StringWriter();
    try (PemWriter pw = new PemWriter(w)) {
      pw.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to memory failed", e);
    }
    return w.toString();
  }

  @Override
  public String toString() {
    return "EphemeralKey[ECDSA P-256]";
  }
}
