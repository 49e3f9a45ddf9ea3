package dev.npmauth.testkit.internal.registry;

import java.util.Map;

/**
 * A publish document that passed every check that does not depend on the registry's state.
 *
 * <p>Internal to the testkit; not API.
 *
 * @param name the package name
 * @param version the version being published
 * @param manifest the version manifest, with {@code dist.integrity} and {@code dist.shasum} set
 * @param distTags the tags to point at {@code version}
 * @param access {@code public}, {@code restricted}, or null (the registry's default)
 * @param tarball the decoded tarball
 * @param sigstoreBundle the provenance bundle JSON text, or null
 */
public record ValidatedPublish(
    String name,
    String version,
    Map<String, Object> manifest,
    Map<String, String> distTags,
    String access,
    Attachment tarball,
    String sigstoreBundle) {}
