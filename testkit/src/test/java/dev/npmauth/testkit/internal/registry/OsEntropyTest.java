package dev.npmauth.testkit.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The fake's random source reads the OS where it can, and gives unrepeated bytes from many threads. */
class OsEntropyTest {
  @Test
  void readsDevUrandomWhereThereIsOne() {
    SecureRandom random = OsEntropy.secureRandom();
    if (Files.isReadable(Path.of("/dev/urandom"))) {
      assertThat(random.getAlgorithm()).isEqualTo("/dev/urandom");
    } else {
      assertThat(random.getAlgorithm()).isNotEqualTo("/dev/urandom");
    }
  }

  @Test
  void tokensFromManyThreadsAndInstancesNeverRepeat() throws Exception {
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> {
        SecureRandom random = OsEntropy.secureRandom();
        for (int n = 0; n < 500; n++) {
          tokens.add(Secrets.npmToken(random));
        }
      })).<Future<?>>map(f -> f).toList();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(tokens).hasSize(4000).allMatch(t -> t.matches("npm_[0-9A-Za-z]{36}"));
  }

  @Test
  void bytesAreSpreadOverEveryValue() {
    byte[] bytes = new byte[64 * 1024];
    OsEntropy.secureRandom().nextBytes(bytes);
    Set<Byte> values = new HashSet<>();
    int[] counts = new int[256];
    for (byte b : bytes) {
      values.add(b);
      counts[b & 0xff]++;
    }
    assertThat(values).hasSize(256);
    // 256 expected per value; a stuck or short read would skew this far beyond chance
    assertThat(IntStream.of(counts).max().getAsInt()).isLessThan(400);
    assertThat(IntStream.of(counts).min().getAsInt()).isGreaterThan(130);
  }
}
