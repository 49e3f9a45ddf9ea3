package dev.npmauth.testkit;

import dev.npmauth.testkit.internal.registry.Checks;
import dev.npmauth.testkit.internal.registry.PackageNames;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A trusted publisher configuration for one package: which CI workflow may exchange its OIDC ID
 * token for a short-lived publish token. Give it to {@link FakeRegistry#trust(TrustedPublisher)}.
 *
 * <pre>{@code
 * registry.trust(TrustedPublisher.github("demo-pkg", "acme/widgets", "release.yml"));
 * registry.trust(TrustedPublisher.gitlab("@acme/widgets", "group/project", ".gitlab-ci.yml", "prod"));
 * }</pre>
 *
 * <p>Immutable. The package does not need to exist: the first publish through OIDC creates it.
 * By default the configuration allows {@value #CREATE_PACKAGE}; see {@link #permissions}.
 */
public final class TrustedPublisher {
  /** Permission to publish with {@code PUT /<package>}. */
  public static final String CREATE_PACKAGE = "createPackage";
  /** Permission to stage a publish with {@code POST /-/stage/package/<package>}. */
  public static final String CREATE_STAGED_PACKAGE = "createStagedPackage";

  private final CiProvider provider;
  private final String packageName;
  private final String repository; // GitHub owner/repo, GitLab project path
  private final String file; // GitHub workflow file, GitLab CI config file
  private final String environment;
  private final String orgId;
  private final String projectId;
  private final String pipelineDefinitionId;
  private final String vcsOrigin;
  private final List<String> contextIds;
  private final Set<String> permissions;

  private TrustedPublisher(
      CiProvider provider,
      String packageName,
      String repository,
      String file,
      String environment,
      String orgId,
      String projectId,
      String pipelineDefinitionId,
      String vcsOrigin,
      List<String> contextIds,
      Set<String> permissions) {
    this.provider = provider;
    this.packageName = PackageNames.check(packageName);
    this.repository = repository;
    this.file = file;
    this.environment = environment;
    this.orgId = orgId;
    this.projectId = projectId;
    this.pipelineDefinitionId = pipelineDefinitionId;
    this.vcsOrigin = vcsOrigin;
    this.contextIds = contextIds;
    this.permissions = permissions;
  }

  /**
   * Trusts a GitHub Actions workflow, in any environment.
   *
   * @param packageName the package, e.g. {@code demo-pkg} or {@code @acme/widgets}
   * @param repository {@code owner/repo}, compared case-insensitively with the {@code repository}
   *     claim
   * @param workflowFile the bare file name under {@code .github/workflows/}, e.g. {@code
   *     release.yml}
   * @return the configuration
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static TrustedPublisher github(String packageName, String repository, String workflowFile) {
    return new TrustedPublisher(
        CiProvider.GITHUB,
        packageName,
        Checks.githubRepository(repository),
        Checks.fileName(workflowFile, "the workflow file"),
        null,
        null,
        null,
        null,
        null,
        List.of(),
        Set.of(CREATE_PACKAGE));
  }

  /**
   * Trusts a GitHub Actions workflow running in one deployment environment.
   *
   * @param packageName the package
   * @param repository {@code owner/repo}
   * @param workflowFile the bare workflow file name
   * @param environment the {@code environment} claim the token must carry
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static TrustedPublisher github(
      String packageName, String repository, String workflowFile, String environment) {
    return github(packageName, repository, workflowFile)
        .withEnvironment(Checks.notBlank(environment, "the environment"));
  }

  /**
   * Trusts a GitLab CI/CD pipeline, in any environment.
   *
   * @param packageName the package
   * @param projectPath {@code group/project} (subgroups allowed), compared with {@code
   *     project_path}
   * @param configFile the CI config file, e.g. {@code .gitlab-ci.yml}, compared with the file part
   *     of {@code ci_config_ref_uri}
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static TrustedPublisher gitlab(String packageName, String projectPath, String configFile) {
    return new TrustedPublisher(
        CiProvider.GITLAB,
        packageName,
        Checks.gitlabProjectPath(projectPath),
        Checks.fileName(configFile, "the CI config file"),
        null,
        null,
        null,
        null,
        null,
        List.of(),
        Set.of(CREATE_PACKAGE));
  }

  /**
   * Trusts a GitLab CI/CD pipeline deploying to one environment.
   *
   * @param packageName the package
   * @param projectPath {@code group/project}
   * @param configFile the CI config file name
   * @param environment the {@code environment} claim the token must carry
   * @return the configuration
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static TrustedPublisher gitlab(
      String packageName, String projectPath, String configFile, String environment) {
    return gitlab(packageName, projectPath, configFile)
        .withEnvironment(Checks.notBlank(environment, "the environment"));
  }

  /**
   * Trusts a CircleCI pipeline definition, whatever contexts it uses.
   *
   * @param packageName the package
   * @param orgId the CircleCI organization id (a UUID)
   * @param projectId the project id (a UUID)
   * @param pipelineDefinitionId the pipeline definition id (a UUID)
   * @param vcsOrigin {@code provider/owner/repo}, e.g. {@code github.com/acme/widgets}
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static TrustedPublisher circleci(
      String packageName,
      String orgId,
      String projectId,
      String pipelineDefinitionId,
      String vcsOrigin) {
    return circleci(packageName, orgId, projectId, pipelineDefinitionId, vcsOrigin, List.of());
  }

  /**
   * Trusts a CircleCI pipeline definition whose token lists every one of {@code contextIds} in
   * {@code oidc.circleci.com/context-ids}.
   *
   * @param packageName the package
   * @param orgId the organization id (UUID)
   * @param projectId the project id (UUID)
   * @param pipelineDefinitionId the pipeline definition id (UUID)
   * @param vcsOrigin {@code provider/owner/repo}
   * @param contextIds context ids (UUIDs) the token must all carry
   * @return the configuration
   * @throws IllegalArgumentException if a value has the wrong shape
   */
  public static TrustedPublisher circleci(
      String packageName,
      String orgId,
      String projectId,
      String pipelineDefinitionId,
      String vcsOrigin,
      List<String> contextIds) {
    return new TrustedPublisher(
        CiProvider.CIRCLECI,
        packageName,
        null,
        null,
        null,
        Checks.uuid(orgId, "the CircleCI organization id"),
        Checks.uuid(projectId, "the CircleCI project id"),
        Checks.uuid(pipelineDefinitionId, "the CircleCI pipeline definition id"),
        Checks.vcsOrigin(vcsOrigin),
        Checks.uuids(Objects.requireNonNull(contextIds, "contextIds"), "a CircleCI context id"),
        Set.of(CREATE_PACKAGE));
  }

  /**
   * A copy that grants exactly these permissions.
   *
   * @param permissions one or more of {@value #CREATE_PACKAGE} and {@value
   *     #CREATE_STAGED_PACKAGE}
   * @throws IllegalArgumentException if empty or unknown
   */
  public TrustedPublisher permissions(String... permissions) {
    Set<String> set = new LinkedHashSet<>(List.of(permissions));
    if (set.isEmpty()) {
      throw new IllegalArgumentException("a trusted publisher needs at least one permission");
    }
    for (String p : set) {
      if (!p.equals(CREATE_PACKAGE) && !p.equals(CREATE_STAGED_PACKAGE)) {
        throw new IllegalArgumentException(
            "unknown permission \"" + p + "\" (expected createPackage or createStagedPackage)");
      }
    }
    return new TrustedPublisher(
        provider,
        packageName,
        repository,
        file,
        environment,
        orgId,
        projectId,
        pipelineDefinitionId,
        vcsOrigin,
        contextIds,
        Set.copyOf(set));
  }

  private TrustedPublisher withEnvironment(String env) {
    return new TrustedPublisher(
        provider,
        packageName,
        repository,
        file,
        env,
        orgId,
        projectId,
        pipelineDefinitionId,
        vcsOrigin,
        contextIds,
        permissions);
  }

  /** Which CI this configuration trusts. */
  public CiProvider provider() {
    return provider;
  }

  /** The package this configuration belongs to. */
  public String packageName() {
    return packageName;
  }

  /** GitHub: {@code owner/repo}; GitLab: the project path; empty for CircleCI. */
  public Optional<String> repository() {
    return Optional.ofNullable(repository);
  }

  /** GitHub: the workflow file; GitLab: the CI config file; empty for CircleCI. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** The required environment (GitHub, GitLab), if any. */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** CircleCI organization id; empty for other providers. */
  public Optional<String> orgId() {
    return Optional.ofNullable(orgId);
  }

  /** CircleCI project id; empty for other providers. */
  public Optional<String> projectId() {
    return Optional.ofNullable(projectId);
  }

  /** CircleCI pipeline definition id; empty for other providers. */
  public Optional<String> pipelineDefinitionId() {
    return Optional.ofNullable(pipelineDefinitionId);
  }

  /** CircleCI VCS origin; empty for other providers. */
  public Optional<String> vcsOrigin() {
    return Optional.ofNullable(vcsOrigin);
  }

  /** CircleCI context ids the token must all carry (empty: no requirement). */
  public List<String> contextIds() {
    return contextIds;
  }

  /** The permissions granted to exchanged tokens. */
  public Set<String> permissions() {
    return permissions;
  }

  /** A one-line description, e.g. {@code github acme/widgets release.yml (environment prod)}. */
  public String describe() {
    switch (provider) {
      case GITHUB:
      case GITLAB:
        return provider.id()
            + " "
            + repository
            + " "
            + file
            + (environment == null ? "" : " (environment " + environment + ")");
      default:
        return "circleci org "
            + orgId
            + " project "
            + projectId
            + " pipeline definition "
            + pipelineDefinitionId
            + " vcs "
            + vcsOrigin
            + (contextIds.isEmpty() ? "" : " contexts " + contextIds);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrustedPublisher)) {
      return false;
    }
    TrustedPublisher t = (TrustedPublisher) o;
    return provider == t.provider
        && packageName.equals(t.packageName)
        && Objects.equals(repository, t.repository)
        && Objects.equals(file, t.file)
        && Objects.equals(environment, t.environment)
        && Objects.equals(orgId, t.orgId)
        && Objects.equals(projectId, t.projectId)
        && Objects.equals(pipelineDefinitionId, t.pipelineDefinitionId)
        && Objects.equals(vcsOrigin, t.vcsOrigin)
        && contextIds.equals(t.contextIds)
        && permissions.equals(t.permissions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, packageName, repository, file, environment, orgId, projectId);
  }

  @Override
  public String toString() {
    return "TrustedPublisher[" + packageName + ": " + describe() + " " + permissions + "]";
  }
}
