package dev.npmauth.samples.cli;

import dev.npmauth.Environment;
import dev.npmauth.NpmRegistryClient;
import picocli.CommandLine.Option;

/** The {@code --registry} option and how a command builds its client. */
final class RegistryOption {
  @Option(names = "--registry", paramLabel = "URL",
      description = "The registry (default: the registry npm configuration names, else https://registry.npmjs.org/).")
  String registry;

  @Option(names = "--allow-insecure-http",
      description = "Allow plain http:// to a host that is not loopback (tokens can be read on the network).")
  boolean allowInsecureHttp;

  NpmRegistryClient client() {
    NpmRegistryClient.Builder builder = NpmRegistryClient.builder()
        .environment(Environment.system())
        .allowInsecureHttp(allowInsecureHttp);
    if (registry != null) {
      builder.registry(registry);
    }
    return builder.build();
  }
}
