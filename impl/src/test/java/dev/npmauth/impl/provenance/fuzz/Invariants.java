package dev.npmauth.impl.provenance.fuzz;

import dev.npmauth.provenance.AttestationResult;
import dev.npmauth.provenance.AttestationsResult;
import dev.npmauth.provenance.Check;
import dev.npmauth.provenance.CheckName;
import dev.npmauth.provenance.VerificationResult;
import java.util.List;

/**
 * What every verification result must satisfy, whatever the input: no check reports an
 * exception the verifier did not expect (the verifier turns one into a failed check so that a
 * caller never sees it, which would otherwise hide a defect from the fuzzer), at most one check
 * of a bundle failed (the first failure ends the run), a result that is not verified names the
 * check that failed, and every bundle check is listed, in order.
 */
final class Invariants {
  /** The detail the verifier's last-resort handler gives a check it failed on an exception. */
  static final String UNEXPECTED = "unexpected error";

  private Invariants() {
  }

  static void bundle(VerificationResult r, String what) {
    if (r == null) {
      throw new AssertionError(what + ": null result");
    }
    noUnexpectedError(r.checks(), what);
    long failed = r.checks().stream().filter(Check::failed).count();
    if (failed > 1) {
      throw new AssertionError(what + ": " + failed + " failed checks, the run must stop at the"
          + " first: " + r.checks());
    }
    if (!r.verified() && r.failedCheck().isEmpty()) {
      throw new AssertionError(what + ": not verified, but no check failed: " + r.checks());
    }
    List<CheckName> names = r.checks().stream().map(Check::name).toList();
    if (names.isEmpty() || names.get(0) != CheckName.BUNDLE_PARSE
        || names.get(names.size() - 1) != CheckName.IDENTITY_POLICY) {
      throw new AssertionError(what + ": the checks do not run from BUNDLE_PARSE to"
          + " IDENTITY_POLICY: " + names);
    }
  }

  static void attestations(AttestationsResult r, String what) {
    if (r == null) {
      throw new AssertionError(what + ": null result");
    }
    noUnexpectedError(r.checks(), what);
    for (AttestationResult a : r.attestations()) {
      noUnexpectedError(a.checks(), what);
      a.bundle().ifPresent(b -> bundle(b, what + " (" + a.kind() + " bundle)"));
    }
    if (!r.verified() && r.failedCheck().isEmpty() && !r.attestations().isEmpty()) {
      boolean anyUnverified = r.attestations().stream().anyMatch(a -> !a.verified());
      if (anyUnverified) {
        throw new AssertionError(what + ": an attestation did not verify, but no check failed: "
            + r);
      }
    }
  }

  private static void noUnexpectedError(List<Check> checks, String what) {
    for (Check c : checks) {
      if (c.detail().startsWith(UNEXPECTED)) {
        throw new AssertionError(what + ": a defect surfaced as a failed check: " + c);
      }
    }
  }
}
