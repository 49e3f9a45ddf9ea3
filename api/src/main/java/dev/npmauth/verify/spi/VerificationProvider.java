package dev.npmauth.verify.spi;

import dev.npmauth.verify.Lockfile;
import dev.npmauth.verify.PackageEvidence;
import dev.npmauth.verify.PackageVerification;
import dev.npmauth.verify.VerifyOptions;
import java.nio.file.Path;

/**
 * The npm verification services an implementation provides without a client, found with
 * {@link java.util.ServiceLoader}. Users call {@link dev.npmauth.verify.Lockfile#read} and
 * {@link dev.npmauth.verify.Verifications} instead.
 */
public interface VerificationProvider {

  /**
   * Reads a lockfile.
   *
   * @param fileOrFolder the lockfile or the project folder
   * @return the lockfile
   * @throws dev.npmauth.verify.LockfileException if it cannot be read
   */
  Lockfile readLockfile(Path fileOrFolder);

  /**
   * Verifies one version from documents.
   *
   * @param evidence the documents
   * @param options the options
   * @return the result
   */
  PackageVerification verifyOffline(PackageEvidence evidence, VerifyOptions options);
}
