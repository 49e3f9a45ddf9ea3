package dev.npmauth.impl.provenance;

import dev.npmauth.provenance.HashAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointPreCompInfo;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * An EC public key of the trusted root (a log's, a CA's, a TSA's), verified against many times.
 * BouncyCastle's ECDSA verification computes {@code u1·G + u2·Q}; for points it has seen used
 * several times it switches to fixed-point combs of width 6 (5 for small curves). Once this key
 * has been used a few times, it gets wider combs ({@link #WIDTH}) for its point and for a private
 * copy of the curve's generator, and is verified through BouncyCastle's lightweight ECDSA (the
 * same {@link ECDSASigner}, digest and {@link StandardDSAEncoding} its JCA {@code SHA*withECDSA}
 * signatures use, so the answer is the same, only computed with fewer point operations).
 * Nothing about a bundle is kept: the tables are derived from the trusted key and the curve only.
 */
final class TrustedEcKey {
  /** Comb width: 2^WIDTH precomputed points per table. */
  static final int WIDTH = 10;
  /** Uses before the tables are built (a key used once or twice is not worth them). */
  private static final int PROMOTE_AFTER = 3;

  /** The generator with wide tables, per curve (derived from the curve only). */
  private static final ConcurrentHashMap<String, ECDomainParameters> BASES =
      new ConcurrentHashMap<>();

  final PublicKey key;
  private final AtomicInteger uses = new AtomicInteger();
  private volatile ECPublicKeyParameters fast;
  private volatile boolean unsupported;

  TrustedEcKey(PublicKey key) {
    this.key = key;
  }

  /** A wrapper for an EC key, or null for other keys. */
  static TrustedEcKey of(PublicKey key) {
    return key != null && Crypto.kind(key) == Crypto.KeyKind.EC ? new TrustedEcKey(key) : null;
  }

  /** The lightweight key with wide tables; null while the key is new or if it cannot have one. */
  ECPublicKeyParameters prepared() {
    ECPublicKeyParameters f = fast;
    if (f != null || unsupported) {
      return f;
    }
    if (uses.incrementAndGet() < PROMOTE_AFTER) {
      return null;
    }
    synchronized (this) {
      if (fast == null && !unsupported) {
        try {
          fast = build(key);
        } catch (RuntimeException e) {
          unsupported = true;
        }
        if (fast == null) {
          unsupported = true;
        }
      }
      return fast;
    }
  }

  private static ECPublicKeyParameters build(PublicKey key) {
    AsymmetricKeyParameter p;
    try {
      p = ECUtil.generatePublicKeyParameter(key);
    } catch (java.security.InvalidKeyException e) {
      return null;
    }
    if (!(p instanceof ECPublicKeyParameters)) {
      return null;
    }
    ECPublicKeyParameters kp = (ECPublicKeyParameters) p;
    ECDomainParameters dp = kp.getParameters();
    ECCurve c = dp.getCurve();
    if (c.getOrder() == null || !ECCurve.AbstractFp.class.isInstance(c)) {
      return null;
    }
    ECPoint g = dp.getG().normalize();
    String id = c.getField().getCharacteristic() + "/" + c.getA().toBigInteger() + "/"
        + c.getB().toBigInteger() + "/" + g.getAffineXCoord().toBigInteger() + "/"
        + g.getAffineYCoord().toBigInteger() + "/" + dp.getN() + "/" + dp.getH();
    ECDomainParameters base = BASES.computeIfAbsent(id, k -> {
      ECPoint g2 = c.createPoint(g.getAffineXCoord().toBigInteger(),
          g.getAffineYCoord().toBigInteger());
      combs(g2);
      return new ECDomainParameters(c, g2, dp.getN(), dp.getH(), dp.getSeed());
    });
    ECPoint q = kp.getQ().normalize();
    ECPoint q2 = base.getCurve().createPoint(q.getAffineXCoord().toBigInteger(),
        q.getAffineYCoord().toBigInteger());
    ECPublicKeyParameters out = new ECPublicKeyParameters(q2, base);
    combs(out.getQ());
    return out;
  }

  /**
   * Fixed-point comb tables of {@link #WIDTH} for a point, built as BouncyCastle's
   * {@code FixedPointUtil.precompute} builds its own (which keeps a wider table it finds).
   */
  private static void combs(ECPoint p) {
    ECCurve c = p.getCurve();
    int w = WIDTH;
    int bits = FixedPointUtil.getCombSize(c);
    int n = 1 << w;
    int d = (bits + w - 1) / w;
    ECPoint[] pow2 = new ECPoint[w + 1];
    pow2[0] = p;
    for (int i = 1; i < w; i++) {
      pow2[i] = pow2[i - 1].timesPow2(d);
    }
    pow2[w] = pow2[0].subtract(pow2[1]);
    c.normalizeAll(pow2);
    ECPoint[] table = new ECPoint[n];
    table[0] = pow2[0];
    for (int bit = w - 1; bit >= 0; --bit) {
      ECPoint pw = pow2[bit];
      int step = 1 << bit;
      for (int i = step; i < n; i += step << 1) {
        table[i] = table[i - step].add(pw);
      }
    }
    c.normalizeAll(table);
    FixedPointPreCompInfo info = new FixedPointPreCompInfo();
    info.setLookupTable(c.createCacheSafeLookupTable(table, 0, n));
    info.setOffset(pow2[w]);
    info.setWidth(w);
    c.precompute(p, FixedPointUtil.PRECOMP_NAME, existing -> info);
  }

  /** The digest JCA's {@code SHA*withECDSA} uses for {@code hash}. */
  static Digest digest(HashAlgorithm hash) {
    switch (hash) {
      case SHA2_384:
        return new SHA384Digest();
      case SHA2_512:
        return new SHA512Digest();
      default:
        return new SHA256Digest();
    }
  }

  /** As JCA's {@code DSABase.engineVerify}: decode the DER signature, verify the digest. */
  static boolean verifyHash(ECPublicKeyParameters k, byte[] hash, byte[] signature) {
    try {
      BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(k.getParameters().getN(), signature);
      ECDSASigner signer = new ECDSASigner();
      signer.init(false, k);
      return signer.verifySignature(hash, rs[0], rs[1]);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code <hash>withECDSA} over {@code data}; the JCA path while the key is new. */
  boolean verify(HashAlgorithm hash, byte[] data, byte[] signature) {
    ECPublicKeyParameters k = prepared();
    if (k == null) {
      return Crypto.verify(key, hash, data, signature);
    }
    try {
      Digest d = digest(hash);
      d.update(data, 0, data.length);
      byte[] h = new byte[d.getDigestSize()];
      d.doFinal(h, 0);
      return verifyHash(k, h, signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A CMS content verifier for {@code <hash>withECDSA} with the prepared key. */
  static ContentVerifier contentVerifier(AlgorithmIdentifier algorithm, ECPublicKeyParameters k,
      HashAlgorithm hash) {
    Digest d = digest(hash);
    return new ContentVerifier() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public OutputStream getOutputStream() {
        return new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            d.update((byte) b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            d.update(b, off, len);
          }
        };
      }

      @Override
      public boolean verify(byte[] expected) {
        byte[] h = new byte[d.getDigestSize()];
        d.doFinal(h, 0);
        return verifyHash(k, h, expected);
      }
    };
  }
}
