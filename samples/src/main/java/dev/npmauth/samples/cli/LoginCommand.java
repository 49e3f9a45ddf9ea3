package dev.npmauth.samples.cli;

import dev.npmauth.Credential;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.session.LoginException;
import dev.npmauth.session.LoginFailure;
import dev.npmauth.session.WebLoginOptions;
import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code npmauth login}: a web or legacy login, saved to {@code .npmrc} as npm saves it. */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Log in to the registry and save the session token (valid two hours) as",
        "//host/path/:_authToken in the user .npmrc, keeping every other line.",
        "By default the web login is used (open the printed URL); when the registry has none, the legacy",
        "user name and password login is used instead, as npm does."})
final class LoginCommand implements Callable<Integer> {
  @Mixin
  RegistryOption registry;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--web", description = "Only the web login (no fallback).")
    boolean web;

    @Option(names = "--legacy", description = "Only the legacy login with a user name and password.")
    boolean legacy;
  }

  @Option(names = "--username", paramLabel = "NAME", description = "The user name for the legacy login (default: asked).")
  String username;

  @Mixin
  AccountInput.Password password;

  @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password for accounts with 2FA (legacy login).")
  String otp;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = AccountInput.DurationConverter.class,
      description = "How long to wait for the web login to be completed (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--npmrc", paramLabel = "FILE", description = "The .npmrc to save the token to (default: the user .npmrc).")
  Path npmrc;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (NpmRegistryClient client = registry.client()) {
      Credential session;
      if (mode.legacy) {
        session = legacy(client);
      } else {
        try {
          session = client.sessions().webLogin(WebLoginOptions.opening(url -> {
            out.println("Login at:");
            out.println(url);
            out.flush();
          }).withTimeout(timeout));
        } catch (LoginException e) {
          if (mode.web || e.reason() != LoginFailure.WEB_LOGIN_NOT_SUPPORTED) {
            throw e;
          }
          out.println("web login not supported by " + client.registry() + "; logging in with a user name and password");
          session = legacy(client);
        }
      }
      String user = client.sessions().whoami(session);
      Path file = npmrc != null ? npmrc : client.sessions().userNpmrc();
      client.sessions().saveToNpmrc(session, file);
      out.println("Logged in as " + user + " on " + client.registry() + " (token saved to " + file
          + session.expiresAt().map(at -> ", session valid until " + at).orElse("") + ")");
      return 0;
    }
  }

  private Credential legacy(NpmRegistryClient client) {
    String name = username;
    if (name == null) {
      Console console = System.console();
      name = console == null ? null : console.readLine("Username: ");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("give the user name with --username NAME");
      }
    }
    return client.sessions().legacyLogin(name.strip(), password.read("Password"), AccountInput.twoFactor(otp));
  }
}
