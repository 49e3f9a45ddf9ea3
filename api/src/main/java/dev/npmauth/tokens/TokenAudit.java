package dev.npmauth.tokens;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An inventory of a user's tokens with their risky properties flagged: write tokens without
 * expiry or close to it, write tokens over every package, tokens that bypass 2FA, tokens usable
 * from any address. {@link #of} is a pure function of the list, the policy and the time.
 *
 * <pre>{@code
 * TokenAudit audit = client.tokens().audit(session, AuditPolicy.defaults());
 * System.out.print(audit.renderTable());
 * Files.writeString(Path.of("tokens.json"), audit.renderJson());
 * }</pre>
 *
 * @param auditedAt when the audit was made
 * @param policy the policy used
 * @param findings one per token, in list order
 */
public record TokenAudit(Instant auditedAt, AuditPolicy policy, List<AuditFinding> findings) {

  /**
   * Copies the list and checks that nothing is null.
   *
   * @throws NullPointerException if a component is null
   */
  public TokenAudit {
    Objects.requireNonNull(auditedAt, "auditedAt");
    Objects.requireNonNull(policy, "policy");
    findings = List.copyOf(findings);
  }

  /**
   * Audits a list of tokens.
   *
   * @param tokens the tokens, as listed
   * @param policy what counts as expiring soon
   * @param now the current instant
   * @return the audit
   */
  public static TokenAudit of(List<TokenInfo> tokens, AuditPolicy policy, Instant now) {
    Map<String, String> ids = TokenInfo.shortIds(tokens);
    List<AuditFinding> findings = new ArrayList<>();
    for (TokenInfo t : tokens) {
      Set<AuditFlag> flags = EnumSet.noneOf(AuditFlag.class);
      if (t.canWrite()) {
        if (t.expires().isEmpty()) {
          flags.add(AuditFlag.WRITE_WITHOUT_EXPIRY);
        } else if (!t.expires().get().isAfter(now.plus(policy.expiryWarning()))) {
          flags.add(AuditFlag.WRITE_EXPIRING);
        }
        if (t.coversAllPackages()) {
          flags.add(AuditFlag.WRITE_ALL_PACKAGES);
        }
      }
      if (t.bypass2fa()) {
        flags.add(AuditFlag.BYPASSES_2FA);
      }
      if (t.cidrWhitelist().isEmpty()) {
        flags.add(AuditFlag.NO_CIDR_RESTRICTION);
      }
      findings.add(new AuditFinding(t, ids.get(t.key()), new ArrayList<>(flags)));
    }
    return new TokenAudit(now, policy, findings);
  }

  /**
   * The findings with at least one flag.
   *
   * @return the flagged tokens
   */
  public List<AuditFinding> flagged() {
    return findings.stream().filter(f -> !f.flags().isEmpty()).toList();
  }

  /**
   * A text table: id, name, access, expiry, CIDR ranges and flags, one token per line, then a
   * summary line.
   *
   * @return the table, ending in a newline
   */
  public String renderTable() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "NAME", "ACCESS", "EXPIRES", "CIDR", "FLAGS"});
    for (AuditFinding f : findings) {
      TokenInfo t = f.token();
      rows.add(new String[] {
          f.id(),
          t.name().orElse("-"),
          access(t),
          t.expires().map(this::expiry).orElse("never"),
          t.cidrWhitelist().isEmpty() ? "any" : String.join(",", t.cidrWhitelist()),
          f.flags().isEmpty() ? "-" : String.join(",", f.flags().stream().map(Enum::name).toList())});
    }
    int[] widths = new int[6];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append(findings.size()).append(" token").append(findings.size() == 1 ? "" : "s").append(", ")
        .append(flagged().size()).append(" flagged (write tokens expiring within ")
        .append(policy.expiryWarning().toDays()).append(" days count as expiring)\n");
    for (AuditFlag flag : AuditFlag.values()) {
      long count = findings.stream().filter(f -> f.flags().contains(flag)).count();
      if (count > 0) {
        out.append("  ").append(flag.name()).append(": ").append(count).append(" (").append(flag.description())
            .append(")\n");
      }
    }
    return out.toString();
  }

  private String expiry(Instant at) {
    Duration left = Duration.between(auditedAt, at);
    String day = at.truncatedTo(ChronoUnit.SECONDS).toString();
    if (left.isNegative() || left.isZero()) {
      return day + " (expired)";
    }
    return day + " (in " + (left.toDays() > 0 ? left.toDays() + "d" : left.toHours() + "h") + ")";
  }

  private static String access(TokenInfo t) {
    String access = t.canWrite() ? "read-write" : "read-only";
    if (t.packagesAndScopesPermission().orElse(null) == TokenPermission.NO_ACCESS && !t.canWrite()) {
      access = "no-access";
    }
    return access + (t.coversAllPackages() ? " (all packages)" : "");
  }

  /**
   * The audit as JSON: {@code auditedAt}, {@code expiryWarningDays}, {@code flagged} (a count)
   * and {@code tokens}, each with {@code key}, {@code id}, {@code name}, {@code canWrite}, {@code
   * allPackages}, {@code packages}, {@code scopes}, {@code expires}, {@code cidrWhitelist}, {@code
   * bypass2fa} and {@code flags}. No token value appears (the list has none).
   *
   * @return compact JSON text
   */
  public String renderJson() {
    StringBuilder out = new StringBuilder("{\"auditedAt\":").append(str(auditedAt.toString()))
        .append(",\"expiryWarningDays\":").append(policy.expiryWarning().toDays())
        .append(",\"flagged\":").append(flagged().size()).append(",\"tokens\":[");
    for (int i = 0; i < findings.size(); i++) {
      AuditFinding f = findings.get(i);
      TokenInfo t = f.token();
      out.append(i == 0 ? "" : ",").append('{')
          .append("\"key\":").append(str(t.key()))
          .append(",\"id\":").append(str(f.id()))
          .append(",\"name\":").append(t.name().map(TokenAudit::str).orElse("null"))
          .append(",\"canWrite\":").append(t.canWrite())
          .append(",\"allPackages\":").append(t.coversAllPackages())
          .append(",\"packages\":").append(strs(t.packages()))
          .append(",\"scopes\":").append(strs(t.scopes()))
          .append(",\"expires\":").append(t.expires().map(e -> str(e.toString())).orElse("null"))
          .append(",\"cidrWhitelist\":").append(strs(t.cidrWhitelist()))
          .append(",\"bypass2fa\":").append(t.bypass2fa())
          .append(",\"flags\":").append(strs(f.flags().stream().map(Enum::name).toList()))
          .append('}');
    }
    return out.append("]}").toString();
  }

  private static String strs(List<String> values) {
    return "[" + String.join(",", values.stream().map(TokenAudit::str).toList()) + "]";
  }

  /** A JSON string literal. */
  private static String str(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
