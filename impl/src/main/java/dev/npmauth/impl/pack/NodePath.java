package dev.npmauth.impl.pack;

/** Node.js's {@code path.posix} functions that npm's packing code relies on, with their edge cases. */
final class NodePath {
  private NodePath() {
  }

  /** {@code path.posix.normalize}. */
  static String normalize(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean absolute = path.charAt(0) == '/';
    boolean trailingSeparator = path.charAt(path.length() - 1) == '/';
    String normalized = normalizeString(path, !absolute);
    if (normalized.isEmpty()) {
      if (absolute) {
        return "/";
      }
      return trailingSeparator ? "./" : ".";
    }
    if (trailingSeparator) {
      normalized += "/";
    }
    return absolute ? "/" + normalized : normalized;
  }

  /** {@code path.posix.join}. */
  static String join(String... parts) {
    String joined = null;
    for (String part : parts) {
      if (!part.isEmpty()) {
        joined = joined == null ? part : joined + "/" + part;
      }
    }
    return joined == null ? "." : normalize(joined);
  }

  /** {@code path.posix.basename} (without a suffix argument). */
  static String basename(String path) {
    int start = 0;
    int end = -1;
    boolean matchedSlash = true;
    for (int i = path.length() - 1; i >= 0; --i) {
      if (path.charAt(i) == '/') {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else if (end == -1) {
        matchedSlash = false;
        end = i + 1;
      }
    }
    return end == -1 ? "" : path.substring(start, end);
  }

  /** {@code path.posix.extname}. */
  static String extname(String path) {
    int startDot = -1;
    int startPart = 0;
    int end = -1;
    boolean matchedSlash = true;
    int preDotState = 0;
    for (int i = path.length() - 1; i >= 0; --i) {
      char code = path.charAt(i);
      if (code == '/') {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end == -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (code == '.') {
        if (startDot == -1) {
          startDot = i;
        } else if (preDotState != 1) {
          preDotState = 1;
        }
      } else if (startDot != -1) {
        preDotState = -1;
      }
    }
    if (startDot == -1 || end == -1 || preDotState == 0
        || (preDotState == 1 && startDot == end - 1 && startDot == startPart + 1)) {
      return "";
    }
    return path.substring(startDot, end);
  }

  private static String normalizeString(String path, boolean allowAboveRoot) {
    StringBuilder res = new StringBuilder();
    int lastSegmentLength = 0;
    int lastSlash = -1;
    int dots = 0;
    char code = 0;
    for (int i = 0; i <= path.length(); ++i) {
      if (i < path.length()) {
        code = path.charAt(i);
      } else if (code == '/') {
        break;
      } else {
        code = '/';
      }
      if (code == '/') {
        if (lastSlash == i - 1 || dots == 1) {
          // nothing to add
        } else if (dots == 2) {
          if (res.length() < 2 || lastSegmentLength != 2 || res.charAt(res.length() - 1) != '.'
              || res.charAt(res.length() - 2) != '.') {
            if (res.length() > 2) {
              int lastSlashIndex = res.lastIndexOf("/");
              if (lastSlashIndex == -1) {
                res.setLength(0);
                lastSegmentLength = 0;
              } else {
                res.setLength(lastSlashIndex);
                lastSegmentLength = res.length() - 1 - res.lastIndexOf("/");
              }
              lastSlash = i;
              dots = 0;
              continue;
            } else if (res.length() != 0) {
              res.setLength(0);
              lastSegmentLength = 0;
              lastSlash = i;
              dots = 0;
              continue;
            }
          }
          if (allowAboveRoot) {
            res.append(res.length() > 0 ? "/.." : "..");
            lastSegmentLength = 2;
          }
        } else {
          if (res.length() > 0) {
            res.append('/').append(path, lastSlash + 1, i);
          } else {
            res.append(path, lastSlash + 1, i);
          }
          lastSegmentLength = i - lastSlash - 1;
        }
        lastSlash = i;
        dots = 0;
      } else if (code == '.' && dots != -1) {
        ++dots;
      } else {
        dots = -1;
      }
    }
    return res.toString();
  }

  /**
   * {@code @npmcli/package-json}'s {@code secureAndUnixifyPath}: a path made relative and kept
   * inside the package; empty when nothing is left.
   */
  static String secureAndUnixify(String ref) {
    String secured = unixify(join(".", join("/", unixify(ref))));
    return secured.startsWith("./") ? "" : secured;
  }

  private static String unixify(String ref) {
    return ref.replace('\\', '/').replace(':', '/');
  }
}
