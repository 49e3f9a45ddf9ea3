package dev.npmauth.credentials;

import dev.npmauth.Credential;
import dev.npmauth.PackageName;
import java.util.List;
import java.util.Objects;

/**
 * Gives the credential to publish a package with. The client's default chain tries trusted
 * publishing first, then {@code NODE_AUTH_TOKEN}, {@code NPM_TOKEN} and {@code .npmrc}; it caches
 * exchanged tokens per package and replaces them before they expire.
 *
 * <pre>{@code
 * ResolvedCredential resolved = client.publishCredentials().resolve(PackageName.of("demo-pkg"));
 * System.out.println(resolved.explain());
 * }</pre>
 */
@FunctionalInterface
public interface PublishCredentialProvider {

  /**
   * Finds a credential for publishing the package.
   *
   * @param packageName the package
   * @return the credential with its source and the sources not used
   * @throws NoCredentialException when no source gives one, saying why for each
   */
  ResolvedCredential resolve(PackageName packageName);

  /**
   * A provider that always gives the same credential.
   *
   * @param credential the credential
   * @return the provider
   */
  static PublishCredentialProvider fixed(Credential credential) {
    Objects.requireNonNull(credential, "credential");
    return name -> new ResolvedCredential(credential, CredentialSource.GIVEN,
        List.of(SourceAttempt.used(CredentialSource.GIVEN, credential.kind() + " credential")));
  }
}
