package dev.npmauth.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The env file as a shell and a JVM caller read it. */
@Tag("fake")
class EnvFileTest {
  @TempDir
  Path dir;

  private static final Map<String, String> AWKWARD = new LinkedHashMap<>();

  static {
    AWKWARD.put("NPMAUTH_REGISTRY", "http://127.0.0.1:4873/");
    AWKWARD.put("QUOTED", "it's a \"test\" with 'quotes'");
    AWKWARD.put("SHELLISH", "$HOME `id` $(id) \\n ; & | *");
    AWKWARD.put("EMPTY", "");
    AWKWARD.put("UNICODE", "café ✓");
    AWKWARD.put("LONG_LIKE_AN_ID_TOKEN", "eyJ".repeat(30_000) + "'" + "x".repeat(30_000));
  }

  @Test
  void aShellSourcingTheFileSeesEveryValueAsWrittenAndReadGivesTheSame() throws Exception {
    Path sh = Path.of("/bin/sh");
    assumeTrue(Files.isExecutable(sh), "no /bin/sh on this machine: the shell half of this test needs a POSIX shell");
    Path file = dir.resolve("fake.env");
    EnvFile.write(file, AWKWARD);

    StringBuilder script = new StringBuilder(". \"$1\"");
    for (String name : AWKWARD.keySet()) {
      script.append("; printf '%s\\0' \"$").append(name).append('"');
    }
    Process shell = new ProcessBuilder(sh.toString(), "-c", script.toString(), "sh", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(shell.exitValue()).as(output).isZero();

    assertThat(output).isEqualTo(String.join("\0", AWKWARD.values()) + "\0");
    assertThat(EnvFile.read(file)).containsExactlyEntriesOf(AWKWARD);
  }

  @Test
  void readRejectsALineThatIsNotAnExportLineWithoutShowingIt() throws IOException {
    Path file = dir.resolve("other.env");
    Files.writeString(file, "export NPMAUTH_REGISTRY='http://127.0.0.1:1/'\nNPMAUTH_ADMIN_TOKEN=npm_secretvalue\n");

    assertThatThrownBy(() -> EnvFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 2 of " + file)
        .hasMessageContaining("export NAME='value'")
        .hasMessageNotContaining("npm_secretvalue");
  }

  @Test
  void awaitWrittenBySaysWhenTheProcessExitedWithoutWritingTheFile() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

    assertThatThrownBy(() -> EnvFile.awaitWrittenBy(process, dir.resolve("never.env"), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with 0 before writing " + dir.resolve("never.env"));
  }

  @Test
  void awaitWrittenByWaitsForTheFileWhileTheProcessRuns() throws Exception {
    Path sh = Path.of("/bin/sh");
    assumeTrue(Files.isExecutable(sh), "no /bin/sh on this machine: this test runs 'sleep' as the process");
    Path file = dir.resolve("later.env");
    Process running = new ProcessBuilder(sh.toString(), "-c", "sleep 30").start();
    Thread writer = new Thread(() -> {
      try {
        Thread.sleep(200);
        EnvFile.write(file, Map.of("NPMAUTH_REGISTRY", "http://127.0.0.1:2/"));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      writer.start();
      assertThat(EnvFile.awaitWrittenBy(running, file, Duration.ofSeconds(30)))
          .containsExactly(Map.entry("NPMAUTH_REGISTRY", "http://127.0.0.1:2/"));
      assertThat(running.isAlive()).isTrue();
    } finally {
      running.destroy();
      writer.join();
    }
  }
}
