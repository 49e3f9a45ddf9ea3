package dev.npmauth.impl.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * npm's file orders. The expected lists were sorted by node 20 (ICU): npm-packlist's comparator
 * and the {@code npm pack --json} listing ({@code Intl.Collator('en', {sensitivity: 'case',
 * numeric: true})}, upper-case-first-character group first).
 */
class NpmCollatorTest {
  private static final List<String> PACKLIST_ORDER = List.of(".babelrc", "Makefile", "noext", "_a.js", "-a.js",
      "(paren).js", "[bracket].js", "~tilde.js", "$dollar.js", "a b.js", "a_b.js", "a-b.js", "a.b.js", "a.JS",
      "lib/a.js", "lib/A.js", "Lib2/a.js", "A1.js", "a10.js", "a2.js", "b.js", "B.js", "lib/b.js", "e.js", "é.js",
      "f.js", "x.js", "x.min.js", "package.json", "CHANGELOG.md", "changes.md", "README.md", "./@types.d.ts",
      "x.d.ts", "10.txt", "9.txt", "readme.txt", "zed.txt", "Zed.txt");

  /** Sorted by node from the packlist order above; e.js and é.js tie, so they keep that order. */
  private static final List<String> LISTING_ORDER = List.of("_a.js", "-a.js", ".babelrc", "(paren).js",
      "[bracket].js", "@types.d.ts", "~tilde.js", "$dollar.js", "9.txt", "10.txt", "A1.js", "B.js", "CHANGELOG.md",
      "Lib2/a.js", "Makefile", "README.md", "Zed.txt", "a b.js", "a_b.js", "a-b.js", "a.b.js", "a.JS", "a2.js",
      "a10.js", "b.js", "changes.md", "e.js", "é.js", "f.js", "lib/a.js", "lib/A.js", "lib/b.js", "noext",
      "package.json", "readme.txt", "x.d.ts", "x.js", "x.min.js", "zed.txt");

  @Test
  void packlistOrderIsExtensionThenBaseNameThenPath() {
    for (long seed = 1; seed <= 5; seed++) {
      List<String> shuffled = new ArrayList<>(PACKLIST_ORDER);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.sort(PackWalker::packlistOrder);
      assertThat(shuffled).containsExactlyElementsOf(PACKLIST_ORDER);
    }
  }

  @Test
  void listingOrderPutsNamesWithoutLowerCaseFirstAndSortsNumbersByValue() {
    // the input is the tarball order; e.js and é.js tie (accents are ignored) and keep it
    List<dev.npmauth.pack.PackedFile> tarOrder = new ArrayList<>();
    List<String> input = new ArrayList<>(PACKLIST_ORDER);
    for (String path : input) {
      tarOrder.add(new dev.npmauth.pack.PackedFile(path.replaceFirst("^\\./", ""), 1, 0644));
    }
    List<String> listed = NpmPacker.listingOrder(tarOrder).stream().map(dev.npmauth.pack.PackedFile::path).toList();
    assertThat(listed).containsExactlyElementsOf(LISTING_ORDER);
  }

  @Test
  void asciiCollationFollowsIcuRoot() {
    NpmCollator c = NpmCollator.PACKLIST;
    assertThat(c.compare("a", "A")).isNegative();
    assertThat(c.compare("A", "b")).isNegative();
    assertThat(c.compare("_", "-")).isNegative();
    assertThat(c.compare("$", "0")).isNegative();
    assertThat(c.compare("9", "a")).isNegative();
    assertThat(c.compare("a\u0001b", "ab")).isZero();
    assertThat(c.compare("a10", "a2")).isNegative();
    assertThat(NpmCollator.LISTING.compare("a10", "a2")).isPositive();
    assertThat(NpmCollator.LISTING.compare("e", "é")).isZero();
    assertThat(c.compare("e", "é")).isNegative();
  }
}
