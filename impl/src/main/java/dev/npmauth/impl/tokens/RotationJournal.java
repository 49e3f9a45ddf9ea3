package dev.npmauth.impl.tokens;

import dev.npmauth.NpmAuthException;
import dev.npmauth.Secret;
import dev.npmauth.impl.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one rotation, kept in a JSON file that is rewritten atomically (and owner-only)
 * after every step. Tokens appear as SHA-256 digests, except the replacement itself while only the
 * journal can give it back (between its creation and its safe hand-over to the store).
 *
 * @param runId this rotation's id, part of the replacement's name
 * @param state the last step completed
 * @param oldKey the old token's key
 * @param oldDigest SHA-256 of the old token
 * @param user the user both tokens act as
 * @param oldExpires the old token's expiry, if any
 * @param replacementName the replacement's name (how an interrupted creation is recognised)
 * @param rights the create body without name and password, in npm's order
 * @param newKey the replacement's key, once created
 * @param newDigest SHA-256 of the replacement, once created
 * @param newToken the replacement, while the journal must keep it
 * @param revokeAfter the end of the overlap, once verified
 */
record RotationJournal(
    String runId,
    State state,
    String oldKey,
    String oldDigest,
    String user,
    Optional<Instant> oldExpires,
    String replacementName,
    Map<String, Object> rights,
    Optional<String> newKey,
    Optional<String> newDigest,
    Optional<Secret> newToken,
    Optional<Instant> revokeAfter) {

  /** The last step completed. */
  enum State {
    PLANNED,
    CREATED,
    STORED,
    VERIFIED,
    DONE
  }

  RotationJournal with(State newState) {
    return new RotationJournal(runId, newState, oldKey, oldDigest, user, oldExpires, replacementName, rights, newKey,
        newDigest, newToken, revokeAfter);
  }

  RotationJournal created(String key, Secret token) {
    return new RotationJournal(runId, State.CREATED, oldKey, oldDigest, user, oldExpires, replacementName, rights,
        Optional.of(key), Optional.of(digest(token)), Optional.of(token), revokeAfter);
  }

  RotationJournal withoutToken() {
    return new RotationJournal(runId, state, oldKey, oldDigest, user, oldExpires, replacementName, rights, newKey,
        newDigest, Optional.empty(), revokeAfter);
  }

  RotationJournal verified(Instant until) {
    return new RotationJournal(runId, State.VERIFIED, oldKey, oldDigest, user, oldExpires, replacementName, rights,
        newKey, newDigest, newToken, Optional.of(until));
  }

  /** Hex SHA-256 of a token: how the journal recognises tokens without keeping them. */
  static String digest(Secret token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.reveal().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * Reads a journal.
   *
   * @param file the file
   * @return the journal; empty when the file does not exist
   * @throws NpmAuthException when it cannot be read or is not a rotation journal
   */
  static Optional<RotationJournal> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new NpmAuthException("cannot read the rotation journal " + file + ": " + e.getMessage(), e);
    }
    try {
      Map<String, Object> o = Json.readObject(text);
      if (!Long.valueOf(1).equals(o.get("version"))) {
        throw new IOException("unknown version " + o.get("version"));
      }
      return Optional.of(new RotationJournal(
          required(o, "runId"),
          State.valueOf(required(o, "state")),
          required(o, "oldKey"),
          required(o, "oldDigest"),
          required(o, "user"),
          Json.string(o, "oldExpires").map(Instant::parse),
          required(o, "replacementName"),
          Json.object(o, "rights").orElseThrow(() -> new IOException("no rights")),
          Json.string(o, "newKey"),
          Json.string(o, "newDigest"),
          Json.string(o, "newToken").map(Secret::of),
          Json.string(o, "revokeAfter").map(Instant::parse)));
    } catch (IOException | RuntimeException e) {
      throw new NpmAuthException("the rotation journal " + file + " is damaged (" + e.getClass().getSimpleName()
          + "); inspect it, and remove it only when no replacement token was created", e);
    }
  }

  private static String required(Map<String, Object> o, String field) throws IOException {
    return Json.string(o, field).orElseThrow(() -> new IOException("no " + field));
  }

  /**
   * Writes the journal atomically: a temporary owner-only file in the same folder, flushed to
   * disk, then moved over the old one.
   *
   * @param file the file
   * @throws NpmAuthException when it cannot be written
   */
  void write(Path file) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("version", 1L);
    o.put("runId", runId);
    o.put("state", state.name());
    o.put("oldKey", oldKey);
    o.put("oldDigest", oldDigest);
    o.put("user", user);
    o.put("oldExpires", oldExpires.map(Instant::toString).orElse(null));
    o.put("replacementName", replacementName);
    o.put("rights", rights);
    o.put("newKey", newKey.orElse(null));
    o.put("newDigest", newDigest.orElse(null));
    o.put("newToken", newToken.map(Secret::reveal).orElse(null));
    o.put("revokeAfter", revokeAfter.map(Instant::toString).orElse(null));
    Path target = file.toAbsolutePath();
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try {
        Files.writeString(temp, Json.write(o) + "\n", StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new NpmAuthException("cannot write the rotation journal " + target + ": " + e.getMessage(), e);
    }
  }

  /** Never shows the replacement token. */
  @Override
  public String toString() {
    return "RotationJournal[" + runId + " " + state + ", old key " + oldKey + newKey.map(k -> ", new key " + k).orElse("")
        + (newToken.isPresent() ? ", holds the replacement" : "") + "]";
  }
}
