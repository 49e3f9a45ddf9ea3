package dev.npmauth.impl.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonWriter;
import dev.npmauth.impl.provenance.ConformanceCases.Case;
import dev.npmauth.impl.provenance.ConformanceCases.Outcome;
import dev.npmauth.provenance.Artifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Generated mutations of every passing conformance case: single bytes of the signature, the
 * signing certificate, the DSSE payload, the inclusion-proof hashes and root, the checkpoint
 * (its note and the log's own signature line) and the SET are flipped, at positions sampled
 * deterministically per case, and every mutant must be rejected with a named failed check and
 * no exception. Bytes are flipped in the decoded field and re-encoded, so the JSON stays valid and
 * the cryptographic checks (not the parser) have to catch it. Witness cosignature lines are not
 * mutated: unknown signature lines are ignored by design.
 */
@Tag("fuzz")
class MutationTest {
  private static final int PER_FIELD = 36;
  private static final Map<String, AtomicInteger> REJECTED_BY = new ConcurrentHashMap<>();
  private static final AtomicInteger TOTAL = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> everyMutationOfEveryPassingCaseIsRejected() {
    Path root = ConformanceCases.root();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path manifest : ConformanceCases.manifests(root)) {
      for (Case c : ConformanceCases.cases(manifest)) {
        if (!c.expectPass()) {
          continue;
        }
        if ("sigstore-bundle".equals(c.kind())) {
          Artifact artifact = c.map("artifactDigest") != null ? ConformanceCases.digestArtifact(c)
              : null;
          tests.add(DynamicTest.dynamicTest(c.id(), () -> {
            Artifact a = artifact != null ? artifact : Artifact.ofFile(c.path("artifact"));
            mutateBundleCase(c, tree -> ConformanceCases.runBundle(c, write(tree), a),
                ConformanceCases.json(c.bytes("bundle")), "");
          }));
        } else if ("npm-attestations".equals(c.kind())) {
          tests.add(DynamicTest.dynamicTest(c.id(), () -> {
            Object response = ConformanceCases.json(c.bytes("bundle"));
            List<Object> entries = list(map(response).get("attestations"));
            for (int i = 0; i < entries.size(); i++) {
              Object bundle = map(entries.get(i)).get("bundle");
              mutateBundleCase(c, tree -> ConformanceCases.runAttestations(c, write(response)),
                  bundle, "attestations[" + i + "].");
            }
          }));
        }
      }
    }
    Path vectors = root.resolve("npm/registry-signatures.json");
    if (java.nio.file.Files.isRegularFile(vectors)) {
      tests.addAll(registrySignatureMutants(vectors));
    }
    return tests.stream();
  }

  /** Every byte of every passing {@code dist.signatures} vector's signature, flipped. */
  private static List<DynamicTest> registrySignatureMutants(Path file) {
    Map<String, Object> doc = map(ConformanceCases.json(ConformanceCases.read(file)));
    dev.npmauth.provenance.RegistryKeys keys = dev.npmauth.provenance.RegistryKeys.parse(
        ConformanceCases.read(file.getParent().resolve((String) doc.get("registryKeys"))));
    List<DynamicTest> out = new ArrayList<>();
    for (Object o : list(doc.get("vectors"))) {
      Map<String, Object> v = map(o);
      if (!"pass".equals(v.get("expect"))) {
        continue;
      }
      out.add(DynamicTest.dynamicTest("registry-signature " + v.get("id"), () -> {
        Map<String, Object> sig = map(list(v.get("signatures")).get(0));
        byte[] der = Base64.getDecoder().decode((String) sig.get("sig"));
        Random random = new Random(String.valueOf(v.get("id")).hashCode());
        for (int pos = 0; pos < der.length; pos++) {
          byte[] bad = der.clone();
          bad[pos] ^= (byte) (1 + random.nextInt(255));
          dev.npmauth.provenance.NpmPackageVersion version =
              new dev.npmauth.provenance.NpmPackageVersion((String) v.get("name"),
                  (String) v.get("version"), (String) v.get("integrity"),
                  List.of(new dev.npmauth.provenance.RegistrySignature((String) sig.get("keyid"),
                      Base64.getEncoder().encodeToString(bad))),
                  java.util.Optional.empty(), java.util.Optional.empty());
          dev.npmauth.provenance.RegistrySignatureResult r =
              dev.npmauth.provenance.Verifiers.registrySignatureVerifier().verify(version, keys);
          TOTAL.incrementAndGet();
          assertThat(r.outcome()).as("%s signature byte %d flipped", v.get("id"), pos)
              .isEqualTo(dev.npmauth.provenance.RegistrySignatureOutcome.INVALID);
          REJECTED_BY.computeIfAbsent("registry signature -> INVALID", k -> new AtomicInteger())
              .incrementAndGet();
        }
      }));
    }
    return out;
  }

  /**
   * Mutates {@code bundle} in place, one byte at a time, runs the case on the whole document
   * each time and restores the byte.
   */
  private static void mutateBundleCase(Case c, Function<Object, Outcome> run, Object bundle,
      String prefix) {
    Outcome control = run.apply(bundle);
    assertThat(control.verified).as("%s: the unmutated, re-serialized case must verify (%s)",
        c.id(), control.failedCheck).isTrue();
    Random random = new Random(c.id().hashCode() * 31L + prefix.hashCode());
    Map<String, Object> b = map(bundle);
    Map<String, Object> vm = map(b.get("verificationMaterial"));
    List<Field> fields = new ArrayList<>();
    Map<String, Object> ms = map(b.get("messageSignature"));
    Map<String, Object> dsse = map(b.get("dsseEnvelope"));
    if (ms != null) {
      fields.add(new Field("signature", ms, "signature"));
    }
    if (dsse != null) {
      fields.add(new Field("signature", map(list(dsse.get("signatures")).get(0)), "sig"));
      fields.add(new Field("dsse payload", dsse, "payload"));
    }
    if (vm.get("certificate") != null) {
      fields.add(new Field("certificate", map(vm.get("certificate")), "rawBytes"));
    } else if (vm.get("x509CertificateChain") != null) {
      fields.add(new Field("certificate", map(list(map(vm.get("x509CertificateChain"))
          .get("certificates")).get(0)), "rawBytes"));
    }
    List<Object> entries = list(vm.get("tlogEntries"));
    for (Object e : entries) {
      Map<String, Object> entry = map(e);
      if (entry.get("inclusionPromise") != null) {
        fields.add(new Field("SET", map(entry.get("inclusionPromise")), "signedEntryTimestamp"));
      }
      Map<String, Object> proof = map(entry.get("inclusionProof"));
      if (proof != null) {
        fields.add(new Field("proof root hash", proof, "rootHash"));
        List<Object> hashes = list(proof.get("hashes"));
        for (int i = 0; i < hashes.size(); i++) {
          fields.add(new Field("proof hash", hashes, i));
        }
        if (proof.get("checkpoint") != null) {
          byte[] logId = Base64.getDecoder().decode((String) map(entry.get("logId")).get("keyId"));
          fields.add(new Field("checkpoint", map(proof.get("checkpoint")), logId));
        }
      }
    }
    for (Field f : fields) {
      int budget = f.name.equals("proof hash") ? 6 : PER_FIELD;
      for (int[] m : f.sample(random, budget)) {
        String before = f.get();
        f.set(f.mutate(before, m[0], m[1]));
        Outcome o;
        try {
          o = run.apply(bundle);
        } finally {
          f.set(before);
        }
        TOTAL.incrementAndGet();
        assertThat(o.verified).as("%s: %s%s byte %d ^ 0x%02x must be rejected", c.id(), prefix,
            f.name, m[0], m[1]).isFalse();
        assertThat(o.failedCheck).as("a rejection names its check").isNotBlank();
        String check = o.failedCheck.split("[ :]", 2)[0];
        REJECTED_BY.computeIfAbsent(f.name + " -> " + check, k -> new AtomicInteger()).incrementAndGet();
      }
    }
  }

  /** A base64 field (object key or array slot), or a checkpoint envelope. */
  private static final class Field {
    final String name;
    final Map<String, Object> object;
    final String key;
    final List<Object> array;
    final int index;
    final byte[] checkpointLogId;

    Field(String name, Map<String, Object> object, String key) {
      this(name, object, key, null, -1, null);
    }

    Field(String name, List<Object> array, int index) {
      this(name, null, null, array, index, null);
    }

    Field(String name, Map<String, Object> checkpoint, byte[] logId) {
      this(name, checkpoint, "envelope", null, -1, logId);
    }

    private Field(String name, Map<String, Object> object, String key, List<Object> array,
        int index, byte[] checkpointLogId) {
      this.name = name;
      this.object = object;
      this.key = key;
      this.array = array;
      this.index = index;
      this.checkpointLogId = checkpointLogId;
    }

    String get() {
      return (String) (array != null ? array.get(index) : object.get(key));
    }

    void set(String value) {
      if (array != null) {
        array.set(index, value);
      } else {
        object.put(key, value);
      }
    }

    /** {position, xor} pairs; positions index the mutable bytes of this field. */
    List<int[]> sample(Random random, int budget) {
      int n = mutableLength(get());
      List<int[]> out = new ArrayList<>();
      for (int i = 0; i < Math.min(budget, n); i++) {
        int pos = n <= budget ? i : random.nextInt(n);
        out.add(new int[] {pos, 1 + random.nextInt(checkpointLogId != null ? 127 : 255)});
      }
      return out;
    }

    private int mutableLength(String value) {
      if (checkpointLogId == null) {
        return decode(value).length;
      }
      Checkpoint cp = Checkpoint.split(value, checkpointLogId);
      return cp.note.length() + cp.blob.length;
    }

    String mutate(String value, int pos, int xor) {
      if (checkpointLogId == null) {
        byte[] b = decode(value);
        b[pos] ^= (byte) xor;
        return Base64.getEncoder().encodeToString(b);
      }
      Checkpoint cp = Checkpoint.split(value, checkpointLogId);
      if (pos < cp.note.length()) {
        char[] chars = cp.note.toCharArray();
        chars[pos] = (char) ((chars[pos] ^ xor) & 0x7f);
        if (chars[pos] == cp.note.charAt(pos)) {
          chars[pos] ^= 1;
        }
        return new String(chars) + cp.rest;
      }
      byte[] blob = cp.blob.clone();
      blob[pos - cp.note.length()] ^= (byte) xor;
      return cp.note + cp.rest.replace(cp.blobText, Base64.getEncoder().encodeToString(blob));
    }

    private static byte[] decode(String s) {
      return Base64.getMimeDecoder().decode(s.replace('-', '+').replace('_', '/'));
    }
  }

  /** A checkpoint split into its note and the log's own signature line. */
  private static final class Checkpoint {
    final String note;
    final String rest;
    final String blobText;
    final byte[] blob;

    private Checkpoint(String note, String rest, String blobText, byte[] blob) {
      this.note = note;
      this.rest = rest;
      this.blobText = blobText;
      this.blob = blob;
    }

    static Checkpoint split(String envelope, byte[] logId) {
      int split = envelope.indexOf("\n\n") + 1;
      String note = envelope.substring(0, split);
      String rest = envelope.substring(split);
      for (String line : rest.split("\n")) {
        if (!line.startsWith("\u2014 ")) {
          continue;
        }
        String text = line.substring(line.lastIndexOf(' ') + 1);
        byte[] blob = Base64.getDecoder().decode(text);
        if (blob.length > 4 && blob[0] == logId[0] && blob[1] == logId[1] && blob[2] == logId[2]
            && blob[3] == logId[3]) {
          return new Checkpoint(note, rest, text, blob);
        }
      }
      throw new AssertionError("no signature line from the entry's log in " + envelope);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  static byte[] write(Object tree) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      w.jsonValue(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readByteArray();
  }

  @AfterAll
  static void summary() {
    if (TOTAL.get() == 0) {
      return;
    }
    StringBuilder sb = new StringBuilder("\n" + TOTAL.get() + " mutants, all rejected; by field -> failed check:\n");
    new TreeMap<>(REJECTED_BY).forEach((k, v) -> sb.append(String.format("  %-45s %6d%n", k, v.get())));
    System.out.print(sb);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
