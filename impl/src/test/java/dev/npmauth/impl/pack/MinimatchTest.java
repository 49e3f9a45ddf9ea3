package dev.npmauth.impl.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The matcher against minimatch 10.2 with ignore-walk's options ({@code matchBase}, {@code dot},
 * {@code nocase}, {@code flipNegate}). The expected values were produced by running
 * {@code new Minimatch(pattern, opts).match(path, partial)} with the minimatch bundled in npm
 * 11.19 (see {@link NodeParityTest} for the check that runs node itself).
 */
class MinimatchTest {

  /** pattern, path, partial, expected: from node. */
  private static final String FROM_NODE = """
**/.git	.git	false	true
**/.git	/.git	false	true
**/.git	a/.git	false	true
**/.git	a/.git/	false	true
**/.git	a/b/.git/x	false	false
**/.git	.github	false	false
**/.git/**	.git/HEAD	false	true
**/.git/**	/a/.git/objects/x	false	true
**/.git/**	.git	false	false
**/.git/**	a/.git/	false	true
/.lock-wscript	/.lock-wscript	false	true
/.lock-wscript	.lock-wscript	false	false
/.lock-wscript	a/.lock-wscript	false	false
/.lock-wscript	/a/.lock-wscript	false	false
/.wafpickle-*	/.wafpickle-7	false	true
/.wafpickle-*	/a/.wafpickle-7	false	false
/.wafpickle-*	.wafpickle-	false	false
npm-debug.log	npm-debug.log	false	true
npm-debug.log	/a/b/npm-debug.log	false	true
npm-debug.log	npm-debug.log.1	false	false
.*.swp	.index.js.swp	false	true
.*.swp	/a/.x.swp	false	true
.*.swp	x.swp	false	false
.*.swp	.swp	false	false
*.orig	a.orig	false	true
*.orig	/x/y/a.ORIG	false	true
*.orig	orig	false	false
*.orig	.orig	false	true
/archived-packages/**	/archived-packages/x.tgz	false	true
/archived-packages/**	/archived-packages/x.tgz	true	true
/archived-packages/**	/archived-packages	false	false
/archived-packages/**	/archived-packages	true	true
/archived-packages/**	/archived-packages/	false	true
/archived-packages/**	/archived-packages/	true	true
/archived-packages/**	archived-packages/a	false	false
/archived-packages/**	archived-packages/a	true	false
!/readme{,.*[^~$]}	/readme	false	true
!/readme{,.*[^~$]}	/README.md	false	true
!/readme{,.*[^~$]}	/Readme.txt	false	true
!/readme{,.*[^~$]}	/readme.md~	false	false
!/readme{,.*[^~$]}	/readme.x$	false	false
!/readme{,.*[^~$]}	/readme.	false	false
!/readme{,.*[^~$]}	/docs/readme	false	false
!/readme{,.*[^~$]}	readme.md	false	false
!/readme{,.*[^~$]}	/readme-x	false	false
!/license{,.*[^~$]}	/LICENSE	false	true
!/license{,.*[^~$]}	/license.txt	false	true
!/license{,.*[^~$]}	/License-MIT	false	false
!/license{,.*[^~$]}	/licence	false	false
/node_modules	/node_modules	false	true
/node_modules	/Node_Modules	false	true
/node_modules	/a/node_modules	false	false
/node_modules	node_modules	false	false
.npmrc	.npmrc	false	true
.npmrc	/.npmrc	false	true
.npmrc	/a/.npmrc	false	true
.npmrc	a/.npmrc/	false	true
.npmrc	.npmrc2	false	false
*	a	false	true
*	/a	false	true
*	a/b	false	true
*	/a/b/	false	true
*	.x	false	true
*	a/	false	true
!lib	lib	false	true
!lib	lib	true	true
!lib	/lib	false	true
!lib	/lib	true	true
!lib	lib/	false	true
!lib	lib/	true	true
!lib	/lib/	false	true
!lib	/lib/	true	true
!lib	lib/a.js	false	false
!lib	lib/a.js	true	false
!lib	src/lib	false	true
!lib	src/lib	true	true
!lib/**	lib/a.js	false	true
!lib/**	lib/a.js	true	true
!lib/**	/lib/a/b.js	false	false
!lib/**	/lib/a/b.js	true	false
!lib/**	lib	false	false
!lib/**	lib	true	true
!lib/**	lib/	false	true
!lib/**	lib/	true	true
!/dist/	/dist	false	false
!/dist/	/dist	true	true
!/dist/	/dist/	false	true
!/dist/	/dist/	true	true
!/dist/	dist/	false	false
!/dist/	dist/	true	false
!/dist//**	/dist/a.js	false	true
!/dist//**	/dist/a.js	true	true
!/dist//**	dist/a.js	false	false
!/dist//**	dist/a.js	true	false
!/dist//**	/dist	false	false
!/dist//**	/dist	true	true
!types/**	types/a.d.ts	false	true
!types/**	types/a.d.ts	true	true
!types/**	types	false	false
!types/**	types	true	true
!types/**	/types/	false	false
!types/**	/types/	true	false
!src/**/*.mjs	src/a.mjs	false	true
!src/**/*.mjs	src/a.mjs	true	true
!src/**/*.mjs	/src/x/y/b.mjs	false	false
!src/**/*.mjs	/src/x/y/b.mjs	true	false
!src/**/*.mjs	src/x/c.js	false	false
!src/**/*.mjs	src/x/c.js	true	true
!src/**/*.mjs	src	false	false
!src/**/*.mjs	src	true	true
!src/**/*.mjs	src/x	false	false
!src/**/*.mjs	src/x	true	true
!lib/secret.js	lib	false	false
!lib/secret.js	lib	true	true
!lib/secret.js	/lib	false	false
!lib/secret.js	/lib	true	false
!lib/secret.js	lib/secret.js	false	true
!lib/secret.js	lib/secret.js	true	true
!lib/secret.js	/lib/secret.js	false	false
!lib/secret.js	/lib/secret.js	true	false
!!lib/secret.js	lib/secret.js	false	true
!!lib/secret.js	lib/secret.js	true	true
!!lib/secret.js	lib	false	false
!!lib/secret.js	lib	true	true
!assets/*.{png,svg}	assets/a.png	false	true
!assets/*.{png,svg}	assets/a.png	true	true
!assets/*.{png,svg}	assets/b.SVG	false	true
!assets/*.{png,svg}	assets/b.SVG	true	true
!assets/*.{png,svg}	assets/c.gif	false	false
!assets/*.{png,svg}	assets/c.gif	true	false
!assets/*.{png,svg}	assets	false	false
!assets/*.{png,svg}	assets	true	true
docs/	docs	false	false
docs/	docs	true	true
docs/	docs/	false	true
docs/	docs/	true	true
docs/	/docs/	false	false
docs/	/docs/	true	false
docs/	a/docs/	false	false
docs/	a/docs/	true	false
docs/	a/docs	false	false
docs/	a/docs	true	false
/coverage	/coverage	false	true
/coverage	coverage	false	false
/coverage	/lib/coverage	false	false
**/*.spec.js	a.spec.js	false	true
**/*.spec.js	/lib/a.spec.js	false	true
**/*.spec.js	lib/x/a.SPEC.js	false	true
*.{bak,tmp}	x.bak	false	true
*.{bak,tmp}	/a/y.tmp	false	true
*.{bak,tmp}	z.bat	false	false
\\#literal-hash	#literal-hash	false	true
\\#literal-hash	/#literal-hash	false	true
a/**/b	a/b	false	true
a/**/b	a/x/b	false	true
a/**/b	a/x/y/b	false	true
a/**/b	a/.x/b	false	true
a/**/b	b	false	false
**	a	false	true
**	.a	false	true
**	a/b	false	true
**	/a	false	true
+(a|b).js	a.js	false	true
+(a|b).js	ab.js	false	true
+(a|b).js	c.js	false	false
+(a|b).js	aab.js	false	true
!(a).js	a.js	false	false
!(a).js	b.js	false	false
!(a).js	.js	false	false
@(x|y)/*.js	x/a.js	false	true
@(x|y)/*.js	x/a.js	true	true
@(x|y)/*.js	y/b.js	false	true
@(x|y)/*.js	y/b.js	true	true
@(x|y)/*.js	z/c.js	false	false
@(x|y)/*.js	z/c.js	true	false
*(a|b)		false	true
*(a|b)	a	false	true
*(a|b)	abab	false	true
*(a|b)	c	false	false
[[:upper:]]*	Abc	false	true
[[:upper:]]*	abc	false	true
[[:upper:]]*	1	false	false
[a-c]?.txt	ax.txt	false	true
[a-c]?.txt	dx.txt	false	false
[a-c]?.txt	Bx.txt	false	true
[!a]*	a	false	false
[!a]*	b	false	true
[!a]*	.b	false	true
a/b/	a/b/	false	true
a/b/	a/b/	true	true
a/b/	a/b	false	false
a/b/	a/b	true	true
a/b/	/a/b/	false	false
a/b/	/a/b/	true	false
level2/sub/	level2/sub/	false	true
level2/sub/	level2/sub/	true	true
level2/sub/	level2/sub	false	false
level2/sub/	level2/sub	true	true
level2/sub/	deep/level2/sub/	false	false
level2/sub/	deep/level2/sub/	true	false
!b.txt	b.txt	false	true
!b.txt	/b.txt	false	true
!b.txt	x/b.txt	false	true
{1..3}.js	1.js	false	true
{1..3}.js	2.js	false	true
{1..3}.js	4.js	false	false
*.js	a.js	false	true
*.js	.js	false	true
*.js	A.JS	false	true
*.js	a.jsx	false	false
??	ab	false	true
??	.a	false	true
??	abc	false	false
*.*	a.b	false	true
*.*	ab	false	false
*.*	.a	false	true
.*	.a	false	true
.*	a	false	false
.*	..	false	false
a\\|b	a|b	false	true
a\\|b	x	false	false
      """;

