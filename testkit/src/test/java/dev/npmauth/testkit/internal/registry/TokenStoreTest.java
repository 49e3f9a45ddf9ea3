package dev.npmauth.testkit.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The admin token is registered at start but keyed (digested) on the store's first use: every
 * reader and writer of the store must see it as if it had been added at once.
 */
class TokenStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
  private static final TokenGrant ADMIN =
      new TokenGrant("admin", TokenGrant.Kind.ADMIN, false, Set.of(), null, true, List.of(), Set.of());
  private static final TokenGrant USER =
      new TokenGrant("alice", TokenGrant.Kind.USER, false, Set.of(), null, false, List.of(), Set.of());

  @Test
  void aTokenKeyedOnFirstUseIsFoundByValueAndWorks() {
    TokenStore store = new TokenStore(CLOCK);
    store.addKeyedOnFirstUse("npm_admin", ADMIN);

    assertThat(store.byValue("npm_admin")).get().extracting(TokenStore.Entry::grant).isEqualTo(ADMIN);
    assertThat(store.works("npm_admin")).isTrue();
    assertThat(store.byValue("npm_other")).isEmpty();
  }

  @Test
  void aSnapshotTakenBeforeAnyLookUpHoldsTheTokenKeyedOnFirstUse() {
    TokenStore store = new TokenStore(CLOCK);
    store.addKeyedOnFirstUse("npm_admin", ADMIN);

    Map<String, TokenStore.Entry> copy = store.entriesCopy();

    assertThat(copy).containsOnlyKeys(Secrets.digest("npm_admin"));
  }

  @Test
  void restoringAnEmptySnapshotIsNotUndoneByTheTokenKeyedLater() {
    TokenStore store = new TokenStore(CLOCK);
    store.addKeyedOnFirstUse("npm_admin", ADMIN);

    store.replaceEntries(Map.of());

    assertThat(store.byValue("npm_admin")).isEmpty();
  }

  @Test
  void aLaterTokenWithTheSameValueIsRefused() {
    TokenStore store = new TokenStore(CLOCK);
    store.addKeyedOnFirstUse("npm_admin", ADMIN);

    assertThatThrownBy(() -> store.add("npm_admin", USER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already in use")
        .hasMessageNotContaining("npm_admin");
    assertThat(store.byValue("npm_admin")).get().extracting(TokenStore.Entry::grant).isEqualTo(ADMIN);
  }

  @Test
  void onlyTheFirstTokenOfAnEmptyStoreCanBeKeyedOnFirstUse() {
    TokenStore store = new TokenStore(CLOCK);
    store.add("npm_user", USER);

    assertThatThrownBy(() -> store.addKeyedOnFirstUse("npm_admin", ADMIN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("first token");
    assertThatThrownBy(() -> new TokenStore(CLOCK).addKeyedOnFirstUse(" ", ADMIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void threadsThatLookUpAtOnceAllFindTheTokenKeyedOnFirstUse() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 50; round++) {
        TokenStore store = new TokenStore(CLOCK);
        store.addKeyedOnFirstUse("npm_admin", ADMIN);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> found = IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> {
          go.await();
          return store.byValue("npm_admin").isPresent();
        })).toList();
        go.countDown();
        for (Future<Boolean> f : found) {
          assertThat(f.get()).as("round %d", round).isTrue();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
