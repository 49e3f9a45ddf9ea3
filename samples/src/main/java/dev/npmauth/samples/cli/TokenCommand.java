package dev.npmauth.samples.cli;

import com.squareup.moshi.Moshi;
import dev.npmauth.Credential;
import dev.npmauth.NpmAuthException;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.Secret;
import dev.npmauth.tokens.AuditPolicy;
import dev.npmauth.tokens.CreatedToken;
import dev.npmauth.tokens.RotationOptions;
import dev.npmauth.tokens.RotationResult;
import dev.npmauth.tokens.SecretStore;
import dev.npmauth.tokens.TokenAudit;
import dev.npmauth.tokens.TokenInfo;
import dev.npmauth.tokens.TokenLimits;
import dev.npmauth.tokens.TokenPermission;
import dev.npmauth.tokens.TokenRequest;
import dev.npmauth.tokens.TokenRevocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code npmauth token create|list|revoke|audit|rotate}. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = {"Manage granular access tokens (with the token of NODE_AUTH_TOKEN, NPM_TOKEN or .npmrc).",
        "Passwords come from --password-env NAME or --password-stdin, never from the command line."},
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class,
        TokenCommand.Audit.class, TokenCommand.Rotate.class})
final class TokenCommand implements Runnable {
  private static final Moshi MOSHI = new Moshi.Builder().build();

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String json(Object value) {
    return MOSHI.adapter(Object.class).indent("  ").toJson(value);
  }

  /** Permission values as npm writes them. */
  static final class PermissionConverter implements ITypeConverter<TokenPermission> {
    @Override
    public TokenPermission convert(String value) {
      for (TokenPermission p : TokenPermission.values()) {
        if (p.wireValue().equals(value)) {
          return p;
        }
      }
      throw new TypeConversionException("'" + value + "' is not read-only, read-write or no-access");
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create a granular access token with npm token create's options; the request is checked",
          "before it is sent (IPv4 CIDR ranges only, package names, permissions, lifetime within the limit).",
          "The token is printed once: keep it."})
  static final class Create implements Callable<Integer> {
    @Mixin
    RegistryOption registry;

    @Option(names = "--name", paramLabel = "NAME", description = "The token's name.")
    String name;

    @Option(names = "--token-description", paramLabel = "TEXT", description = "The token's description.")
    String description;

    @Option(names = "--packages", paramLabel = "NAME", split = ",", description = "Limit it to these packages (repeatable).")
    List<String> packages = new ArrayList<>();

    @Option(names = "--packages-all", description = "Give it every package.")
    boolean packagesAll;

    @Option(names = "--scopes", paramLabel = "SCOPE", split = ",", description = "Limit it to these scopes (repeatable).")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--orgs", paramLabel = "ORG", split = ",", description = "Let it manage these organizations (repeatable).")
    List<String> orgs = new ArrayList<>();

    @Option(names = "--packages-and-scopes-permission", paramLabel = "PERMISSION", converter = PermissionConverter.class,
        description = "read-only, read-write or no-access.")
    TokenPermission packagesPermission;

    @Option(names = "--orgs-permission", paramLabel = "PERMISSION", converter = PermissionConverter.class,
        description = "read-only, read-write or no-access.")
    TokenPermission orgsPermission;

    @Option(names = "--expires", paramLabel = "DAYS", description = "Its lifetime in days.")
    Integer expires;

    @Option(names = "--max-write-days", paramLabel = "DAYS", defaultValue = "90",
        description = "The registry's longest lifetime for read-write tokens (default ${DEFAULT-VALUE}, npm's limit).")
    int maxWriteDays;

    @Option(names = "--cidr", paramLabel = "RANGE", split = ",", description = "IPv4 ranges it may be used from (repeatable).")
    List<String> cidr = new ArrayList<>();

    @Option(names = "--bypass-2fa", description = "Let it skip two-factor authentication on writes.")
    boolean bypass2fa;

    @Mixin
    AccountInput.Password password;

    @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password (accounts with 2FA).")
    String otp;