  @Test
  void matchesAsMinimatchDoesForNpmRules() {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (String row : FROM_NODE.split("\n")) {
      String[] c = row.split("\t", -1);
      boolean expected = Boolean.parseBoolean(c[3]);
      boolean actual = new Minimatch(c[0], Minimatch.IGNORE_RULES).match(c[1], Boolean.parseBoolean(c[2]));
      checked++;
      if (actual != expected) {
        mismatches.add(c[0] + " on '" + c[1] + "' partial=" + c[2] + ": expected " + expected);
      }
    }
    assertThat(checked).isGreaterThan(200);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void negationIsParsedAndFlippedAway() {
    Minimatch once = new Minimatch("!lib/**", Minimatch.IGNORE_RULES);
    Minimatch twice = new Minimatch("!!lib/**", Minimatch.IGNORE_RULES);
    assertThat(once.negate()).isTrue();
    assertThat(twice.negate()).isFalse();
    assertThat(once.match("lib/a.js")).isTrue();
    Minimatch plain = new Minimatch("!lib/**", new Minimatch.Options(true, true, true, false));
    assertThat(plain.match("lib/a.js")).isFalse();
    assertThat(plain.match("src/a.js")).isTrue();
  }

  @Test
  void globPartsAreTheBraceExpandedSplitPattern() {
    Minimatch readme = new Minimatch("!/readme{,.*[^~$]}", Minimatch.IGNORE_RULES);
    assertThat(readme.globParts()).containsExactly(List.of("", "readme"), List.of("", "readme.*[^~$]"));
    assertThat(new Minimatch("a//b/../c/", Minimatch.IGNORE_RULES).globParts()).containsExactly(List.of("a", "c", ""));
  }

  @Test
  void withoutDotStarsSkipDotNamesAndWithoutNocaseCaseMatters() {
    Minimatch.Options strict = new Minimatch.Options(false, false, false, false);
    assertThat(new Minimatch("*", strict).match(".hidden")).isFalse();
    assertThat(new Minimatch("**/x", strict).match("a/.b/x")).isFalse();
    assertThat(new Minimatch("**/x", strict).match("a/b/x")).isTrue();
    assertThat(new Minimatch("*.JS", strict).match("a.js")).isFalse();
    assertThat(new Minimatch("*.JS", Minimatch.IGNORE_RULES).match("a.js")).isTrue();
  }

  @Test
  void commentsAndEmptyPatternsMatchNothingButTheEmptyPath() {
    assertThat(new Minimatch("#x", Minimatch.IGNORE_RULES).match("#x")).isFalse();
    assertThat(new Minimatch("", Minimatch.IGNORE_RULES).match("")).isTrue();
    assertThat(new Minimatch("", Minimatch.IGNORE_RULES).match("a")).isFalse();
  }

  @Test
  void patternsMinimatchCannotCompileAreRefused() {
    // a POSIX class puts the expression in Unicode mode, where escaped - , and space are errors
    for (String pattern : List.of("[[:alpha:]]-x", "[[:digit:]],", "@(a|b)[[:alpha:]] ")) {
      assertThatThrownBy(() -> new Minimatch(pattern, Minimatch.IGNORE_RULES))
          .as(pattern).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(pattern);
    }
  }

  @Test
  void anEmptyExtglobAsTheWholePortionIsLiteralText() {
    assertThat(new Minimatch("*()", Minimatch.IGNORE_RULES).match("*()")).isTrue();
    assertThat(new Minimatch("*()", Minimatch.IGNORE_RULES).match("x")).isFalse();
    assertThat(new Minimatch("x*()", Minimatch.IGNORE_RULES).match("x")).isTrue();
    assertThat(new Minimatch("x*()", Minimatch.IGNORE_RULES).match("xyz")).isFalse();
  }
}
