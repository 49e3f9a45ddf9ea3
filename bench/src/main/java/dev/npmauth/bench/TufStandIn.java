package dev.npmauth.bench;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A loopback stand-in for Sigstore's TUF CDN, so that {@code npm audit signatures} can run
 * without the internet. npm refreshes TUF metadata from {@code https://tuf-repo-cdn.sigstore.dev}
 * before it audits (a hard-coded mirror); it reaches it through {@code HTTPS_PROXY} like any
 * HTTPS request. This class is that proxy, on 127.0.0.1: it accepts {@code CONNECT
 * tuf-repo-cdn.sigstore.dev:443} only (anything else is refused, so nothing leaves the machine)
 * and tunnels it to a local HTTPS server whose certificate a throw-away CA signs (given to Node
 * with {@code NODE_EXTRA_CA_CERTS}). The server publishes a TUF repository of its own: root,
 * timestamp, snapshot and targets metadata signed with a fresh Ed25519 key, with no targets.
 * npm's TUF cache is seeded with that root (as npm seeds it with Sigstore's on first use), so
 * the refresh verifies, finds no {@code keys.json} target for the fake registry, and npm falls
 * back to the registry's {@code /-/npm/v1/keys}, exactly as it does for any registry but
 * npmjs.org. npm does the same work as online, over loopback instead of the internet.
 */
final class TufStandIn implements AutoCloseable {
  static final String HOST = "tuf-repo-cdn.sigstore.dev";

