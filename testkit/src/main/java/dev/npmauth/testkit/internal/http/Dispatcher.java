package dev.npmauth.testkit.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
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
      FaultSet.Play play = faults.plan(method, rawPath);
      if (!play.latency().isZero() && !sleep(play.latency())) {
        return; // the registry is closing
      }
      Optional<Fault> fault = play.fault();
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
      if (fault.isPresent() && fault.get().dropsResponse()) {
        record(method, pathAndQuery, headers, 0, body.count(), at);
        return; // handled, but closing without sending headers drops the answer
      }
      record(method, pathAndQuery, headers, response.status(), body.count(), at);
      if (fault.isPresent() && fault.get().responseDelayDuration().isPresent()
          && !sleep(fault.get().responseDelayDuration().get())) {
        return;
      }
      send(exchange, method, response, fault.orElse(null));
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
          "fake registry: internal error on " + request.method() + " " + Journal.redactPath(request.rawPath()));
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
        new RecordedRequest(method, Journal.redactPath(pathAndQuery), Journal.redact(headers), status, bodyBytes, at);
    journal.add(rec);
    try {
      listener.accept(rec);
    } catch (RuntimeException e) {
      System.err.println("fake registry: request listener failed: " + e);
    }
  }

  private static void send(HttpExchange exchange, String method, Response response, Fault fault)
      throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    int status = response.status();
    boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
    if (fault != null && (fault.dropsAfterHeaders() || fault.truncatesBody())) {
      sendCut(exchange, response, noBody, fault);
      return;
    }
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

  /**
   * Sends the headers with the whole body's length, then none or part of the body. The exchange is
   * closed with bytes still owed, which makes the JDK server close the connection: the client sees
   * a premature end of stream.
   */
  private static void sendCut(HttpExchange exchange, Response response, boolean noBody, Fault fault)
      throws IOException {
    long length = response.file() != null ? Files.size(response.file()) : response.body().length;
    if (noBody || length == 0) {
      exchange.sendResponseHeaders(response.status(), -1);
      return; // nothing to cut: the answer arrives whole
    }
    long keep =
        fault.dropsAfterHeaders()
            ? 0
            : Math.min(length - 1, fault.truncatedBodyBytes().orElse(length / 2));
    exchange.sendResponseHeaders(response.status(), length);
    OutputStream out = exchange.getResponseBody();
    if (response.file() != null) {
      try (InputStream in = Files.newInputStream(response.file())) {
        byte[] buffer = new byte[8192];
        long left = keep;
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            break;
          }
          out.write(buffer, 0, n);
          left -= n;
        }
      }
    } else {
      out.write(response.body(), 0, (int) keep);
    }
    out.flush();
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
