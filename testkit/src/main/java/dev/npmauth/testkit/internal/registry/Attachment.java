package dev.npmauth.testkit.internal.registry;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * One entry of a publish document's {@code _attachments}. A tarball ({@code .tgz}) is decoded to a
 * file while it is read, with its size and digests; other attachments (a {@code .sigstore}
 * bundle, whose {@code data} is JSON text) are kept as text.
 *
 * <p>Internal to the testkit; not API.
 *
 * @param key the attachment name, e.g. {@code demo-pkg-1.0.0.tgz}
 * @param contentType {@code content_type}, or null
 * @param declaredLength {@code length}, or null when absent or not a number
 * @param file the decoded bytes (tarballs), or null
 * @param text the data as given (other attachments), or null
 * @param decodedLength how many bytes {@code file} holds
 * @param sha512 SHA-512 of the decoded bytes
 * @param sha1 SHA-1 of the decoded bytes
 */
public record Attachment(
    String key,
    String contentType,
    BigDecimal declaredLength,
    Path file,
    String text,
    long decodedLength,
    byte[] sha512,
    byte[] sha1) {}
