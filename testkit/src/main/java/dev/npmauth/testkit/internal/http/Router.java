package dev.npmauth.testkit.internal.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Picks the first route whose path regex matches and whose method is the request's. A path that
 * matches only under other methods gets 405; a path nothing matches gets 404 {@code {"error":"Not
 * found"}}.
 *
 * <p>Routes come in areas, each under a few literal path prefixes. An area's routes are made (their
 * handlers and regexes) when the first request under one of its prefixes arrives, not when the
 * router is: a registry starts without making the routes of areas no request reaches, and a path
 * outside an area never looks at its routes. An area whose route could match a path outside the
 * area's prefixes is a programming error, refused when the area is made.
 *
 * <p>Thread-safe once built. Internal to the testkit; not API.
 */
public final class Router {
  private final List<Area> areas = new ArrayList<>();

  /** Adds one route, made already, consulted for every path; earlier routes and areas win. */
  public Router add(Route route) {
    areas.add(new Area(List.of(""), null, List.of(route)));
    return this;
  }

  /**
   * Adds an area: the routes {@code routes} makes, under {@code pathPrefixes}; earlier routes and
   * areas win, and within an area the list's order.
   *
   * @param routes called once, on the first request whose raw path starts with a prefix
   * @param pathPrefixes literal raw-path prefixes; every route's own literal prefix must start with
   *     one of them
   */
  public Router area(Supplier<List<Route>> routes, String... pathPrefixes) {
    if (pathPrefixes.length == 0) {
      throw new IllegalArgumentException("an area needs at least one path prefix");
    }
    areas.add(new Area(List.of(pathPrefixes), routes, null));
    return this;
  }

  /** Routes one request. Handlers may throw {@link HttpError}. */
  public Response dispatch(Request request) throws IOException {
    String path = request.rawPath();
    TreeSet<String> allowed = new TreeSet<>();
    for (Area area : areas) {
      if (!area.covers(path)) {
        continue;
      }
      for (Route route : area.routes()) {
        Matcher m = route.path().matcher(path);
        if (!m.matches()) {
          continue;
        }
        if (route.method().equals(request.method()) || route.method().equals("*")) {
          request.matched(m);
          return route.handler().handle(request);
        }
        allowed.add(route.method());
      }
    }
    if (!allowed.isEmpty()) {
      return Response.error(405, "Method " + request.method() + " is not allowed here")
          .header("allow", String.join(", ", allowed));
    }
    return Response.error(404, "Not found");
  }

  /**
   * Makes every area's routes now, with the check each area gets when it is made (for tests: an
   * area whose prefix is mistyped would otherwise never be made, and its paths would get 404).
   *
   * @return every route, in routing order
   * @throws IllegalStateException if a route could match a path outside its area's prefixes
   */
  public List<Route> makeAll() {
    List<Route> all = new ArrayList<>();
    for (Area area : areas) {
      all.addAll(area.routes());
    }
    return all;
  }

  /** How many areas have made their routes so far (for tests). */
  int areasMade() {
    int made = 0;
    for (Area area : areas) {
      made += area.made() ? 1 : 0;
    }
    return made;
  }

  /** Routes under literal path prefixes, made on first use. */
  private static final class Area {
    private final List<String> prefixes;
    private final Supplier<List<Route>> maker;
    private volatile List<Route> routes;

    Area(List<String> prefixes, Supplier<List<Route>> maker, List<Route> routes) {
      this.prefixes = prefixes;
      this.maker = maker;
      this.routes = routes;
    }

    boolean covers(String path) {
      for (String prefix : prefixes) {
        if (path.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }

    boolean made() {
      return routes != null;
    }

    List<Route> routes() {
      List<Route> made = routes;
      if (made == null) {
        synchronized (this) {
          made = routes;
          if (made == null) {
            made = List.copyOf(maker.get());
            for (Route route : made) {
              if (!covers(route.literalPrefix())) {
                throw new IllegalStateException("the route " + route.method() + " " + route.path()
                    + " can match paths outside its area's prefixes " + prefixes);
              }
            }
            routes = made;
          }
        }
      }
      return made;
    }
  }
}
