package dev.npmauth.impl.http;

import dev.npmauth.config.NpmConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Trust managers for certificate authorities given as a PEM file, as npm's {@code cafile}. */
public final class TrustManagers {
  private TrustManagers() {
  }

  /**
   * A trust manager that trusts exactly the certificates in a PEM file.
   *
   * @param pemFile one or more PEM certificates
   * @return the trust manager
   * @throws NpmConfigException when the file cannot be read or holds no certificate
   */
  public static X509TrustManager fromPemFile(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new NpmConfigException(pemFile + " holds no PEM certificate; cafile must name a file of"
            + " -----BEGIN CERTIFICATE----- blocks");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK made no X509TrustManager");
    } catch (IOException e) {
      throw new NpmConfigException("cannot read the CA file " + pemFile + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new NpmConfigException(pemFile + " is not a file of PEM certificates: " + e.getMessage(), e);
    }
  }
}
