package dev.npmauth.publish;

/**
 * Publishes package tarballs, as {@code npm publish} does.
 *
 * <pre>{@code
 * PublishResult result = client.publisher().publish(PublishRequest.builder(tgz).build());
 * System.out.println("+ " + result.packageName() + "@" + result.version());
 * }</pre>
 */
public interface Publisher {

  /**
   * Reads and checks the tarball's {@code package.json}, obtains a credential for the package,
   * and sends the publish document (the tarball is streamed, so memory does not grow with it).
   *
   * @param request what to publish
   * @return what was done
   * @throws PublishException if the tarball is not publishable, saying why
   * @throws dev.npmauth.credentials.NoCredentialException if no credential could be found
   * @throws dev.npmauth.registry.RegistryException if the registry refused the publish
   * @throws dev.npmauth.registry.RegistryUnreachableException if the registry did not answer
   */
  PublishResult publish(PublishRequest request);
}
