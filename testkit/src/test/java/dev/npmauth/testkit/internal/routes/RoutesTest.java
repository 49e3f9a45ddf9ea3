package dev.npmauth.testkit.internal.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.npmauth.testkit.internal.http.Route;
import dev.npmauth.testkit.internal.http.Router;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every area of the registry's router lies under its declared prefixes. An area whose prefix was
 * mistyped would never be made by a request (its paths would fall through to the 404 of other
 * {@code /-/} paths), so this makes them all.
 */
class RoutesTest {

  @Test
  void everyAreaIsMadeAndEachRouteLiesUnderItsAreasPrefixes() {
    Router router = Routes.build(null); // the routes' handlers read the context only when called

    List<Route> all = router.makeAll();

    assertThat(all).hasSize(35);
    assertThat(all).extracting(r -> r.method() + " " + r.path().pattern())
        .startsWith("GET /-/ping")
        .contains("* /-/.*")
        .doesNotHaveDuplicates();
    assertThat(all.get(all.size() - 4).path().pattern()).as("the /-/ catch-all comes just before the package paths")
        .isEqualTo("/-/.*");
  }
}
