package dev.npmauth.samples.cli;

import dev.npmauth.NpmAuthException;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.oidc.TrustedPublishingDiagnosis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code npmauth doctor}: explain whether trusted publishing works here, and why not. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check, step by step, whether trusted publishing (OIDC) works for a package from here:",
        "CI detection, the ID token (expiry, audience, issuer), the runner, and the registry's answer to a real",
        "token exchange (the token obtained is discarded). Exit code 0 when it works, 1 when it does not."})
final class DoctorCommand implements Callable<Integer> {
  @Mixin
  RegistryOption registry;

  @Option(names = "--package", paramLabel = "NAME", description = "The package (default: the name in ./package.json).")
  String packageName;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PackageName name = PackageName.of(packageName != null ? packageName : nameFromPackageJson());
    try (NpmRegistryClient client = registry.client()) {
      TrustedPublishingDiagnosis diagnosis = client.trustedPublishing().diagnose(name);
      spec.commandLine().getOut().print(diagnosis.render());
      spec.commandLine().getOut().flush();
      return diagnosis.available() ? 0 : 1;
    }
  }

  private static String nameFromPackageJson() {
    Path file = Path.of("package.json");
    try {
      Map<?, ?> json = new com.squareup.moshi.Moshi.Builder().build().adapter(Map.class).fromJson(Files.readString(file));
      if (json != null && json.get("name") instanceof String name) {
        return name;
      }
      throw new NpmAuthException("./package.json has no name; give the package with --package NAME");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new NpmAuthException("no ./package.json here; give the package with --package NAME");
    } catch (IOException | com.squareup.moshi.JsonDataException e) {
      throw new NpmAuthException("./package.json is not a JSON object (" + e.getMessage()
          + "); give the package with --package NAME");
    }
  }
}
