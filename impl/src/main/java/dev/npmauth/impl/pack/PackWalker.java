package dev.npmauth.impl.pack;

import dev.npmauth.pack.PackException;
import dev.npmauth.pack.PackFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses the files of a package as npm-packlist 10 on ignore-walk 8 does: a walk of the folder
 * where each directory's entries are judged by rule sets applied in a fixed order (npm's default
 * exclusions, the root's {@code files} field, {@code .npmignore}, {@code .gitignore}, and strict
 * rules that force the always-included files in), each directory also consulting its parents'
 * rules for the entry's path from there.
 */
final class PackWalker {
  /** Keys of the synthetic rule sets; NUL cannot occur in a file name, so they never clash with one. */
  static final String DEFAULT_RULES = "\0default-rules";
  static final String STRICT_RULES = "\0strict-rules";
  static final String PACKAGE_JSON = "package.json";
  static final String NPMIGNORE = ".npmignore";
  static final String GITIGNORE = ".gitignore";

  /** npm-packlist's defaults, applied in every folder. */
  static final List<String> DEFAULTS = List.of(
      ".npmignore",
      ".gitignore",
      "**/.git",
      "**/.svn",
      "**/.hg",
      "**/CVS",
      "**/.git/**",
      "**/.svn/**",
      "**/.hg/**",
      "**/CVS/**",
      "/.lock-wscript",
      "/.wafpickle-*",
      "/build/config.gypi",
      "npm-debug.log",
      "**/.npmrc",
      ".*.swp",
      ".DS_Store",
      "**/.DS_Store/**",
      "._*",
      "**/._*/**",
      "*.orig",
      "/archived-packages/**");

  private static final List<Minimatch> DEFAULT_MATCHERS = DEFAULTS.stream()
      .map(rule -> new Minimatch(rule, Minimatch.IGNORE_RULES)).toList();
  private static final List<String> STRICT_DEFAULTS = List.of("/.git");
  private static final List<String> ROOT_IGNORE_FILES = List.of(DEFAULT_RULES, PACKAGE_JSON, NPMIGNORE, GITIGNORE,
      STRICT_RULES);
  private static final List<String> CHILD_IGNORE_FILES = List.of(DEFAULT_RULES, NPMIGNORE, GITIGNORE, STRICT_RULES);
  private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");

  private final PackWalker parent;
  private final Path dir;
  private final String rootPath; // "/"-separated absolute path of the package folder
  private final String relative; // this folder below the root, "" for the root
  private final String basename;
  private final List<String> ignoreFiles;
  private final Map<String, List<Minimatch>> ignoreRules = new HashMap<>();
  private final boolean isPackage;
  private final boolean exact;
  private final List<String> requiredFiles;
  private final Set<String> result;
  private final PackageManifest manifest;

  private PackWalker(PackWalker parent, Path dir, String relative, List<String> ignoreFiles, boolean isPackage,
      boolean exact, List<String> requiredFiles, Set<String> result, PackageManifest manifest, String rootPath) {
    this.parent = parent;
    this.dir = dir;
    this.rootPath = rootPath;
    this.relative = relative;
    this.basename = NodePath.basename(parent == null ? rootPath : relative);
    this.ignoreFiles = ignoreFiles;
    this.isPackage = isPackage;
    this.exact = exact;
    this.requiredFiles = new ArrayList<>(requiredFiles);
    this.result = result;
    this.manifest = manifest;
    ignoreRules.put(DEFAULT_RULES, DEFAULT_MATCHERS); // compiled once: every folder applies them
    if (!isPackage) {
      List<String> strict = new ArrayList<>(STRICT_DEFAULTS);
      for (String file : this.requiredFiles) {
        strict.add("!" + file);
      }
      injectRules(STRICT_RULES, strict);
    }
  }

  /**
   * The files npm packs from a package folder, in npm-packlist's order (by extension, then base
   * name, then path, each with npm's collation), as paths relative to the folder. A path starting
   * with {@code @} comes back as {@code ./@...}, as npm-packlist returns it.
   *
   * @param folder the package folder
   * @param manifest its {@code package.json}
   * @return the files
   * @throws PackException if a folder or ignore file cannot be read, or a pattern is invalid
   */
  static List<String> walk(Path folder, PackageManifest manifest) {
    Path root = folder.toAbsolutePath().normalize();
    String rootPath = root.toString().replace('\\', '/');
    Set<String> result = new LinkedHashSet<>();
    new PackWalker(null, root, "", ROOT_IGNORE_FILES, true, false, List.of(), result, manifest, rootPath).start();
    List<String> files = new ArrayList<>(result.size());
    for (String file : result) {
      files.add(file.startsWith("@") ? "./" + file : file);
    }
    files.sort(PackWalker::packlistOrder);
    return files;
  }

