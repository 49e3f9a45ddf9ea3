package dev.npmauth.samples.cli;

import dev.npmauth.Credential;
import dev.npmauth.NpmAuthException;
import dev.npmauth.NpmRegistryClient;

/** The credential maintenance commands use: NODE_AUTH_TOKEN, NPM_TOKEN or .npmrc. */
final class MaintainerCredential {
  private MaintainerCredential() {
  }

  static Credential of(NpmRegistryClient client) {
    return client.configuredCredential().map(r -> r.credential()).orElseThrow(() -> new NpmAuthException(
        "no token for " + client.registry() + ": set NPM_TOKEN (or NODE_AUTH_TOKEN) to a granular access token"
            + " with write access, or log in (npmauth login); trusted publishing tokens may only publish"));
  }
}
