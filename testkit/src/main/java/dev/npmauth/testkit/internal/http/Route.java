package dev.npmauth.testkit.internal.http;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One endpoint: a method, a regex over the raw path (named groups are read with {@link
 * Request#pathGroup}), and the handler.
 *
 * <p>Internal to the testkit; not API.
 */
public record Route(String method, Pattern path, Handler handler) {

  /** Handles one request whose path matched. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request) throws IOException;
  }

  /** A route for {@code method} ({@code *} for any) and the full-match regex {@code pathRegex}. */
  public static Route of(String method, String pathRegex, Handler handler) {
    return new Route(method, Pattern.compile(pathRegex), handler);
  }
}
