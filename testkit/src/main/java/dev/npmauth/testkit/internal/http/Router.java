package dev.npmauth.testkit.internal.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Picks the first route whose path regex matches and whose method is the request's. A path that
 * matches only under other methods gets 405; a path nothing matches gets 404 {@code {"error":"Not
 * found"}}.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  /** Adds a route; earlier routes win. */
  public Router add(Route route) {
    routes.add(route);
    return this;
  }

  /** Routes one request. Handlers may throw {@link HttpError}. */
  public Response dispatch(Request request) throws IOException {
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Matcher m = route.path().matcher(request.rawPath());
      if (!m.matches()) {
        continue;
      }
      if (route.method().equals(request.method()) || route.method().equals("*")) {
        request.matched(m);
        return route.handler().handle(request);
      }
      allowed.add(route.method());
    }
    if (!allowed.isEmpty()) {
      return Response.error(405, "Method " + request.method() + " is not allowed here")
          .header("allow", String.join(", ", allowed));
    }
    return Response.error(404, "Not found");
  }
}
