package dev.npmauth.bench;

import dev.npmauth.bench.VerifyCorpus.Prepared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Bundles verified per second, one thread, npmauth against sigstore-java in the same JMH run, on
 * the passing Sigstore bundles of {@code ../shared/conformance}, with the raw signature checks as
 * the floor. Prints the bundles both accept (the common set) and why the others are left out,
 * then one table.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests package && java -jar bench/target/npmauth-bench.jar verify}
 * (options: {@code --forks N} (default 1), {@code --warmup N} (3), {@code --iterations N} (5),
 * {@code --seconds S} per iteration (2), {@code --prof NAME} for a JMH profiler such as
 * {@code jfr} or {@code gc}; {@code -Dnpmauth.conformance=DIR} for another data folder).
 */
public final class VerifyBench {
  private static final String B = VerifyBenchmarks.class.getName() + ".";

  private VerifyBench() {
  }

  /**
   * Runs the benchmark.
   *
   * @param args options, see the class comment
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    Path dir = VerifyCorpus.conformanceDir();
    if (!Files.isDirectory(dir)) {
      System.out.println("verify benchmark skipped: no conformance data at " + dir
          + " (run from a checkout next to ../shared, or pass -Dnpmauth.conformance=DIR)");
      return;
    }
    VerifyCorpus corpus = VerifyCorpus.load(dir);
    List<Prepared> common = corpus.common();
    int checks = 0;
    for (Prepared p : common) {
      checks += SignatureChecks.of(p.c().bundle(), VerifyCorpus.read(p.c().trustedRoot()),
          p.c().publicKeyPem()).size();
    }
    System.out.println("Passing sigstore-bundle cases under " + dir + ": " + corpus.all.size()
        + "; npmauth verifies all of them.");
    System.out.println("Common set (sigstore-java " + sigstoreJavaVersion() + " verifies them too): "
        + common.size() + " bundles, " + checks + " public-key signature checks in all.");
    for (Prepared p : corpus.all) {
      if (p.sigstoreJava() == null) {
        System.out.println("  left out: " + p.c().id() + " — " + p.sigstoreJavaProblem());
      }
    }

    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(java.util.regex.Pattern.quote(B) + "(npmauth|sigstoreJava|rawSignaturesJdk"
            + "|rawSignaturesBouncyCastle)$")
        .forks(intOption(args, "--forks", 1))
        .warmupIterations(intOption(args, "--warmup", 3))
        .measurementIterations(intOption(args, "--iterations", 5))
        .warmupTime(TimeValue.seconds(intOption(args, "--seconds", 2)))
        .measurementTime(TimeValue.seconds(intOption(args, "--seconds", 2)))
        .jvmArgsAppend("-Dnpmauth.conformance=" + dir, "-Xms1g", "-Xmx1g")
        .shouldFailOnError(true);
    String prof = stringOption(args, "--prof");
    if (prof != null) {
      options.addProfiler(prof);
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    Map<String, double[]> score = new LinkedHashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      score.put(name.substring(name.lastIndexOf('.') + 1), new double[] {
          r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    int n = common.size();
    double theirs = score.get("sigstoreJava")[0] * n;
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("npmauth", "npmauth", score, n, theirs));
    rows.add(row("sigstore-java " + sigstoreJavaVersion() + " (KeylessVerifier)", "sigstoreJava",
        score, n, theirs));
    rows.add(row("floor: raw signature checks, JDK providers", "rawSignaturesJdk", score, n,
        theirs));
    rows.add(row("floor: raw signature checks, BouncyCastle", "rawSignaturesBouncyCastle", score,
        n, theirs));
    Bench.table("Verify " + n + " Sigstore bundles (parse + every check), one thread, JMH "
            + "throughput, " + String.format("%.1f", (double) checks / n)
            + " signature checks per bundle",
        List.of("verifier", "bundles/s", "± (99.9%)", "µs per bundle", "vs sigstore-java"), rows);
    double ours = score.get("npmauth")[0] * n;
    double floor = Math.max(score.get("rawSignaturesJdk")[0], score.get("rawSignaturesBouncyCastle")[0]) * n;
    System.out.printf("%nnpmauth / sigstore-java: %.2fx (the goal is at least 3x); npmauth takes %.2fx"
        + " the time of its fastest raw signature checks.%n", ours / theirs, floor / ours);
  }

  private static List<String> row(String label, String key, Map<String, double[]> score, int n,
      double theirs) {
    double[] s = score.get(key);
    double perSecond = s[0] * n;
    return List.of(label, String.format("%,.0f", perSecond), String.format("%,.0f", s[1] * n),
        String.format("%.1f", 1e6 / perSecond), String.format("%.2fx", perSecond / theirs));
  }

  /** The sigstore-java version the bench was built with (bench/pom.xml writes it). */
  static String sigstoreJavaVersion() {
    try (var in = VerifyBench.class.getResourceAsStream("versions.properties")) {
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("sigstore-java");
    } catch (java.io.IOException | NullPointerException e) {
      return "(unknown version)";
    }
  }

  private static int intOption(String[] args, String name, int fallback) {
    String v = stringOption(args, name);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static String stringOption(String[] args, String name) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return null;
  }
}
