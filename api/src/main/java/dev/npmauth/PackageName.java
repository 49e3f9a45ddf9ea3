package dev.npmauth;

import java.util.Optional;
import java.util.Set;

/**
 * A valid npm package name, scoped ({@code @scope/name}) or not.
 *
 * <p>{@link #of(String)} accepts every name the registry still serves (older packages may have
 * capital letters); {@link #forNewPackage(String)} also applies the rules the registry enforces
 * when a package is created.
 *
 * <pre>{@code
 * PackageName name = PackageName.of("@acme/widgets");
 * name.escaped();     // "@acme%2fwidgets", as npm puts it in a URL path
 * name.scope();       // Optional[acme]
 * }</pre>
 *
 * @param value the name as npm writes it, for example {@code @acme/widgets}
 */
public record PackageName(String value) implements Comparable<PackageName> {

  private static final Set<String> CORE_MODULES = Set.of(
      "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing",
      "_http_server", "_stream_duplex", "_stream_passthrough", "_stream_readable",
      "_stream_transform", "_stream_wrap", "_stream_writable", "_tls_common", "_tls_wrap",
      "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console",
      "constants", "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain",
      "events", "fs", "fs/promises", "http", "http2", "https", "inspector", "inspector/promises",
      "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process",
      "punycode", "querystring", "readline", "readline/promises", "repl", "stream",
      "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
      "timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm",
      "wasi", "worker_threads", "zlib", "node:sea", "node:sqlite", "node:test",
      "node:test/reporters");

  /**
   * Checks the name against the rules every existing package follows.
   *
   * @throws InvalidPackageNameException naming the first rule the name breaks
   */
  public PackageName {
    if (value == null) {
      throw new InvalidPackageNameException("null", PackageNameRule.NOT_EMPTY);
    }
    PackageNameRule broken = firstBrokenRule(value, false);
    if (broken != null) {
      throw new InvalidPackageNameException(value, broken);
    }
  }

  /**
   * Parses a name that an existing package may have.
   *
   * @param name for example {@code left-pad} or {@code @acme/widgets}
   * @return the name
   * @throws InvalidPackageNameException naming the rule the name breaks
   */
  public static PackageName of(String name) {
    return new PackageName(name);
  }

  /**
   * Parses a name under the stricter rules the registry applies when a package is created.
   *
   * @param name the name of a package that does not exist yet
   * @return the name
   * @throws InvalidPackageNameException naming the rule the name breaks
   */
  public static PackageName forNewPackage(String name) {
    PackageName parsed = of(name);
    PackageNameRule broken = firstBrokenRule(name, true);
    if (broken != null) {
      throw new InvalidPackageNameException(name, broken);
    }
    return parsed;
  }

  /**
   * Whether a new package could take this name (see {@link #forNewPackage(String)}).
   *
   * @return true when no new-package rule is broken
   */
  public boolean validForNewPackage() {
    return firstBrokenRule(value, true) == null;
  }

  /**
   * The first rule a name breaks, or null if it breaks none.
   *
   * @param name the name to check
   * @param newPackage whether to apply the new-package rules too
   * @return the rule, or null
   */
  static PackageNameRule firstBrokenRule(String name, boolean newPackage) {
    if (name.isEmpty()) {
      return PackageNameRule.NOT_EMPTY;
    }
    if (name.startsWith(".")) {
      return PackageNameRule.NO_LEADING_PERIOD;
    }
    if (name.startsWith("-")) {
      return PackageNameRule.NO_LEADING_HYPHEN;
    }
    if (name.startsWith("_")) {
      return PackageNameRule.NO_LEADING_UNDERSCORE;
    }
    if (!name.strip().equals(name)) {
      return PackageNameRule.NO_SURROUNDING_SPACES;
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("node_modules") || lower.equals("favicon.ico")) {
      return PackageNameRule.NOT_EXCLUDED;
    }
    if (!isUriComponentSafe(name)) {
      int slash = name.indexOf('/');
      boolean scopedShape = name.startsWith("@") && slash > 1 && slash == name.lastIndexOf('/')
          && slash < name.length() - 1;
      if (!scopedShape) {
        return PackageNameRule.URL_FRIENDLY;
      }
      String scope = name.substring(1, slash);
      String bare = name.substring(slash + 1);
      if (bare.startsWith(".")) {
        return PackageNameRule.NO_LEADING_PERIOD;
      }
      if (!isUriComponentSafe(scope) || !isUriComponentSafe(bare)) {
        return PackageNameRule.URL_FRIENDLY;
      }
    }
    if (!newPackage) {
      return null;
    }
    if (CORE_MODULES.contains(lower)) {
      return PackageNameRule.NOT_CORE_MODULE;
    }
    if (name.length() > 214) {
      return PackageNameRule.AT_MOST_214_CHARACTERS;
    }
    if (!lower.equals(name)) {
      return PackageNameRule.LOWER_CASE;
    }
    String last = name.substring(name.lastIndexOf('/') + 1);
    for (char c : last.toCharArray()) {
      if ("~'!()*".indexOf(c) >= 0) {
        return PackageNameRule.NO_SPECIAL_CHARACTERS;
      }
    }
    return null;
  }

  /** The characters JavaScript's {@code encodeURIComponent} leaves as they are. */
  private static boolean isUriComponentSafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0;
      if (!safe) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the name has a scope.
   *
   * @return true for {@code @scope/name}
   */
  public boolean isScoped() {
    return value.startsWith("@");
  }

  /**
   * The scope without its {@code @}, if the name has one.
   *
   * @return {@code acme} for {@code @acme/widgets}; empty for an unscoped name
   */
  public Optional<String> scope() {
    return isScoped() ? Optional.of(value.substring(1, value.indexOf('/'))) : Optional.empty();
  }

  /**
   * The part after the scope.
   *
   * @return {@code widgets} for {@code @acme/widgets}; the whole name when unscoped
   */
  public String bareName() {
    return value.substring(value.indexOf('/') + 1);
  }

  /**
   * The name as npm puts it in a URL path: the scope's slash becomes a lower-case {@code %2f}.
   *
   * @return {@code @acme%2fwidgets} for {@code @acme/widgets}
   */
  public String escaped() {
    return value.replace("/", "%2f");
  }

  /**
   * The file name npm gives this package's tarball, which is also its attachment key on publish.
   *
   * @param version the version, for example {@code 1.0.0}
   * @return {@code @acme/widgets-1.0.0.tgz} or {@code left-pad-1.0.0.tgz}
   */
  public String tarballName(String version) {
    return value + "-" + version + ".tgz";
  }

  /**
   * The package URL (purl) that attestations name as their subject.
   *
   * @param version the version
   * @return {@code pkg:npm/%40acme/widgets@1.0.0}
   */
  public String purl(String version) {
    return "pkg:npm/" + value.replace("@", "%40") + "@" + version;
  }

  @Override
  public int compareTo(PackageName other) {
    return value.compareTo(other.value);
  }

  /** The name itself, for example {@code @acme/widgets}. */
  @Override
  public String toString() {
    return value;
  }
}