    @Option(names = "--json", description = "Print the created token as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      TokenRequest.Builder b = TokenRequest.builder(password.read("Password"))
          .limits(TokenLimits.NPMJS.withMaxWriteLifetimeDays(maxWriteDays))
          .packages(packages.toArray(new String[0])).scopes(scopes.toArray(new String[0]))
          .orgs(orgs.toArray(new String[0])).cidr(cidr.toArray(new String[0])).twoFactor(AccountInput.twoFactor(otp));
      if (name != null) {
        b.name(name);
      }
      if (description != null) {
        b.description(description);
      }
      if (packagesAll) {
        b.packagesAll();
      }
      if (packagesPermission != null) {
        b.packagesAndScopesPermission(packagesPermission);
      }
      if (orgsPermission != null) {
        b.orgsPermission(orgsPermission);
      }
      if (expires != null) {
        b.expiresInDays(expires);
      }
      if (bypass2fa) {
        b.bypass2fa();
      }
      TokenRequest request = b.build();
      try (NpmRegistryClient client = registry.client()) {
        CreatedToken created = client.tokens().create(MaintainerCredential.of(client), request);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("token", created.token().reveal());
          created.key().ifPresent(k -> o.put("key", k));
          created.name().ifPresent(n -> o.put("name", n));
          created.expires().ifPresent(e -> o.put("expires", e.toString()));
          o.put("readonly", created.readOnly());
          o.put("cidr_whitelist", created.cidrWhitelist());
          out.println(json(o));
        } else {
          out.println("Created token " + created.token().reveal());
          if (!created.cidrWhitelist().isEmpty()) {
            out.println("with IP whitelist: " + String.join(",", created.cidrWhitelist()));
          }
          created.expires().ifPresent(e -> out.println("expires: " + e));
          created.key().ifPresent(k -> out.println("key: " + k));
        }
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List your tokens (every page).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin
    RegistryOption registry;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        List<TokenInfo> tokens = client.tokens().list(MaintainerCredential.of(client));
        Map<String, String> ids = TokenInfo.shortIds(tokens);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          List<Object> list = new ArrayList<>();
          for (TokenInfo t : tokens) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("key", t.key());
            o.put("id", ids.get(t.key()));
            o.put("token", t.tokenPrefix());
            o.put("name", t.name().orElse(null));
            o.put("created", t.created().map(Object::toString).orElse(null));
            o.put("expires", t.expires().map(Object::toString).orElse(null));
            o.put("readonly", t.readOnly());
            o.put("cidr_whitelist", t.cidrWhitelist());
            list.add(o);
          }
          out.println(json(list));
          return 0;
        }
        for (TokenInfo t : tokens) {
          out.println("Token " + t.tokenPrefix() + "… with id " + ids.get(t.key()) + " name " + t.name().orElse("-")
              + t.created().map(c -> " created " + c.toString().substring(0, 10)).orElse("")
              + t.expires().map(e -> " expires " + e).orElse("") + (t.canWrite() ? " read-write" : " read-only"));
          if (!t.cidrWhitelist().isEmpty()) {
            out.println("with IP whitelist: " + String.join(",", t.cidrWhitelist()));
          }
        }
        if (tokens.isEmpty()) {
          out.println("no tokens");
        }
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = {"Revoke tokens by key, unique key prefix or token value, as npm token revoke does.",
          "A token value on the command line is visible to other users: prefer --token-env NAME."})
  static final class Revoke implements Callable<Integer> {
    @Mixin
    RegistryOption registry;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Keys or key prefixes (see token list).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--token-env", paramLabel = "NAME", description = "Revoke the token held in this environment variable.")
    String tokenVariable;

    @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password (accounts with 2FA).")
    String otp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      if (ids.isEmpty() && tokenVariable == null) {
        throw new IllegalArgumentException("give at least one token key or prefix, or --token-env NAME");
      }
      try (NpmRegistryClient client = registry.client()) {
        Credential credential = MaintainerCredential.of(client);
        int removed = 0;
        for (String id : ids) {
          TokenRevocation r = client.tokens().revoke(credential, id, AccountInput.twoFactor(otp));
          removed++;
          spec.commandLine().getErr().println("revoked " + r.key().orElse("a token given by value"));
        }
        if (tokenVariable != null) {
          String value = System.getenv(tokenVariable);
          if (value == null || value.isEmpty()) {
            throw new NpmAuthException("the environment variable " + tokenVariable + " (--token-env) is not set or empty");
          }
          client.tokens().revoke(credential, Secret.of(value), AccountInput.twoFactor(otp));
          removed++;
        }
        spec.commandLine().getOut().println("Removed " + removed + " token" + (removed == 1 ? "" : "s"));
        return 0;
      }
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true,
      description = {"List your tokens and flag the risky ones: write tokens without expiry or close to it,",
          "write tokens over every package, tokens that bypass 2FA, tokens usable from any address.",
          "Exit code 0 when nothing is flagged, 1 otherwise."})
  static final class Audit implements Callable<Integer> {
    @Mixin
    RegistryOption registry;

    @Option(names = "--warn-within", paramLabel = "DURATION", defaultValue = "7d", converter = AccountInput.DurationConverter.class,
        description = "Write tokens expiring within this time are flagged (default ${DEFAULT-VALUE}).")
    Duration warnWithin;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (NpmRegistryClient client = registry.client()) {
        TokenAudit audit = client.tokens().audit(MaintainerCredential.of(client), new AuditPolicy(warnWithin));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? audit.renderJson() + "\n" : audit.renderTable());
        out.flush();
        return audit.flagged().isEmpty() ? 0 : 1;
      }
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Replace a token that expires soon by one with the same rights: create it, hand it to the",
          "store, check it works, keep both valid for the overlap, then revoke the old one. Each step is",
          "recorded in the journal; run again to resume after a failure or to finish after the overlap."})
  static final class Rotate implements Callable<Integer> {
    @Mixin
    RegistryOption registry;

    @Option(names = "--token-env", paramLabel = "NAME", defaultValue = "NPM_TOKEN",
        description = "The environment variable holding the token to rotate (default ${DEFAULT-VALUE}).")
    String tokenVariable;

    @Option(names = "--key", paramLabel = "KEY", description = "The token's key, when its prefix is not unique.")
    String key;

    @Mixin
    AccountInput.Password password;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Store store;

    static final class Store {
      @Option(names = "--store-file", paramLabel = "FILE", description = "Write the new token to this file (0600, atomic).")
      Path file;

      @Option(names = "--print-export", paramLabel = "NAME", description = "Print export NAME='<new token>' to standard output.")
      String exportName;
    }

    @Option(names = "--journal", paramLabel = "FILE", required = true, description = "The rotation journal.")
    Path journal;

    @Option(names = "--renew-within", paramLabel = "DURATION", defaultValue = "7d", converter = AccountInput.DurationConverter.class,
        description = "Rotate when the token expires within this time (default ${DEFAULT-VALUE}).")
    Duration renewWithin;

    @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "1h", converter = AccountInput.DurationConverter.class,
        description = "Keep both tokens valid this long after the new one works (default ${DEFAULT-VALUE}).")
    Duration overlap;

    @Option(names = "--lifetime-days", paramLabel = "DAYS", description = "The new token's lifetime (default: the old one's).")
    Integer lifetimeDays;

    @Option(names = "--wait", description = "Wait out the overlap and revoke in this run.")
    boolean waitForOverlap;

    @Option(names = "--force", description = "Rotate even when the token is not due.")
    boolean force;

    @Option(names = "--dry-run", description = "Print the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password (accounts with 2FA for writes).")
    String otp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      String current = System.getenv(tokenVariable);
      if (current == null || current.isEmpty()) {
        throw new NpmAuthException("the environment variable " + tokenVariable + " (--token-env) is not set or empty");
      }
      PrintWriter err = spec.commandLine().getErr();
      SecretStore target = store.file != null ? SecretStore.file(store.file)
          : SecretStore.exportLine(store.exportName, System.out);
      RotationOptions.Builder options = RotationOptions.builder(Secret.of(current),
              dryRun ? Secret.of("(dry run)") : password.read("Password"), target, journal)
          .renewWithin(renewWithin).overlap(overlap).twoFactor(AccountInput.twoFactor(otp)).dryRun(dryRun)
          .listener(step -> err.println("done: " + step.description()));
      if (key != null) {
        options.currentKey(key);
      }
      if (lifetimeDays != null) {
        options.lifetimeDays(lifetimeDays);
      }
      if (waitForOverlap) {
        options.waitForOverlap();
      }
      if (force) {
        options.force();
      }
      try (NpmRegistryClient client = registry.client()) {
        RotationResult result = client.tokens().rotate(options.build());
        result.plan().forEach(err::println);
        err.println(result.status() + ": old " + result.oldKey() + result.newKey().map(k -> ", new " + k).orElse("")
            + result.revokeAfter().map(at -> ", old revocable after " + at).orElse(""));
        err.flush();
        return 0;
      }
    }
  }
}
