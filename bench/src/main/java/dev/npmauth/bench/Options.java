package dev.npmauth.bench;

/** Reads {@code --name value} options. */
final class Options {
  private Options() {
  }

  static int intOption(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
