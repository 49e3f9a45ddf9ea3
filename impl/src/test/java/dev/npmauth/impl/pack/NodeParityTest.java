package dev.npmauth.impl.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.npmauth.impl.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The matcher and the collation against the real thing: node runs the minimatch bundled with the
 * installed npm, and ICU's collation, on thousands of generated patterns, paths and names, and
 * every answer must agree. Skipped, saying why, when node or npm is not installed.
 */
@Tag("peer")
class NodeParityTest {

  private static final String MINIMATCH_CASES = """
      const { Minimatch } = require(process.argv[1]);
      let seed = Number(process.argv[2]);
      const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
      const pick = a => a[Math.floor(rnd() * a.length)];
      const tokens = ['*', '**', '**/', '?', 'a', 'b', '.', '/', '/', '!', '{a,b}', '{,.*[^~$]}', '[a-c]', '[!a]',
        '+(a|b)', '!(a)', '@(x|y)', '*(a)', '?(b)', '+(', '|', ')', '.x', 'A', '\\\\*', '\\\\|', '[[:alpha:]]',
        '..', 'x.js', '*.js', '.*', '{1..3}', 'readme', '#', ' ', '[^/]', 'a*b', '??', '*.*'];
      const segments = ['a', 'b', 'A', '.x', 'ab', 'x.js', '.git', 'b.JS', 'readme.md', 'README', '1', 'x.y.z',
        '..', '.', '(a)', 'a|b', '', '*'];
      const opts = { matchBase: true, dot: true, flipNegate: true, nocase: true };
      const out = [];
      for (let i = 0; i < 3000; i++) {
        let p = ''; for (let j = 1 + Math.floor(rnd() * 5); j > 0; j--) p += pick(tokens);
        let mm = null; try { mm = new Minimatch(p, opts); } catch (e) { }
        for (let k = 0; k < 5; k++) {
          const parts = []; for (let j = 1 + Math.floor(rnd() * 3); j > 0; j--) parts.push(pick(segments));
          const f = (rnd() < 0.3 ? '/' : '') + parts.join('/') + (rnd() < 0.2 ? '/' : '');
          const partial = rnd() < 0.4;
          let r = 'error'; try { if (mm) r = String(mm.match(f, partial)); } catch (e) { }
          out.push(JSON.stringify([p, f, partial, r]));
        }
      }
      console.log(out.join('\\n'));
      """;

  private static final String COLLATION_CASES = """
      let seed = Number(process.argv[1]);
      const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
      const chars = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '\\t\\u0001éÉèüñßæø';
      const listing = new Intl.Collator('en', { sensitivity: 'case', numeric: true });
      const word = () => { let s = ''; for (let n = 1 + Math.floor(rnd() * 6); n > 0; n--) s += chars[Math.floor(rnd() * chars.length)]; return s; };
      const out = [];
      for (let i = 0; i < 10000; i++) {
        const a = word(); const b = rnd() < 0.3 ? a.slice(0, -1) + chars[Math.floor(rnd() * chars.length)] : word();
        out.push(JSON.stringify([a, b, Math.sign(a.localeCompare(b, 'en')), Math.sign(listing.compare(a, b))]));
      }
      console.log(out.join('\\n'));
      """;

  private static Path executable(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s failed", command.get(0)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static List<List<?>> lines(String output) throws IOException {
    List<List<?>> rows = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        rows.add((List<?>) Json.read(line));
      }
    }
    return rows;
  }

  @Test
  void matcherAgreesWithNpmsMinimatchOnGeneratedPatterns() throws Exception {
    Path node = executable("node");
    Path npm = executable("npm");
    assumeTrue(node != null && npm != null, "node and npm not found on PATH: this test compares with npm's minimatch");
    Path minimatch = Path.of(run(List.of(npm.toString(), "root", "-g")).strip(), "npm", "node_modules", "minimatch");
    assumeTrue(Files.isDirectory(minimatch), "npm's minimatch not found at " + minimatch);
    List<String> mismatches = new ArrayList<>();
    java.util.Map<String, Minimatch> compiledPatterns = new java.util.HashMap<>();
    int checked = 0;
    for (int seed = 1; seed <= 3; seed++) {
      for (List<?> c : lines(run(List.of(node.toString(), "-e", MINIMATCH_CASES, minimatch.toString(),
          String.valueOf(seed))))) {
        String pattern = (String) c.get(0);
        String path = (String) c.get(1);
        boolean partial = (Boolean) c.get(2);
        String actual;
        try {
          Minimatch compiled = compiledPatterns.computeIfAbsent(pattern, p -> new Minimatch(p, Minimatch.IGNORE_RULES));
          actual = String.valueOf(compiled.match(path, partial));
        } catch (IllegalArgumentException e) {
          actual = "error";
        }
        checked++;
        if (!actual.equals(c.get(3)) && mismatches.size() < 20) {
          mismatches.add(pattern + " on '" + path + "' partial=" + partial + ": node " + c.get(3) + ", ours " + actual);
        }
      }
    }
    assertThat(checked).isEqualTo(45_000);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void collationAgreesWithIcu() throws Exception {
    Path node = executable("node");
    assumeTrue(node != null, "node not found on PATH: this test compares with ICU's collation in node");
    List<String> mismatches = new ArrayList<>();
    for (List<?> c : lines(run(List.of(node.toString(), "-e", COLLATION_CASES, "7")))) {
      String a = (String) c.get(0);
      String b = (String) c.get(1);
      int packlist = Integer.signum(NpmCollator.PACKLIST.compare(a, b));
      int listing = Integer.signum(NpmCollator.LISTING.compare(a, b));
      if ((packlist != ((Number) c.get(2)).intValue() || listing != ((Number) c.get(3)).intValue())
          && mismatches.size() < 20) {
        mismatches.add(Objects.toString(c) + " ours: " + packlist + ", " + listing);
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
