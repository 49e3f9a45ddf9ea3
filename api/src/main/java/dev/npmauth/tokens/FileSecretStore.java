package dev.npmauth.tokens;

import dev.npmauth.NpmAuthException;
import dev.npmauth.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;

/** {@link SecretStore#file}: one line, written atomically, owner-only. */
final class FileSecretStore implements SecretStore {
  private final Path file;

  FileSecretStore(Path file) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
  }

  @Override
  public void store(Secret secret) {
    Objects.requireNonNull(secret, "secret");
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      Path temp = posix
          ? Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      try {
        Files.writeString(temp, secret.reveal() + "\n", StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new NpmAuthException("cannot write the secret to " + file + ": " + e.getClass().getSimpleName()
          + " (check that the folder exists and is writable)", e);
    }
  }

  @Override
  public Optional<Secret> read() {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(Secret.of(text));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new NpmAuthException("cannot read the secret from " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String describe() {
    return "file " + file;
  }

  @Override
  public String toString() {
    return "SecretStore[" + describe() + "]";
  }
}
