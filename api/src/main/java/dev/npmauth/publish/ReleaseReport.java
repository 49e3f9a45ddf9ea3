package dev.npmauth.publish;

import java.util.List;

/**
 * What a release did, package by package, in publish order (dependencies first).
 *
 * @param items one item per package
 */
public record ReleaseReport(List<ReleaseItem> items) {

  /** Copies the list. */
  public ReleaseReport {
    items = List.copyOf(items);
  }

  /**
   * Whether every package is now in the registry (or would be, for a dry run).
   *
   * @return true when no item failed or was left out
   */
  public boolean succeeded() {
    return items.stream().noneMatch(i -> i.outcome() == ReleaseItem.Outcome.FAILED
        || i.outcome() == ReleaseItem.Outcome.NOT_ATTEMPTED);
  }

  /**
   * A table for people: one line per package.
   *
   * @return the table
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (ReleaseItem item : items) {
      out.append(String.format("%-17s %s@%s%s%n", item.outcome(), item.packageName(), item.version(),
          item.detail().map(d -> "  " + d).orElse("")));
    }
    out.append(succeeded() ? "release complete" : "release INCOMPLETE: run it again to resume").append('\n');
    return out.toString();
  }
}