  /** npm-packlist's sort: extension, then base name (both lower-cased), then the whole path. */
  static int packlistOrder(String a, String b) {
    NpmCollator collator = NpmCollator.PACKLIST;
    int c = collator.compare(lower(NodePath.extname(a)), lower(NodePath.extname(b)));
    if (c != 0) {
      return c;
    }
    c = collator.compare(lower(NodePath.basename(a)), lower(NodePath.basename(b)));
    if (c != 0) {
      return c;
    }
    return collator.compare(a, b);
  }

  private static String lower(String s) {
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  private void start() {
    List<String> entries = readdir();
    if (entries.isEmpty()) {
      return;
    }
    for (String entry : entries) {
      if (ignoreFiles.contains(entry)) {
        addIgnoreFile(entry);
      }
    }
    filterEntries(entries);
  }

  private List<String> readdir() {
    List<String> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        entries.add(p.getFileName().toString());
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      throw new PackException(PackFailure.IO_ERROR, "cannot list " + dir + ": " + e.getMessage(), e);
    }
    return entries;
  }

  private void addIgnoreFile(String file) {
    if (file.equals(PACKAGE_JSON) && isPackage) {
      processPackage();
      return;
    }
    Path path = dir.resolve(file);
    String text;
    try {
      text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PackException(PackFailure.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
    }
    onReadIgnoreFile(file, text);
  }

  private void injectRules(String key, List<String> rules) {
    onReadIgnoreFile(key, String.join("\n", rules) + "\n");
  }

  private void onReadIgnoreFile(String key, String data) {
    List<Minimatch> rules = new ArrayList<>();
    for (String line : LINE_BREAK.split(data, -1)) {
      String trimmed = Js.trim(line);
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        rules.add(new Minimatch(trimmed, Minimatch.IGNORE_RULES));
      } catch (IllegalArgumentException e) {
        throw new PackException(PackFailure.INVALID_PATTERN, describe(key) + ": " + e.getMessage(), e);
      }
    }
    ignoreRules.put(key, rules);
  }

  private String describe(String key) {
    String where = relative.isEmpty() ? "" : relative + "/";
    return switch (key) {
      case DEFAULT_RULES -> "npm's default exclusions";
      case STRICT_RULES -> "the always-included files";
      case PACKAGE_JSON -> "the files field of package.json";
      default -> where + key;
    };
  }

  /** npm-packlist's {@code processPackage}: rules from {@code files}, and the strict rules. */
  private void processPackage() {
    List<String> ignores = new ArrayList<>();
    List<String> strict = new ArrayList<>(STRICT_DEFAULTS);
    strict.addAll(List.of(
        "!/package.json",
        "!/readme{,.*[^~$]}",
        "!/copying{,.*[^~$]}",
        "!/license{,.*[^~$]}",
        "!/licence{,.*[^~$]}",
        "/.git",
        "/node_modules",
        ".npmrc",
        "/package-lock.json",
        "/yarn.lock",
        "/pnpm-lock.yaml",
        "/bun.lockb"));
    if (manifest.files().isPresent()) {
      for (String entry : manifest.files().get()) {
        String file = entry;
        if (file.startsWith("./")) {
          file = file.substring(1);
        }
        if (file.endsWith("/*")) {
          file += "*";
        }
        String inverse = "!" + file;
        switch (kindOf(file.replaceFirst("^!+", ""))) {
          case FILE -> {
            strict.add(0, inverse);
            requiredFiles.add(file.startsWith("/") ? file.substring(1) : file);
          }
          case DIRECTORY -> {
            ignores.add(inverse);
            ignores.add(inverse + "/**");
          }
          case MISSING -> ignores.add(inverse);
          case OTHER -> {
            // exists but is neither a file nor a folder: npm adds no rule for it
          }
        }
      }
      List<String> fileRules = new ArrayList<>();
      fileRules.add("*");
      fileRules.addAll(ignores);
      injectRules(PACKAGE_JSON, fileRules);
    }
    manifest.browser().ifPresent(browser -> strict.add("!/" + browser));
    manifest.main().ifPresent(main -> strict.add("!/" + main));
    manifest.bin().ifPresent(bins -> bins.forEach(bin -> strict.add("!/" + bin)));
    injectRules(STRICT_RULES, strict);
  }

  private enum Kind { FILE, DIRECTORY, OTHER, MISSING }

