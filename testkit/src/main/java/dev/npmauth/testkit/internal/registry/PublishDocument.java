package dev.npmauth.testkit.internal.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * A parsed publish body: every top-level field except {@code _attachments} as a JSON tree, and
 * the attachments with tarballs already on disk.
 *
 * <p>Internal to the testkit; not API.
 */
public record PublishDocument(Map<String, Object> fields, List<Attachment> attachments) {

  /** Deletes the decoded attachment files (after a refused publish). */
  public void discard() {
    for (Attachment a : attachments) {
      if (a.file() != null) {
        try {
          Files.deleteIfExists(a.file());
        } catch (IOException ignored) {
          // the store's folder is deleted on close anyway
        }
      }
    }
  }
}
