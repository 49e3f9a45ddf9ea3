package dev.npmauth.bench;

import java.util.Arrays;

/** Entry point: {@code java -jar bench/target/npmauth-bench.jar <benchmark> [options]}. */
public final class BenchMain {
  private BenchMain() {
  }

  /**
   * Runs a benchmark by name.
   *
   * @param args the benchmark name, then its options
   * @throws Exception if it fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.out.println("usage: java -jar bench/target/npmauth-bench.jar publish [--big-mb N] [--packages N] | registry [--threads N] [--seconds S] | load [--clients N] [--seconds S]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "publish" -> PublishBench.main(rest);
      case "verify" -> VerifyBench.main(rest);
      case "audit" -> AuditBench.main(rest);
      case "registry" -> RegistryBench.main(rest);
      case "load" -> LoadBench.main(rest);
      default -> {
        System.out.println("unknown benchmark \"" + args[0] + "\"; known: publish, registry, load");
        System.exit(2);
      }
    }
  }
}