  /** What {@code fs.lstat(path.join(root, file))} says, as npm-packlist looks at it. */
  private Kind kindOf(String file) {
    String joined = NodePath.join(rootPath, file);
    try {
      Path path = Path.of(joined);
      // with a trailing slash the operating system resolves a link and refuses a file
      boolean trailingSlash = joined.endsWith("/") && joined.length() > 1;
      BasicFileAttributes attributes = trailingSlash
          ? Files.readAttributes(path, BasicFileAttributes.class)
          : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (trailingSlash && !attributes.isDirectory()) {
        return Kind.MISSING;
      }
      return attributes.isRegularFile() ? Kind.FILE : attributes.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
    } catch (IOException | InvalidPathException e) {
      return Kind.MISSING;
    }
  }

  private void filterEntries(List<String> entries) {
    if (ignoreRules.get(PACKAGE_JSON) != null) {
      ignoreRules.put(NPMIGNORE, null);
      ignoreRules.put(GITIGNORE, null);
    } else if (ignoreRules.get(NPMIGNORE) != null) {
      ignoreRules.put(GITIGNORE, null);
    }
    for (String entry : entries) {
      boolean passFile = filterEntry(entry, false, null);
      boolean passDir = filterEntry(entry, true, null);
      if (passFile || passDir) {
        stat(entry, passFile, passDir);
      }
    }
  }

  private void stat(String entry, boolean passFile, boolean passDir) {
    if (entry.contains("*")) {
      return; // npm refuses names that cannot exist on Windows
    }
    Path path = dir.resolve(entry);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new PackException(PackFailure.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
    }
    if (!attributes.isRegularFile() && !attributes.isDirectory()) {
      return; // symbolic links, sockets, devices: never packed
    }
    String rel = relative.isEmpty() ? entry : relative + "/" + entry;
    if (!attributes.isDirectory()) {
      if (passFile) {
        result.add(rel);
      }
    } else if (passDir) {
      boolean childExact = passFile || filterEntry(entry + "/", false, null);
      List<String> childRequired = new ArrayList<>();
      // path.relative(file, entry) === '..': the entry is the folder that holds the file (both
      // resolved from the working directory, which npm pack runs in: the package folder)
      String resolvedEntry = resolve(entry);
      for (String file : requiredFiles) {
        String resolved = resolve(file);
        int slash = resolved.lastIndexOf('/');
        if (slash > 0 && resolved.substring(0, slash).equals(resolvedEntry)) {
          childRequired.add(resolved.substring(slash + 1));
        }
      }
      new PackWalker(this, path, rel, CHILD_IGNORE_FILES, false, childExact, childRequired, result, manifest, rootPath)
          .start();
    }
  }

  /** {@code path.resolve(file)} with the package folder as working directory. */
  private String resolve(String file) {
    String resolved = file.startsWith("/") ? NodePath.normalize(file) : NodePath.normalize(rootPath + "/" + file);
    return resolved.length() > 1 && resolved.endsWith("/") ? resolved.substring(0, resolved.length() - 1) : resolved;
  }

  /**
   * ignore-walk's {@code filterEntry}: whether an entry of this folder is included, first as its
   * parents see it (unless this folder was included exactly), then by this folder's rules in
   * order, where a match of an ignore rule excludes and a match of a negated rule includes.
   */
  private boolean filterEntry(String entry, boolean partial, String entryBasename) {
    boolean included = true;
    if (parent != null) {
      String parentEntry = basename + "/" + entry;
      String parentBasename = entryBasename != null ? entryBasename : entry;
      included = parent.filterEntry(parentEntry, partial, parentBasename);
      if (!included && !exact) {
        return false;
      }
    }
    for (String file : ignoreFiles) {
      List<Minimatch> rules = ignoreRules.get(file);
      if (rules == null) {
        continue;
      }
      for (Minimatch rule : rules) {
        if (rule.negate() == included) {
          continue;
        }
        boolean relativeRule = entryBasename != null && isRelativeRule(rule);
        boolean match = rule.match("/" + entry) || rule.match(entry)
            || partial && (rule.match("/" + entry + "/") || rule.match(entry + "/")
                || rule.negate() && (rule.match("/" + entry, true) || rule.match(entry, true))
                || relativeRule && (rule.match("/" + entryBasename + "/") || rule.match(entryBasename + "/")
                    || rule.negate() && (rule.match("/" + entryBasename, true) || rule.match(entryBasename, true))));
        if (match) {
          included = rule.negate();
        }
      }
    }
    return included;
  }

  /** A rule with a portion of at most one name (two with a trailing slash) can match a base name. */
  private static boolean isRelativeRule(Minimatch rule) {
    for (List<String> part : rule.globParts()) {
      boolean lastNonEmpty = !part.get(part.size() - 1).isEmpty();
      if (part.size() <= (lastNonEmpty ? 1 : 2)) {
        return true;
      }
    }
    return false;
  }
}
