package dev.npmauth.testkit.assertj;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.IssuedToken;
import dev.npmauth.testkit.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How failure messages show the registry's state and journal; never a secret (the journal is redacted). */
final class Describe {
  /** The most requests a message lists; a longer journal shows its last ones. */
  static final int MAX_REQUESTS = 40;

  private Describe() {}

  static String requests(List<RecordedRequest> requests, Optional<String> header) {
    if (requests.isEmpty()) {
      return "  (none)";
    }
    StringBuilder out = new StringBuilder();
    int skip = Math.max(0, requests.size() - MAX_REQUESTS);
    if (skip > 0) {
      out.append("  … ").append(skip).append(" earlier requests not shown\n");
    }
    for (RecordedRequest r : requests.subList(skip, requests.size())) {
      out.append("  ").append(request(r));
      header.ifPresent(h -> out.append("   ").append(h).append(": ")
          .append(r.headers().getOrDefault(h, List.of()).isEmpty() ? "(absent)"
              : String.join(", ", r.headers().get(h))));
      out.append('\n');
    }
    return out.toString().stripTrailing();
  }

  static String request(RecordedRequest r) {
    return r.method() + " " + r.path() + " -> " + (r.status() == 0 ? "dropped" : String.valueOf(r.status()));
  }

  static String journal(List<RecordedRequest> journal) {
    return "The journal (" + journal.size() + " request" + (journal.size() == 1 ? "" : "s") + "):\n"
        + requests(journal, Optional.empty());
  }

  /** Every package with its versions and dist-tags, one per line. */
  static String packages(FakeRegistry registry) {
    List<String> names = registry.packages();
    if (names.isEmpty()) {
      return "  (no packages)";
    }
    return names.stream().map(n -> "  " + pkg(registry, n)).collect(Collectors.joining("\n"));
  }

  static String pkg(FakeRegistry registry, String name) {
    return name + " " + registry.versions(name) + " dist-tags " + tags(registry.distTags(name));
  }

  static String tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  static String tokens(List<IssuedToken> tokens) {
    if (tokens.isEmpty()) {
      return "  (no tokens)";
    }
    return tokens.stream().map(t -> "  " + token(t)).collect(Collectors.joining("\n"));
  }

  /** What the registry knows of a token: never the token itself, which it does not keep. */
  static String token(IssuedToken t) {
    StringBuilder b = new StringBuilder();
    b.append(t.user()).append(' ').append(t.origin()).append(" key ").append(t.key());
    t.name().ifPresent(n -> b.append(" \"").append(n).append('"'));
    b.append(t.readOnly() ? " read-only" : " read-write");
    if (t.noPackageAccess()) {
      b.append(" no-package-access");
    } else if (!t.packages().isEmpty() || !t.scopes().isEmpty()) {
      b.append(" packages ").append(t.packages().stream().sorted().toList());
      if (!t.scopes().isEmpty()) {
        b.append(" scopes ").append(t.scopes().stream().sorted().toList());
      }
    } else {
      b.append(" all packages");
    }
    if (!t.cidrs().isEmpty()) {
      b.append(" cidr ").append(t.cidrs());
    }
    if (t.bypass2fa()) {
      b.append(" bypass-2fa");
    }
    b.append(t.expires().map(e -> " expires " + e).orElse(" no expiry"));
    return b.toString();
  }
}
