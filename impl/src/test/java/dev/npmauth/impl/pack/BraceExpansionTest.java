package dev.npmauth.impl.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Brace expansion against minimatch's {@code braceExpand} (values from node, npm 11.19's minimatch). */
class BraceExpansionTest {

  @Test
  void expandsAsMinimatchDoes() {
    List<Map.Entry<String, List<String>>> fromNode = List.of(
        Map.entry("readme{,.*[^~$]}", List.of("readme", "readme.*[^~$]")),
        Map.entry("a{b,c}d", List.of("abd", "acd")),
        Map.entry("a{b,c{d,e}f}g", List.of("abg", "acdfg", "acefg")),
        Map.entry("{a,b}{c,d}", List.of("ac", "ad", "bc", "bd")),
        Map.entry("a{1..3}b", List.of("a1b", "a2b", "a3b")),
        Map.entry("{01..10..3}", List.of("01", "04", "07", "10")),
        Map.entry("{a..e..2}", List.of("a", "c", "e")),
        Map.entry("{-2..2}", List.of("-2", "-1", "0", "1", "2")),
        Map.entry("x{a}y", List.of("x{a}y")),
        Map.entry("{a},b}", List.of("a}", "b")),
        Map.entry("a\\{b,c}", List.of("a{b,c}")),
        Map.entry("${a,b}", List.of("${a,b}")),
        Map.entry("{,a}", List.of("a")),
        Map.entry("{a,}", List.of("a")),
        Map.entry("a{}b", List.of("a{}b")),
        Map.entry("{}a,b}", List.of("{}a,b}")),
        Map.entry("a{,b}{c,}d", List.of("acd", "ad", "abcd", "abd")),
        Map.entry("{a..c}{1..2}", List.of("a1", "a2", "b1", "b2", "c1", "c2")),
        Map.entry("x{{a,b}}y", List.of("x{a}y", "x{b}y")),
        Map.entry("no braces", List.of("no braces")),
        Map.entry("{a,b", List.of("{a,b")),
        Map.entry("a}b{", List.of("a}b{")));
    for (Map.Entry<String, List<String>> c : fromNode) {
      assertThat(BraceExpansion.minimatchExpand(c.getKey())).as(c.getKey()).containsExactlyElementsOf(c.getValue());
    }
  }

  @Test
  void findsTheFirstBalancedSet() {
    BraceExpansion.Balanced m = BraceExpansion.balanced("pre{a{b}c}post{d}");
    assertThat(m.pre()).isEqualTo("pre");
    assertThat(m.body()).isEqualTo("a{b}c");
    assertThat(m.post()).isEqualTo("post{d}");
    assertThat(BraceExpansion.balanced("no set }{")).isNull();
  }
}
