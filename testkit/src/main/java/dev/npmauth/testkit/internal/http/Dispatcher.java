package dev.npmauth.testkit.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The one handler behind the JDK server: plays an injected fault if one matches, otherwise routes
 * the request; records every request in the journal (before the answer is sent, so a client that
 * has its answer can already see it there).
 *
 * <p>Internal to the testkit; not API.
 */
public final class Dispatcher implements HttpHandler {
  private final Router router;
  private final FaultSet faults;
  private final Journal journal;
  private final Clock clock;
  private final Consumer<RecordedRequest> listener;

  public Dispatcher(
      Router router,
      FaultSet faults,
      Journal journal,
      Clock clock,
      Consumer<RecordedRequest> listener) {
    this.router = router;
    this.faults = faults;
    this.journal = journal;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public void handle(HttpExchange exchange) {
    Instant at = clock.instant();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = exchange.getRequestURI();
    String rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
    String rawQuery = uri.getRawQuery();
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    CountingInputStream body = new CountingInputStream(exchange.getRequestBody());
    Request request =
        new Request(
            method,
            rawPath,
            rawQuery,
            headers,
            body,
            exchange.getRemoteAddress().getAddress());
    String pathAndQuery = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    try {
      Optional<Fault> fault = faults.take(method, rawPath);
      Response response = null;
      if (fault.isPresent()) {
        Fault f = fault.get();
        if (f.delayDuration().isPresent() && !sleep(f.delayDuration().get())) {
          return; // the registry is closing
        }
        if (f.dropsConnection()) {
          body.drain();
          record(method, pathAndQuery, headers, 0, body.count(), at);
          return; // closing without sending headers drops the connection
        }
        if (f.statusCode().isPresent()) {
          response = faultResponse(f);
        }
      }
      if (response == null) {
        response = route(request);
      }
      body.drain();
      record(method, pathAndQuery, headers, response.status(), body.count(), at);
      send(exchange, method, response);
    } catch (IOException e) {
      // The client went away; nothing more to do.
    } finally {
      exchange.close();
    }
  }

  private Response route(Request request) {
    try {
      return router.dispatch(request);
    } catch (HttpError e) {
      return e.response();
    } catch (IOException | RuntimeException e) {
      // Our own bug or a broken client stream: say what kind, never any request data.
      System.err.println(
          "fake registry: internal error on " + request.method() + " " + request.rawPath());
      e.printStackTrace();
      return Response.error(500, "fake registry internal error: " + e.getClass().getSimpleName());
    }
  }

  private static Response faultResponse(Fault f) {
    int status = f.statusCode().getAsInt();
    String message = "injected fault: HTTP " + status;
    Response r =
        f.responseBody().isPresent()
            ? Response.rawJson(status, f.responseBody().get())
            : Response.json(status, Json.object("error", message, "message", message));
    f.retryAfterDuration().ifPresent(d -> r.header("retry-after", String.valueOf(d.toSeconds())));
    return r;
  }

  private void record(
      String method,
      String pathAndQuery,
      Map<String, List<String>> headers,
      int status,
      long bodyBytes,
      Instant at) {
    RecordedRequest rec =
        new RecordedRequest(method, pathAndQuery, Journal.redact(headers), status, bodyBytes, at);
    journal.add(rec);
    try {
      listener.accept(rec);
    } catch (RuntimeException e) {
      System.err.println("fake registry: request listener failed: " + e);
    }
  }

  private static void send(HttpExchange exchange, String method, Response response)
      throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    int status = response.status();
    boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
    if (response.file() != null) {
      long size = Files.size(response.file());
      exchange.sendResponseHeaders(status, noBody || size == 0 ? -1 : size);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(response.file(), out);
        }
      }
      return;
    }
    byte[] bytes = response.body();
    exchange.sendResponseHeaders(status, noBody || bytes.length == 0 ? -1 : bytes.length);
    if (!noBody && bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
