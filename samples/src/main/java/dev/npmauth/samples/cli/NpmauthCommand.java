package dev.npmauth.samples.cli;

import dev.npmauth.NpmAuthException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code npmauth} command line tool. */
@Command(
    name = "npmauth",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Publish to the npm registry without long-lived secrets, and prove what was published.",
    subcommands = {PublishCommand.class, ReleaseCommand.class, DistTagCommand.class, StageCommand.class,
        DoctorCommand.class, DemoCommand.class, TokenCommand.class, TrustCommand.class, LoginCommand.class,
        WhoamiCommand.class, LogoutCommand.class, VerifyBundleCommand.class, VerifyCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class NpmauthCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the tool.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the tool with given output streams.
   *
   * @param args the command line
   * @param out standard output
   * @param err standard error
   * @return the exit code: 0 success, 1 failure, 2 usage error
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new NpmauthCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      if (exception instanceof NpmAuthException || exception instanceof IllegalArgumentException) {
        line.getErr().println("npmauth: error: " + exception.getMessage());
        return 1;
      }
      throw exception;
    });
    return commandLine.execute(args);
  }
}
