package dev.npmauth.samples.cli;

import picocli.CommandLine;

/** Prints the tool's version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = NpmauthCommand.class.getPackage().getImplementationVersion();
    return new String[] {"npmauth " + (version == null ? "(development build)" : version)
        + " on Java " + System.getProperty("java.version")};
  }
}
