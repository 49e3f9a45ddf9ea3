package dev.npmauth.samples.cli;

import com.squareup.moshi.Moshi;
import dev.npmauth.NpmRegistryClient;
import dev.npmauth.verify.AuditOptions;
import dev.npmauth.verify.AuditProblemKind;
import dev.npmauth.verify.AuditReport;
import dev.npmauth.verify.LockedDependency;
import dev.npmauth.verify.PackageAudit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code npmauth audit [lockfile]}: {@code npm audit signatures}, from the JVM, with more checks. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Audit a project's installed packages like npm audit signatures: every dependency installed from a",
        "registry (per package-lock.json or npm-shrinkwrap.json, lockfile versions 1 to 3) must have a valid registry",
        "signature, valid attestations where it has any, and the integrity the registry publishes.",
        "Links, workspaces, git, file: and other non-registry dependencies are listed as skipped.",
        "Exit code 0 when everything verified, 1 when anything is invalid or missing."})
final class AuditCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "LOCKFILE|FOLDER", defaultValue = ".",
      description = "The lockfile, or the project folder (default: the current folder).")
  Path lockfile;

  @Mixin
  RegistryOption registry;

  @Mixin
  VerifyOptionsMixin verify;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "How many packages are verified at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--progress", description = "Print one line per package to standard error as it is done.")
  boolean progress;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditOptions.Builder options = AuditOptions.builder().verify(verify.options()).concurrency(concurrency);
    if (progress) {
      options.listener(p -> {
        err.println("[" + p.completed() + "/" + p.total() + "] " + p.latest().dependency().id()
            + (p.latest().problems().isEmpty() ? " ok" : " " + p.latest().problems().get(0).kind()));
        err.flush();
      });
    }
    AuditReport report;
    try (NpmRegistryClient client = registry.client()) {
      report = client.verification().audit(lockfile, options.build());
    }
    out.print(json ? toJson(report) + "\n" : report.render());
    out.flush();
    return report.exitCode();
  }

  static String toJson(AuditReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("lockfile", report.lockfile().toString());
    doc.put("audited", report.auditedWithKeys().size());
    doc.put("verifiedSignatures", report.verifiedSignatures().size());
    doc.put("verifiedAttestations", report.verifiedAttestations().size());
    List<Object> invalid = new ArrayList<>();
    List<Object> missing = new ArrayList<>();
    for (PackageAudit p : report.packages()) {
      if (p.problems().isEmpty()) {
        continue;
      }
      Map<String, Object> entry = entry(p.dependency());
      entry.put("registry", p.registry());
      List<Object> problems = new ArrayList<>();
      p.problems().forEach(pr -> problems.add(Map.of("kind", pr.kind().name(), "detail", pr.detail())));
      entry.put("problems", problems);
      (p.has(AuditProblemKind.MISSING_SIGNATURE) && p.problems().size() == 1 ? missing : invalid).add(entry);
    }
    doc.put("invalid", invalid);
    doc.put("missing", missing);
    List<Object> skipped = new ArrayList<>();
    report.skipped().forEach(d -> {
      Map<String, Object> e = entry(d);
      e.put("source", d.source().name());
      skipped.add(e);
    });
    doc.put("skipped", skipped);
    doc.put("passed", report.passed());
    return new Moshi.Builder().build().adapter(Object.class).indent("  ").toJson(doc);
  }

  private static Map<String, Object> entry(LockedDependency d) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("name", d.name());
    e.put("version", d.version());
    e.put("location", d.location());
    d.resolved().ifPresent(r -> e.put("resolved", r));
    d.integrity().ifPresent(i -> e.put("integrity", i));
    return e;
  }
}
