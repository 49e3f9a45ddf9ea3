package dev.npmauth.impl.provenance;

import dev.npmauth.impl.provenance.Certificates.Cert;
import dev.npmauth.impl.provenance.TrustedRootImpl.Authority;
import java.time.Instant;
import java.util.ArrayList;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds certification paths from a bundle's leaf to the trusted root's Fulcio authorities.
 * Only the leaf comes from the bundle; everything above it comes from the trusted root, whose
 * chains were checked when the root was parsed.
 */
final class CertificatePaths {
  private CertificatePaths() {
  }

  /** Leaf, issuer, ..., anchor; and the authority the anchor belongs to. */
  static final class CertPath {
    final Authority authority;
    final List<Cert> certs;

    CertPath(Authority authority, List<Cert> certs) {
      this.authority = authority;
      this.certs = List.copyOf(certs);
    }

    Cert leaf() {
      return certs.get(0);
    }

    Cert issuer() {
      return certs.get(1);
    }

    /** Null when the authority window and every certificate cover {@code t}, else why not. */
    String problemAt(Instant t) {
      if (!authority.validFor.contains(t)) {
        return "authority " + authority.uri + " is trusted " + authority.validFor.start() + " to "
            + authority.validFor.end().map(Instant::toString).orElse("now") + ", not at " + t;
      }
      for (int i = 0; i < certs.size(); i++) {
        Cert c = certs.get(i);
        if (!c.validAt(t)) {
          String what = i == 0 ? "the signing certificate"
              : "CA certificate '" + c.holder.getSubject() + "'";
          return what + " is valid " + c.notBefore + " to " + c.notAfter + ", not at " + t;
        }
      }
      return null;
    }
  }

  /** Every path (at most one per authority) that links the leaf to a trusted authority. */
  static List<CertPath> build(Cert leaf, List<Authority> authorities) {
    List<CertPath> out = new ArrayList<>();
    // the same issuer certificate can appear in several authorities' chains: verify once
    Map<ByteBuffer, Boolean> verified = new HashMap<>();
    for (Authority ca : authorities) {
      if (ca.chainProblem != null) {
        continue;
      }
      for (int k = 0; k < ca.chain.size(); k++) {
        Cert issuer = ca.chain.get(k);
        if (!issuer.isCa() || !leaf.couldBeIssuedBy(issuer)) {
          continue;
        }
        boolean ok = verified.computeIfAbsent(ByteBuffer.wrap(issuer.der),
            d -> leaf.signedBy(issuer));
        if (!ok) {
          continue;
        }
        List<Cert> path = new ArrayList<>();
        path.add(leaf);
        path.addAll(ca.chain.subList(k, ca.chain.size()));
        if (pathLengthsHold(path)) {
          out.add(new CertPath(ca, path));
          break;
        }
      }
    }
    return out;
  }

  /** A CA at path position i (leaf = 0) may have at most pathLen intermediates below it. */
  private static boolean pathLengthsHold(List<Cert> path) {
    for (int i = 1; i < path.size(); i++) {
      Cert c = path.get(i);
      if (c.basicConstraints != null && c.basicConstraints.getPathLenConstraint() != null
          && c.basicConstraints.getPathLenConstraint().intValue() < i - 1) {
        return false;
      }
    }
    return true;
  }
}
