package dev.npmauth.testkit.internal.sigstore;

import dev.npmauth.testkit.internal.json.Json;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The parts of the fake Sigstore (CA, CT log, transparency log, timestamp authority, trusted
 * issuers) and the trusted root that names them.
 *
 * <p>Thread-safe. Internal to the testkit; not API.
 */
public final class SigstoreServices {
  private final Clock clock;
  private final URI base;
  private final Instant start;
  private final CtLog ctLog;
  private final FulcioAuthority fulcio;
  private final RekorLog rekor;
  private final TimestampAuthority tsa;
  private final FulcioIssuers issuers = new FulcioIssuers();
  private final List<Map<String, Object>> extraRoots = new CopyOnWriteArrayList<>();
  private final List<IssuedLeaf> issued = new CopyOnWriteArrayList<>();

  /** A certificate the CA issued. */
  public record IssuedLeaf(byte[] der, String subjectAlternativeName, String issuer, Instant notBefore) {}

  /**
   * Makes every key. Keys and certificates are valid from a day before the clock's now, so a
   * test clock set a little back still finds them valid.
   *
   * @param base the server's URL, ending in {@code /}; Fulcio is {@code base/fulcio}, Rekor
   *     {@code base/rekor}, the TSA {@code base/tsa}
   */
  public SigstoreServices(Clock clock, SecureRandom random, URI base) {
    this.clock = clock;
    this.base = base;
    this.start = clock.instant().minusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    this.ctLog = new CtLog(random);
    this.fulcio = new FulcioAuthority(random, ctLog, start);
    this.rekor = new RekorLog(random, authority(base));
    this.tsa = new TimestampAuthority(random, start);
  }

  /** host:port of a URL: the name verifiers expect on the log's checkpoints. */
  private static String authority(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  public Clock clock() {
    return clock;
  }

  public URI fulcioUrl() {
    return base.resolve("fulcio");
  }

  public URI rekorUrl() {
    return base.resolve("rekor");
  }

  public URI tsaUrl() {
    return base.resolve("tsa");
  }

  public FulcioAuthority fulcio() {
    return fulcio;
  }

  public RekorLog rekor() {
    return rekor;
  }

  public TimestampAuthority tsa() {
    return tsa;
  }

  public FulcioIssuers issuers() {
    return issuers;
  }

  void recordIssued(IssuedLeaf leaf) {
    issued.add(leaf);
  }

  public List<IssuedLeaf> issued() {
    return List.copyOf(issued);
  }

  /** Adds the transparency logs, CAs, CT logs and TSAs of another trusted root to this one's. */
  public void alsoTrust(Map<String, Object> otherRoot) {
    extraRoots.add(otherRoot);
  }

  /** The {@code trusted_root.json} document. */
  public Map<String, Object> trustedRoot() {
    List<Object> tlogs = new ArrayList<>();
    tlogs.add(TrustedRootJson.log(rekorUrl().toString(), rekor.publicKey(), start));
    List<Object> cas = new ArrayList<>();
    cas.add(TrustedRootJson.authority(fulcio.organization(), "fake-fulcio", fulcioUrl().toString(),
        fulcio.caChain(), start));
    List<Object> ctlogs = new ArrayList<>();
    ctlogs.add(TrustedRootJson.log(base.resolve("ct").toString(), ctLog.publicKey(), start));
    List<Object> tsas = new ArrayList<>();
    tsas.add(TrustedRootJson.authority("npmauth-testkit", "fake-tsa", tsaUrl().toString(),
        tsa.chain(), start));
    for (Map<String, Object> other : extraRoots) {
      addAll(tlogs, other.get("tlogs"));
      addAll(cas, other.get("certificateAuthorities"));
      addAll(ctlogs, other.get("ctlogs"));
      addAll(tsas, other.get("timestampAuthorities"));
    }
    return TrustedRootJson.document(tlogs, cas, ctlogs, tsas);
  }

  private static void addAll(List<Object> into, Object list) {
    if (list instanceof List<?> l) {
      for (Object o : l) {
        into.add(Json.deepCopy(o));
      }
    }
  }
}
