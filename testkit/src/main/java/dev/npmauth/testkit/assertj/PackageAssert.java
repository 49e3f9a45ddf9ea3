package dev.npmauth.testkit.assertj;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.TrustedPublisher;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over one package of a {@link FakeRegistry}; reached with {@link
 * FakeRegistryAssert#hasPackage(String)}. Each reads the registry's state when it runs.
 *
 * <pre>{@code
 * assertThat(registry).hasPackage("@acme/widgets")
 *     .withVersions("1.0.0", "1.1.0")
 *     .withDistTag("latest", "1.1.0")
 *     .withAccess("public")
 *     .withAttestations("1.1.0")
 *     .withTarball("1.1.0", Files.readAllBytes(tgz));
 * }</pre>
 */
public final class PackageAssert extends AbstractAssert<PackageAssert, String> {
  private final FakeRegistryAssert parent;
  private final FakeRegistry registry;

  PackageAssert(FakeRegistryAssert parent, FakeRegistry registry, String name) {
    super(name, PackageAssert.class);
    this.parent = parent;
    this.registry = registry;
  }

  private void fail(String message) {
    failWithMessage("%s", message);
  }

  private String state() {
    return "\"" + actual + "\" has versions " + registry.versions(actual) + ", dist-tags "
        + Describe.tags(registry.distTags(actual));
  }

  /**
   * Back to the assertions over the whole registry.
   *
   * @return the registry assertion
   */
  public FakeRegistryAssert and() {
    return parent;
  }

  /**
   * Checks that the package has exactly these versions, in any order.
   *
   * @param versions e.g. {@code "1.0.0", "1.1.0"}
   * @return this assertion
   */
  public PackageAssert withVersions(String... versions) {
    if (!new TreeSet<>(registry.versions(actual)).equals(new TreeSet<>(Arrays.asList(versions)))) {
      fail("Expecting package \"" + actual + "\" to have exactly the versions " + Arrays.toString(versions)
          + " but " + state());
    }
    return this;
  }

  /**
   * Checks that the package has this version (and maybe others).
   *
   * @param version e.g. {@code 1.0.0}
   * @return this assertion
   */
  public PackageAssert withVersion(String version) {
    if (!registry.versions(actual).contains(version)) {
      fail("Expecting package \"" + actual + "\" to have version " + version + " but " + state());
    }
    return this;
  }

  /**
   * Checks that the package does not have this version.
   *
   * @param version e.g. {@code 1.0.1}
   * @return this assertion
   */
  public PackageAssert withoutVersion(String version) {
    if (registry.versions(actual).contains(version)) {
      fail("Expecting package \"" + actual + "\" not to have version " + version + " but " + state());
    }
    return this;
  }

  /**
   * Checks that a dist-tag points at a version.
   *
   * @param tag e.g. {@code latest}
   * @param version e.g. {@code 1.0.0}
   * @return this assertion
   */
  public PackageAssert withDistTag(String tag, String version) {
    if (!version.equals(registry.distTags(actual).get(tag))) {
      fail("Expecting dist-tag \"" + tag + "\" of \"" + actual + "\" to point at " + version + " but " + state());
    }
    return this;
  }

  /**
   * Checks that the package has no such dist-tag.
   *
   * @param tag e.g. {@code next}
   * @return this assertion
   */
  public PackageAssert withoutDistTag(String tag) {
    if (registry.distTags(actual).containsKey(tag)) {
      fail("Expecting package \"" + actual + "\" to have no dist-tag \"" + tag + "\" but " + state());
    }
    return this;
  }

  /**
   * Checks that the package has exactly these dist-tags.
   *
   * @param tags tag to version
   * @return this assertion
   */
  public PackageAssert withDistTags(Map<String, String> tags) {
    if (!registry.distTags(actual).equals(new LinkedHashMap<>(tags))) {
      fail("Expecting package \"" + actual + "\" to have exactly the dist-tags " + Describe.tags(tags)
          + " but " + state());
    }
    return this;
  }

  /**
   * Checks the package's access, as its packument says.
   *
   * @param access {@code public} or {@code restricted}
   * @return this assertion
   */
  public PackageAssert withAccess(String access) {
    Object actualAccess = packument().get("access");
    if (!access.equals(actualAccess)) {
      fail("Expecting package \"" + actual + "\" to be " + access + " but it is " + actualAccess);
    }
    return this;
  }

  /**
   * Checks that a version's stored tarball has exactly these bytes.
   *
   * @param version the version
   * @param bytes the expected tarball
   * @return this assertion
   */
  public PackageAssert withTarball(String version, byte[] bytes) {
    Optional<byte[]> stored = registry.tarball(actual, version);
    if (stored.isEmpty()) {
      fail("Expecting a tarball of " + actual + "@" + version + " but " + state());
    } else if (!Arrays.equals(stored.get(), bytes)) {
      fail("Expecting the tarball of " + actual + "@" + version + " to be the given " + bytes.length
          + " bytes but the registry holds " + stored.get().length + " other bytes");
    }
    return this;
  }

  /**
   * Checks a version's {@code dist.integrity}.
   *
   * @param version the version
   * @param integrity e.g. {@code sha512-…}
   * @return this assertion
   */
  public PackageAssert withIntegrity(String version, String integrity) {
    Object actualIntegrity = dist(version).get("integrity");
    if (!integrity.equals(actualIntegrity)) {
      fail("Expecting dist.integrity of " + actual + "@" + version + " to be\n  " + integrity + "\nbut it is\n  "
          + actualIntegrity);
    }
    return this;
  }

  /**
   * Checks that a version was published with provenance: the registry serves its attestations
   * (its publish attestation and the provenance) and the manifest has {@code dist.attestations}.
   *
   * @param version the version
   * @return this assertion
   */
  public PackageAssert withAttestations(String version) {
    withVersion(version);
    if (registry.attestations(actual, version).isEmpty() || !dist(version).containsKey("attestations")) {
      fail("Expecting " + actual + "@" + version + " to have attestations but it was published without"
          + " provenance (no dist.attestations)");
    }
    return this;
  }

  /**
   * Checks that a version has no attestations.
   *
   * @param version the version
   * @return this assertion
   */
  public PackageAssert withoutAttestations(String version) {
    withVersion(version);
    if (registry.attestations(actual, version).isPresent()) {
      fail("Expecting " + actual + "@" + version + " to have no attestations but the registry serves them"
          + " (it was published with provenance)");
    }
    return this;
  }

  /**
   * Checks that the package trusts this publisher configuration.
   *
   * @param publisher a configuration of this package
   * @return this assertion
   */
  public PackageAssert withTrustedPublisher(TrustedPublisher publisher) {
    if (!publisher.packageName().equals(actual)) {
      throw new IllegalArgumentException(publisher + " is a configuration of \"" + publisher.packageName()
          + "\", not of \"" + actual + "\"");
    }
    parent.hasTrustedPublisher(publisher);
    return this;
  }

  /**
   * Checks that the package trusts no publisher.
   *
   * @return this assertion
   */
  public PackageAssert withoutTrustedPublishers() {
    parent.hasNoTrustedPublisherFor(actual);
    return this;
  }

  private Map<String, Object> packument() {
    String text = registry.packument(actual).orElse(null);
    if (text == null) {
      fail("Expecting package \"" + actual + "\" but the registry no longer has it");
    }
    try {
      return Json.asObject(Json.parse(text)).orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException("the fake registry served a packument that is not JSON", e);
    }
  }

  private Map<String, Object> dist(String version) {
    Map<String, Object> manifest = Json.asObject(Json.asObject(packument().get("versions"))
        .orElse(Map.of()).get(version)).orElse(null);
    if (manifest == null) {
      fail("Expecting " + actual + "@" + version + " but " + state());
    }
    return Json.asObject(manifest.get("dist")).orElse(Map.of());
  }
}
