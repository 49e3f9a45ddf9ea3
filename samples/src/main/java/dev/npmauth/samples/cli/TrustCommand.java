package dev.npmauth.samples.cli;

import com.squareup.moshi.Moshi;
import dev.npmauth.NpmAuthException;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.PackageName;
import dev.npmauth.trust.CircleCiClaims;
import dev.npmauth.trust.GitHubClaims;
import dev.npmauth.trust.GitLabClaims;
import dev.npmauth.trust.TrustClaims;
import dev.npmauth.trust.TrustConfiguration;
import dev.npmauth.trust.TrustPermission;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code npmauth trust github|gitlab|circleci|list|revoke}. */
@Command(name = "trust", mixinStandardHelpOptions = true,
    description = {"Manage a package's trusted publishers (OIDC), as npm trust does. The registry asks for a",
        "one-time password (--otp) and allows one configuration per package."},
    subcommands = {TrustCommand.GitHub.class, TrustCommand.GitLab.class, TrustCommand.CircleCi.class,
        TrustCommand.ListConfigs.class, TrustCommand.Revoke.class})
final class TrustCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The package argument, else the name in ./package.json. */
  static PackageName packageName(String argument) {
    if (argument != null) {
      return PackageName.of(argument);
    }
    Path file = Path.of("package.json");
    try {
      Object json = new Moshi.Builder().build().adapter(Object.class).fromJson(Files.readString(file));
      if (json instanceof Map<?, ?> map && map.get("name") instanceof String name) {
        return PackageName.of(name);
      }
      throw new NpmAuthException("./package.json has no name; give the package as an argument");
    } catch (NoSuchFileException e) {
      throw new NpmAuthException("no package given and no ./package.json here; give the package as an argument");
    } catch (IOException | RuntimeException e) {
      if (e instanceof NpmAuthException n) {
        throw n;
      }
      throw new NpmAuthException("./package.json cannot be read (" + e.getMessage() + "); give the package as an argument");
    }
  }

  static void print(PrintWriter out, List<TrustConfiguration> configs, boolean json) {
    if (json) {
      List<Object> list = new ArrayList<>();
      for (TrustConfiguration c : configs) {
        Map<String, Object> o = new LinkedHashMap<>();
        c.id().ifPresent(id -> o.put("id", id));
        o.put("type", c.claims().type());
        if (c.claims() instanceof GitHubClaims g) {
          o.put("file", g.workflowFile());
          o.put("repository", g.repository());
          g.environment().ifPresent(e -> o.put("environment", e));
        } else if (c.claims() instanceof GitLabClaims g) {
          o.put("file", g.configFile());
          o.put("project", g.projectPath());
          g.environment().ifPresent(e -> o.put("environment", e));
        } else if (c.claims() instanceof CircleCiClaims ci) {
          o.put("orgId", ci.orgId());
          o.put("projectId", ci.projectId());
          o.put("pipelineDefinitionId", ci.pipelineDefinitionId());
          o.put("vcsOrigin", ci.vcsOrigin());
          if (!ci.contextIds().isEmpty()) {
            o.put("contextIds", ci.contextIds());
          }
        }
        o.put("permissions", c.permissions().stream().map(TrustPermission::wireValue).toList());
        list.add(o);
      }
      out.println(TokenCommand.json(list));
      return;
    }
    for (TrustConfiguration c : configs) {
      out.println(c.describe());
    }
  }

  /** Options every create subcommand shares. */
  static final class CreateOptions {
    @Option(names = "--allow-publish", description = "Allow npm publish (createPackage).")
    boolean allowPublish;

    @Option(names = {"--allow-stage-publish", "--allow-staged-publish"},
        description = "Allow npm stage publish (createStagedPackage).")
    boolean allowStagePublish;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show what would be created; send nothing.")
    boolean dryRun;

    @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password.")
    String otp;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Set<TrustPermission> permissions() {
      Set<TrustPermission> set = EnumSet.noneOf(TrustPermission.class);
      if (allowPublish) {
        set.add(TrustPermission.PUBLISH);
      }
      if (allowStagePublish) {
        set.add(TrustPermission.STAGED_PUBLISH);
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException("At least one permission flag is required (--allow-publish, --allow-stage-publish)");
      }
      return set;
    }

    int create(RegistryOption registry, PackageName name, TrustClaims claims, CommandSpec spec) {
      Set<TrustPermission> permissions = permissions();
      PrintWriter out = spec.commandLine().getOut();
      out.println("Establishing trust between " + name + " and " + claims.describe() + " ("
          + String.join(", ", permissions.stream().map(TrustPermission::label).toList()) + ")");
      if (dryRun) {
        return 0;
      }
      if (!yes) {
        Console console = System.console();
        String answer = console == null ? null : console.readLine("Do you want to proceed? (y/N) ");
        if (answer == null || !(answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"))) {
          throw new NpmAuthException("cancelled: confirm with y, or pass --yes when there is no terminal");
        }
      }
      try (NpmRegistryClient client = registry.client()) {
        List<TrustConfiguration> created = client.trust().create(MaintainerCredential.of(client), name, claims,
            permissions, AccountInput.twoFactor(otp));
        out.println("Trust configuration created for " + name + ":");
        print(out, created, json);
        return 0;
      }
    }
  }

  @Command(name = "github", mixinStandardHelpOptions = true,
      description = "Trust a GitHub Actions workflow to publish the package.")
  static final class GitHub implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PACKAGE", description = "Default: the name in ./package.json.")
    String pkg;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The workflow file name, e.g. release.yml.")
    String file;

    @Option(names = {"--repository", "--repo"}, required = true, paramLabel = "OWNER/REPO", description = "The repository.")
    String repository;

    @Option(names = {"--environment", "--env"}, paramLabel = "NAME", description = "The deployment environment, if any.")
    String environment;

    @Mixin
    RegistryOption registry;

    @Mixin
    CreateOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return options.create(registry, packageName(pkg), new GitHubClaims(repository, file, Optional.ofNullable(environment)),
          spec);
    }
  }

  @Command(name = "gitlab", mixinStandardHelpOptions = true,
      description = "Trust a GitLab CI/CD pipeline to publish the package.")
  static final class GitLab implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PACKAGE", description = "Default: the name in ./package.json.")
    String pkg;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The pipeline file name, e.g. .gitlab-ci.yml.")
    String file;

    @Option(names = "--project", required = true, paramLabel = "GROUP/PROJECT", description = "The project path.")
    String project;

    @Option(names = {"--environment", "--env"}, paramLabel = "NAME", description = "The environment, if any.")
    String environment;

    @Mixin
    RegistryOption registry;

    @Mixin
    CreateOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return options.create(registry, packageName(pkg), new GitLabClaims(project, file, Optional.ofNullable(environment)),
          spec);
    }
  }

  @Command(name = "circleci", mixinStandardHelpOptions = true,
      description = "Trust a CircleCI pipeline to publish the package.")
  static final class CircleCi implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PACKAGE", description = "Default: the name in ./package.json.")
    String pkg;

    @Option(names = "--org-id", required = true, paramLabel = "UUID", description = "The organization id.")
    String orgId;

    @Option(names = "--project-id", required = true, paramLabel = "UUID", description = "The project id.")
    String projectId;

    @Option(names = "--pipeline-definition-id", required = true, paramLabel = "UUID", description = "The pipeline definition id.")
    String pipelineDefinitionId;

    @Option(names = "--vcs-origin", required = true, paramLabel = "PROVIDER/OWNER/REPO", description = "e.g. github.com/acme/widgets.")
    String vcsOrigin;

    @Option(names = "--context-id", paramLabel = "UUID", description = "A context id the job must use (repeatable).")
    List<String> contextIds = new ArrayList<>();

    @Mixin
    RegistryOption registry;

    @Mixin
    CreateOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return options.create(registry, packageName(pkg),
          new CircleCiClaims(orgId, projectId, pipelineDefinitionId, vcsOrigin, contextIds), spec);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the package's trusted publishers.")
  static final class ListConfigs implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PACKAGE", description = "Default: the name in ./package.json.")
    String pkg;

    @Mixin
    RegistryOption registry;

    @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password, if the registry asks.")
    String otp;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PackageName name = packageName(pkg);
      try (NpmRegistryClient client = registry.client()) {
        List<TrustConfiguration> configs = client.trust().list(MaintainerCredential.of(client), name,
            AccountInput.twoFactor(otp));
        if (configs.isEmpty() && !json) {
          spec.commandLine().getOut().println("No trust configurations found for package (" + name + ")");
        } else {
          print(spec.commandLine().getOut(), configs, json);
        }
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one of the package's trusted publishers.")
  static final class Revoke implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PACKAGE", description = "Default: the name in ./package.json.")
    String pkg;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The configuration's id (see trust list).")
    String id;

    @Mixin
    RegistryOption registry;

    @Option(names = "--otp", paramLabel = "CODE", description = "A one-time password.")
    String otp;

    @Option(names = "--dry-run", description = "Say what would be revoked; send nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PackageName name = packageName(pkg);
      PrintWriter out = spec.commandLine().getOut();
      out.println("Attempting to revoke trusted configuration for package " + name + " with id " + id);
      if (dryRun) {
        return 0;
      }
      try (NpmRegistryClient client = registry.client()) {
        client.trust().revoke(MaintainerCredential.of(client), name, id, AccountInput.twoFactor(otp));
        out.println("Revoked trusted configuration for package " + name + " with id " + id);
        return 0;
      }
    }
  }
}
