package dev.npmauth.verify;

/**
 * Hears about an audit's progress. Calls are serialized (never two at once) but come from the
 * audit's worker threads; keep them short.
 *
 * <pre>{@code
 * AuditOptions.builder().listener(p -> System.err.printf("%d/%d %s%n",
 *     p.completed(), p.total(), p.latest().dependency().id())).build();
 * }</pre>
 */
@FunctionalInterface
public interface AuditListener {

  /**
   * Called after each dependency has been audited.
   *
   * @param progress how far the audit is, and the dependency just done
   */
  void onProgress(AuditProgress progress);
}