  private final HttpsServer https;
  private final ServerSocket proxy;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tuf-stand-in");
    t.setDaemon(true);
    return t;
  });
  private final Path caPem;
  private final byte[] root;

  private TufStandIn(HttpsServer https, ServerSocket proxy, Path caPem, byte[] root) {
    this.https = https;
    this.proxy = proxy;
    this.caPem = caPem;
    this.root = root;
  }

  /** Starts the HTTPS server and the proxy; writes the CA certificate into {@code dir}. */
  static TufStandIn start(Path dir) throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair caKey = ec.generateKeyPair();
    KeyPair serverKey = ec.generateKeyPair();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X500Name caName = new X500Name("CN=npmauth bench TUF stand-in CA");
    X509CertificateHolder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
        Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(2, ChronoUnit.DAYS)), caName,
        caKey.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
    X509CertificateHolder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
        Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(2, ChronoUnit.DAYS)),
        new X500Name("CN=" + HOST), serverKey.getPublic())
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)))
        .addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()));
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    X509Certificate caCert = converter.getCertificate(ca);
    X509Certificate serverCert = converter.getCertificate(server);
    Path caPem = dir.resolve("tuf-stand-in-ca.pem");
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
      w.writeObject(caCert);
    }
    Files.writeString(caPem, pem.toString());

    char[] password = "bench".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", serverKey.getPrivate(), password,
        new Certificate[] {serverCert, caCert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);

    Map<String, byte[]> files = repository(now);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    HttpsServer https = HttpsServer.create(new InetSocketAddress(loopback, 0), 64);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = files.get(path.startsWith("/") ? path.substring(1) : path);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    ServerSocket proxy = new ServerSocket(0, 64, loopback);
    TufStandIn standIn = new TufStandIn(https, proxy, caPem, files.get("root.json"));
    https.setExecutor(standIn.threads);
    https.start();
    standIn.threads.submit(standIn::acceptLoop);
    return standIn;
  }

  /** {@code HTTPS_PROXY} for npm. */
  String proxyUrl() {
    return "http://127.0.0.1:" + proxy.getLocalPort();
  }

  /** The PEM file for {@code NODE_EXTRA_CA_CERTS}. */
  Path caCertificate() {
    return caPem;
  }

  /**
   * Seeds npm's TUF cache ({@code <npm cache>/_tuf/tuf-repo-cdn.sigstore.dev/root.json}) with
   * this repository's root, as npm seeds it with Sigstore's root on first use.
   */
  void seed(Path npmCache) throws IOException {
    Path dir = Files.createDirectories(npmCache.resolve("_tuf").resolve(HOST));
    Files.createDirectories(dir.resolve("targets"));
    Files.write(dir.resolve("root.json"), root);
  }

  private void acceptLoop() {
    while (!proxy.isClosed()) {
      try {
        Socket client = proxy.accept();
        threads.submit(() -> tunnel(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** One CONNECT: only to the TUF host, and always to the local HTTPS server. */
  private void tunnel(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      String first = head.substring(0, head.indexOf("\r\n"));
      OutputStream out = client.getOutputStream();
      if (!first.startsWith("CONNECT " + HOST + ":443 ")) {
        out.write("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(),
          https.getAddress().getPort())) {
        out.write("HTTP/1.1 200 Connection Established\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var back = threads.submit(() -> pipe(upstream, client));
        pipe(client, upstream);
        back.get();
      }
    } catch (Exception e) {
      // the client went away: nothing to do
    }
  }

  private static Void pipe(Socket from, Socket to) {
    try {
      byte[] buf = new byte[16384];
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // closed
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    proxy.close();
    https.stop(0);
    threads.shutdownNow();
  }

  // ---- the TUF repository -------------------------------------------------------------

  /** root.json, timestamp.json, snapshot.json and targets.json, signed with one Ed25519 key. */
  private static Map<String, byte[]> repository(Instant now) throws Exception {
    KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = key.getPublic().getEncoded();
    String publicHex = HexFormat.of().formatHex(Arrays.copyOfRange(spki, spki.length - 32,
        spki.length));
    Map<String, Object> keyObject = new TreeMap<>(Map.of("keytype", "ed25519", "scheme",
        "ed25519", "keyval", new TreeMap<>(Map.of("public", publicHex))));
    String keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
        canonical(keyObject).getBytes(StandardCharsets.UTF_8)));
    String expires = now.plus(2, ChronoUnit.DAYS).toString();
    Map<String, Object> role = new TreeMap<>(Map.of("keyids", List.of(keyId), "threshold", 1));
    Map<String, Object> rootSigned = signed("root", expires);
    rootSigned.put("consistent_snapshot", false);
    rootSigned.put("keys", new TreeMap<>(Map.of(keyId, keyObject)));
    rootSigned.put("roles", new TreeMap<>(Map.of("root", role, "targets", role, "snapshot", role,
        "timestamp", role)));
    Map<String, Object> targets = signed("targets", expires);
    targets.put("targets", new TreeMap<>());
    Map<String, Object> snapshot = signed("snapshot", expires);
    snapshot.put("meta", new TreeMap<>(Map.of("targets.json", new TreeMap<>(Map.of("version",
        1)))));
    Map<String, Object> timestamp = signed("timestamp", expires);
    timestamp.put("meta", new TreeMap<>(Map.of("snapshot.json", new TreeMap<>(Map.of("version",
        1)))));
    Map<String, byte[]> files = new TreeMap<>();
    files.put("root.json", envelope(rootSigned, key, keyId));
    files.put("1.root.json", files.get("root.json"));
    files.put("targets.json", envelope(targets, key, keyId));
    files.put("snapshot.json", envelope(snapshot, key, keyId));
    files.put("timestamp.json", envelope(timestamp, key, keyId));
    return files;
  }

  private static Map<String, Object> signed(String type, String expires) {
    Map<String, Object> m = new TreeMap<>();
    m.put("_type", type);
    m.put("spec_version", "1.0.31");
    m.put("version", 1);
    m.put("expires", expires);
    return m;
  }

  private static byte[] envelope(Map<String, Object> signed, KeyPair key, String keyId)
      throws Exception {
    Signature ed = Signature.getInstance("Ed25519");
    ed.initSign(key.getPrivate());
    ed.update(canonical(signed).getBytes(StandardCharsets.UTF_8));
    String sig = HexFormat.of().formatHex(ed.sign());
    Map<String, Object> doc = new TreeMap<>();
    doc.put("signed", signed);
    doc.put("signatures", List.of(new TreeMap<>(Map.of("keyid", keyId, "sig", sig))));
    return canonical(doc).getBytes(StandardCharsets.UTF_8);
  }

  /** Canonical JSON as TUF signs it: sorted keys, no spaces, only {@code "} and {@code \} escaped. */
  @SuppressWarnings("unchecked")
  static String canonical(Object value) {
    if (value instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : list) {
        sb.append(sb.length() > 1 ? "," : "").append(canonical(o));
      }
      return sb.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) map).entrySet()) {
        sb.append(sb.length() > 1 ? "," : "").append(canonical(e.getKey())).append(':')
            .append(canonical(e.getValue()));
      }
      return sb.append('}').toString();
    }
    throw new IllegalArgumentException("not canonical JSON: " + value);
  }
}
