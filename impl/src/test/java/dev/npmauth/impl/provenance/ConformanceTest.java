package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.impl.provenance.ConformanceCases.Case;
import dev.npmauth.impl.provenance.ConformanceCases.Outcome;
import dev.npmauth.provenance.Artifact;
import dev.npmauth.provenance.NpmPackageVersion;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.provenance.RegistrySignature;
import dev.npmauth.provenance.RegistrySignatureResult;
import dev.npmauth.provenance.Verifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of every {@code manifest.json} under {@code ../shared/conformance} (and the npm
 * {@code registry-signatures.json} vectors), as a table: pass cases must verify, fail cases must
 * be rejected with a named failed check. Sigstore cases that give both an artifact file and its
 * digest run twice, as the upstream suite does. No case is skipped: a case of an unknown kind, or
 * without an artifact, fails the test so the harness gets updated.
 */
@Tag("conformance")
class ConformanceTest {
  private static final List<String[]> TABLE = Collections.synchronizedList(new ArrayList<>());

  @TestFactory
  Stream<DynamicNode> everyConformanceCase() {
    Path root = ConformanceCases.root();
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path manifest : ConformanceCases.manifests(root)) {
      List<DynamicNode> tests = new ArrayList<>();
      for (Case c : ConformanceCases.cases(manifest)) {
        tests.addAll(testsFor(c));
      }
      Path vectors = manifest.getParent().resolve("registry-signatures.json");
      if (Files.isRegularFile(vectors)) {
        tests.addAll(registrySignatureTests(vectors));
      }
      nodes.add(DynamicContainer.dynamicContainer(root.relativize(manifest).toString(), tests));
    }
    assertThat(nodes).as("manifests under " + root).isNotEmpty();
    return nodes.stream();
  }

  private static List<DynamicNode> testsFor(Case c) {
    List<DynamicNode> out = new ArrayList<>();
    switch (String.valueOf(c.kind())) {
      case "sigstore-bundle":
        if (c.str("artifact") != null) {
          out.add(DynamicTest.dynamicTest(c.id() + " [file]", () -> {
            Artifact a = Artifact.ofFile(c.path("artifact"));
            record(c, "file", ConformanceCases.runBundle(c, c.bytes("bundle"), a));
          }));
        }
        if (c.map("artifactDigest") != null) {
          out.add(DynamicTest.dynamicTest(c.id() + " [digest]", () -> record(c, "digest",
              ConformanceCases.runBundle(c, c.bytes("bundle"), ConformanceCases.digestArtifact(c)))));
        }
        if (out.isEmpty()) {
          out.add(DynamicTest.dynamicTest(c.id(), () -> {
            throw new AssertionError("case " + c.id() + " has neither artifact nor artifactDigest");
          }));
        }
        break;
      case "npm-attestations":
        out.add(DynamicTest.dynamicTest(c.id(), () -> record(c, "response",
            ConformanceCases.runAttestations(c, c.bytes("bundle")))));
        break;
      default:
        out.add(DynamicTest.dynamicTest(c.id(), () -> {
          throw new AssertionError("case " + c.id() + " has kind '" + c.kind()
              + "', which this harness does not know: teach it before the case can count");
        }));
    }
    return out;
  }

  private static void record(Case c, String mode, Outcome o) {
    String expected = c.expectPass() ? "pass" : "fail";
    String got = o.verified ? "pass" : "fail";
    TABLE.add(new String[] {c.id(), mode, expected, got, o.failedCheck});
    if (c.expectPass()) {
      assertThat(o.verified).as("%s (%s) must verify; failed: %s", c.id(), mode, o.failedCheck).isTrue();
    } else {
      assertThat(o.verified).as("%s (%s) must be rejected: %s", c.id(), mode, c.str("reason")).isFalse();
      assertThat(o.failedCheck).as("a rejection names the failed check").isNotBlank();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<DynamicNode> registrySignatureTests(Path file) {
    Map<String, Object> doc = (Map<String, Object>) ConformanceCases.json(ConformanceCases.read(file));
    RegistryKeys keys = RegistryKeys.parse(ConformanceCases.read(
        file.getParent().resolve((String) doc.get("registryKeys"))));
    List<DynamicNode> out = new ArrayList<>();
    for (Object o : (List<Object>) doc.get("vectors")) {
      Map<String, Object> v = (Map<String, Object>) o;
      String id = "registry-signature " + v.get("id");
      out.add(DynamicTest.dynamicTest(id, () -> {
        List<RegistrySignature> sigs = new ArrayList<>();
        for (Object s : (List<Object>) v.get("signatures")) {
          Map<String, Object> m = (Map<String, Object>) s;
          sigs.add(new RegistrySignature((String) m.get("keyid"), (String) m.get("sig")));
        }
        NpmPackageVersion version = new NpmPackageVersion((String) v.get("name"),
            (String) v.get("version"), (String) v.get("integrity"), sigs, Optional.empty(),
            Optional.empty());
        RegistrySignatureResult r = Verifiers.registrySignatureVerifier().verify(version, keys);
        boolean expectPass = "pass".equals(v.get("expect"));
        TABLE.add(new String[] {id, "dist.signatures", expectPass ? "pass" : "fail",
            r.verified() ? "pass" : "fail", r.verified() ? "" : r.outcome() + ": " + r.detail()});
        assertThat(r.verified()).as("%s: %s", id, v.get("reason")).isEqualTo(expectPass);
      }));
    }
    return out;
  }

  @AfterAll
  static void printTable() throws IOException {
    if (TABLE.isEmpty()) {
      return;
    }
    List<String[]> rows = new ArrayList<>(TABLE);
    int w0 = 4;
    for (String[] r : rows) {
      w0 = Math.max(w0, r[0].length() + r[1].length() + 3);
    }
    StringBuilder sb = new StringBuilder("\n");
    String fmt = "%-" + w0 + "s  %-8s %-4s %-4s %s%n";
    sb.append(String.format(fmt, "case", "expected", "got", "ok", "failed check"));
    int pass = 0;
    int fail = 0;
    int wrong = 0;
    for (String[] r : rows) {
      boolean ok = r[2].equals(r[3]);
      if (!ok) {
        wrong++;
      } else if (r[2].equals("pass")) {
        pass++;
      } else {
        fail++;
      }
      String detail = r[4].length() > 150 ? r[4].substring(0, 147) + "..." : r[4];
      sb.append(String.format(fmt, r[0] + " [" + r[1] + "]", r[2], r[3], ok ? "ok" : "WRONG", detail));
    }
    sb.append(String.format("%d runs: %d pass runs verified, %d fail runs rejected, %d wrong%n",
        rows.size(), pass, fail, wrong));
    System.out.print(sb);
    Path out = Path.of("target", "conformance-table.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, sb.toString());
  }
}
