package dev.npmauth.impl.pack;

import dev.npmauth.pack.PackException;
import dev.npmauth.pack.PackFailure;
import dev.npmauth.pack.PackedFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a package tarball the way pacote and node-tar write it for {@code npm pack}: a gzip'd
 * (level 9, OS byte "unknown") tar of the files in the order given, each under {@code package/},
 * with node-tar's portable mode bits ({@code (mode | 0600) & ~022}, executable bits kept, bins
 * made executable as pacote does), npm's fixed modification time, no owner ids or names, and a
 * hard link entry for a file that is a hard link to a file written before it.
 */
final class TarballWriter {
  /** The modification time npm gives every entry (pacote's {@code tarCreateOptions}). */
  static final Instant NPM_MTIME = Instant.parse("1985-10-26T08:15:00.000Z");

  private static final java.util.regex.Pattern FIRST_COMPONENT = java.util.regex.Pattern.compile("^[^\\\\/]*/");

  /**
   * What was written.
   *
   * @param size the tarball's size in bytes
   * @param shasum hex SHA-1
   * @param integrity {@code sha512-<base64>}
   * @param entries each entry, in tarball order
   */
  record Written(long size, String shasum, String integrity, List<PackedFile> entries) {
  }

  private TarballWriter() {
  }

  /**
   * Writes the tarball.
   *
   * @param root the package folder
   * @param files the files, as {@link PackWalker#walk} returns them
   * @param bins the normalised bin paths (pacote makes a file executable when its path, less its
   *     first component, is one of them)
   * @param target the tarball to write (replaced if it exists)
   * @return what was written
   * @throws PackException if a file cannot be read or the tarball cannot be written
   */
  static Written write(Path root, List<String> files, List<String> bins, Path target) {
    MessageDigest sha512 = digest("SHA-512");
    MessageDigest sha1 = digest("SHA-1");
    Map<String, String> firstPathOfInode = new HashMap<>();
    List<PackedFile> entries = new ArrayList<>(files.size());
    Path temp;
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".npmauth-pack-", ".tgz.tmp");
    } catch (IOException e) {
      throw new PackException(PackFailure.IO_ERROR, "cannot write in " + target.getParent() + ": " + e.getMessage(), e);
    }
    long[] size = new long[1];
    try {
      try (OutputStream file = Files.newOutputStream(temp);
           OutputStream counting = new CountingOutputStream(file, size);
           DigestOutputStream d512 = new DigestOutputStream(counting, sha512);
           DigestOutputStream d1 = new DigestOutputStream(d512, sha1);
           BufferedOutputStream buffered = new BufferedOutputStream(d1, 64 * 1024);
           GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(buffered, gzipParameters());
           TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, "UTF-8")) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (String listed : files) {
          String name = listed.startsWith("./") ? listed.substring(2) : listed;
          Path path = root.resolve(name);
          FileStat stat = FileStat.of(path);
          int mode = stat.mode();
          if (isPackageBin(bins, listed)) {
            mode |= 0111;
          }
          mode = (mode & 07777 | 0600) & ~022;
          String linkTarget = stat.inodeKey() == null ? null : firstPathOfInode.get(stat.inodeKey());
          if (stat.inodeKey() != null && linkTarget == null) {
            firstPathOfInode.put(stat.inodeKey(), name);
          }
          TarArchiveEntry entry;
          if (linkTarget != null) {
            entry = new TarArchiveEntry("package/" + name, TarConstants.LF_LINK);
            entry.setLinkName("package/" + linkTarget);
            entry.setSize(0);
          } else {
            entry = new TarArchiveEntry("package/" + name, TarConstants.LF_NORMAL);
            entry.setSize(stat.size());
          }
          entry.setMode(mode);
          entry.setModTime(java.nio.file.attribute.FileTime.from(NPM_MTIME));
          entry.setUserId(0);
          entry.setGroupId(0);
          entry.setUserName("");
          entry.setGroupName("");
          tar.putArchiveEntry(entry);
          if (linkTarget == null) {
            copy(path, stat.size(), tar);
          }
          tar.closeArchiveEntry();
          entries.add(new PackedFile(name, entry.getSize(), mode));
        }
        tar.finish();
      }
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new PackException(PackFailure.IO_ERROR, "cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
    return new Written(size[0], HexFormat.of().formatHex(sha1.digest()),
        "sha512-" + Base64.getEncoder().encodeToString(sha512.digest()), entries);
  }

  /** pacote's {@code isPackageBin}: the path less its first component equals a bin path. */
  static boolean isPackageBin(List<String> bins, String path) {
    String p = FIRST_COMPONENT.matcher(path).replaceFirst("");
    return bins.contains(p);
  }

  private static void copy(Path path, long expected, OutputStream out) {
    long copied;
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[64 * 1024];
      copied = 0;
      int n;
      while (copied < expected && (n = in.read(buffer, 0, (int) Math.min(buffer.length, expected - copied))) > 0) {
        out.write(buffer, 0, n);
        copied += n;
      }
      if (copied == expected && in.read() != -1) {
        throw new PackException(PackFailure.IO_ERROR, path + " grew while it was being packed; pack again");
      }
    } catch (IOException e) {
      throw new PackException(PackFailure.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
    }
    if (copied != expected) {
      throw new PackException(PackFailure.IO_ERROR, path + " shrank while it was being packed; pack again");
    }
  }

  private static GzipParameters gzipParameters() {
    GzipParameters parameters = new GzipParameters();
    parameters.setCompressionLevel(9);
    parameters.setOperatingSystem(255);
    parameters.setModificationTime(0);
    return parameters;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // the temporary file is left behind; nothing else to do
    }
  }

  /** What node-tar reads from {@code lstat}: size, permission bits, and the inode for hard links. */
  private record FileStat(long size, int mode, String inodeKey) {
    static FileStat of(Path path) {
      try {
        long size = Files.size(path);
        try {
          Map<String, Object> unix = Files.readAttributes(path, "unix:mode,ino,dev,nlink", LinkOption.NOFOLLOW_LINKS);
          int mode = ((Number) unix.get("mode")).intValue();
          int nlink = ((Number) unix.get("nlink")).intValue();
          String inode = nlink > 1 ? unix.get("dev") + ":" + unix.get("ino") : null;
          return new FileStat(size, mode, inode);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
          return new FileStat(size, posixMode(path), null);
        }
      } catch (IOException e) {
        throw new PackException(PackFailure.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
      }
    }

    private static int posixMode(Path path) throws IOException {
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission p : permissions) {
          mode |= switch (p) {
            case OWNER_READ -> 0400;
            case OWNER_WRITE -> 0200;
            case OWNER_EXECUTE -> 0100;
            case GROUP_READ -> 040;
            case GROUP_WRITE -> 020;
            case GROUP_EXECUTE -> 010;
            case OTHERS_READ -> 04;
            case OTHERS_WRITE -> 02;
            case OTHERS_EXECUTE -> 01;
          };
        }
        return mode;
      } catch (UnsupportedOperationException e) {
        return 0644; // no POSIX permissions (Windows): node reports 0666 for a writable file, npm writes 0644
      }
    }
  }

  /** Counts the bytes written through it. */
  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    private final long[] count;

    CountingOutputStream(OutputStream out, long[] count) {
      super(out);
      this.count = count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count[0]++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count[0] += len;
    }
  }
}
