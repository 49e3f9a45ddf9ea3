package dev.npmauth.testkit.internal.http;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity of one HTTPS fake registry: a certificate authority made for it alone, and a
 * server certificate it issued for the loopback names ({@code 127.0.0.1}, {@code ::1}, {@code
 * localhost}) and the host the registry listens on. Keys are ECDSA P-256; the private keys never
 * leave this object. Validity follows the wall clock (clients check it against theirs), from an
 * hour ago to a year ahead.
 *
 * <p>Immutable. Internal to the testkit; not API.
 */
public final class TlsMaterial {
  private static final char[] STORE_PASSWORD = "fake-registry".toCharArray();

  private final X509Certificate ca;
  private final X509Certificate leaf;
  private final PrivateKey leafKey;

  private TlsMaterial(X509Certificate ca, X509Certificate leaf, PrivateKey leafKey) {
    this.ca = ca;
    this.leaf = leaf;
    this.leafKey = leafKey;
  }

  /**
   * Makes a CA and a server certificate for the loopback names and {@code host}.
   *
   * @param host the address or name the server listens on
   * @param random the randomness for keys and serial numbers
   */
  public static TlsMaterial generate(String host, SecureRandom random) {
    try {
      KeyPair caKeys = ecKeys(random);
      KeyPair leafKeys = ecKeys(random);
      Instant now = Instant.now();
      Date from = Date.from(now.minus(Duration.ofHours(1)));
      Date until = Date.from(now.plus(Duration.ofDays(365)));
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

      X500Name caName = new X500Name("CN=npmauth fake registry CA " + Long.toHexString(random.nextLong() >>> 1)
          + ",O=npmauth testkit");
      X509v3CertificateBuilder caBuilder =
          new JcaX509v3CertificateBuilder(caName, serial(random), from, until, caName, caKeys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(Extension.subjectKeyIdentifier, false,
                  ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate ca = certificate(caBuilder, signer(caKeys.getPrivate()));

      X509v3CertificateBuilder leafBuilder =
          new JcaX509v3CertificateBuilder(ca, serial(random), from, until,
              new X500Name("CN=" + (isAddress(host) ? "localhost" : host) + ",O=npmauth testkit"),
              leafKeys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(Extension.subjectAlternativeName, false, names(host))
              .addExtension(Extension.subjectKeyIdentifier, false,
                  ext.createSubjectKeyIdentifier(leafKeys.getPublic()))
              .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      X509Certificate leaf = certificate(leafBuilder, signer(caKeys.getPrivate()));
      return new TlsMaterial(ca, leaf, leafKeys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the fake registry's TLS certificates", e);
    }
  }

  private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).setBit(126);
  }

  private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
  }

  private static X509Certificate certificate(X509v3CertificateBuilder b, ContentSigner signer)
      throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  private static GeneralNames names(String host) {
    Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
    Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
    if (isAddress(host)) {
      addresses.add(host);
    } else {
      dns.add(host);
    }
    GeneralName[] all = new GeneralName[addresses.size() + dns.size()];
    int i = 0;
    for (String a : addresses) {
      all[i++] = new GeneralName(GeneralName.iPAddress, a);
    }
    for (String d : dns) {
      all[i++] = new GeneralName(GeneralName.dNSName, d);
    }
    return new GeneralNames(all);
  }

  private static boolean isAddress(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  /** The server side: presents the server certificate and the CA. */
  public SSLContext serverContext() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", leafKey, STORE_PASSWORD, new Certificate[] {leaf, ca});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, STORE_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up the fake registry's TLS server", e);
    }
  }

  /** A trust manager that trusts this CA and nothing else. */
  public X509TrustManager trustManager() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("fake-registry-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("the JDK gave no X509TrustManager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make a trust manager for the fake registry's CA", e);
    }
  }

  /** A client context that trusts this CA and nothing else. */
  public SSLContext clientContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a client TLS context for the fake registry", e);
    }
  }

  /** The CA certificate. */
  public X509Certificate authority() {
    return ca;
  }

  /** The server certificate. */
  public X509Certificate serverCertificate() {
    return leaf;
  }

  /** The CA certificate as PEM text ({@code -----BEGIN CERTIFICATE-----}, 64-column lines). */
  public String authorityPem() {
    try {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the CA certificate", e);
    }
  }
}
