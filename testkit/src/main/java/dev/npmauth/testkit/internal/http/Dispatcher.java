package dev.npmauth.testkit.internal.http;

import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import dev.npmauth.testkit.internal.http.BlockingHttpServer.CutConnection;
import dev.npmauth.testkit.internal.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.HttpServerRequestHandler;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * The one handler behind the {@link BlockingHttpServer}: plays an injected fault if one matches,
 * otherwise routes the request; records every request in the journal (before the answer is sent,
 * so a client that has its answer can already see it there).
 *
 * <p>Internal to the testkit; not API.
 */
public final class Dispatcher implements HttpServerRequestHandler {
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

  /**
   * Answers one request through {@code trigger}, or throws {@link CutConnection} to play a dropped
   * connection or a cut answer.
   */
  @Override
  public void handle(ClassicHttpRequest httpRequest, ResponseTrigger trigger, HttpContext context)
      throws IOException, HttpException {
    Instant at = clock.instant();
    String method = httpRequest.getMethod().toUpperCase(Locale.ROOT);
    String target = httpRequest.getPath() == null ? "/" : httpRequest.getPath();
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? null : target.substring(q + 1);
    if (rawPath.isEmpty()) {
      rawPath = "/";
    }
    Map<String, List<String>> headers = new TreeMap<>();
    for (Header h : httpRequest.getHeaders()) {
      headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
    }
    headers.replaceAll((k, v) -> List.copyOf(v));
    HttpEntity entity = httpRequest.getEntity();
    CountingInputStream body = new CountingInputStream(entity == null ? InputStream.nullInputStream() : entity.getContent());
    Request request =
        new Request(method, rawPath, rawQuery, headers, body, remoteAddress(context));
    String pathAndQuery = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    FaultSet.Play play = faults.plan(method, rawPath);
    if (!play.latency().isZero()) {
      sleep(play.latency());
    }
    Optional<Fault> fault = play.fault();
    Response response = null;
    if (fault.isPresent()) {
      Fault f = fault.get();
      if (f.delayDuration().isPresent()) {
        sleep(f.delayDuration().get());
      }
      if (f.dropsConnection()) {
        body.drain();
        record(method, pathAndQuery, headers, 0, body.count(), at);
        throw new CutConnection(); // closing without sending headers drops the connection
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
      throw new CutConnection(); // handled, but closing without sending headers drops the answer
    }
    record(method, pathAndQuery, headers, response.status(), body.count(), at);
    if (fault.isPresent() && fault.get().responseDelayDuration().isPresent()) {
      sleep(fault.get().responseDelayDuration().get());
    }
    trigger.submitResponse(toHttp(method, response, fault.orElse(null)));
  }

  private static InetAddress remoteAddress(HttpContext context) {
    EndpointDetails endpoint = HttpCoreContext.cast(context).getEndpointDetails();
    SocketAddress remote = endpoint == null ? null : endpoint.getRemoteAddress();
    return remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress() : null;
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

  /**
   * The HTTP answer for {@code response}. A 204 or 304 answer has no body; a HEAD answer has the
   * length the body would have, and no body. A fault that cuts
   * the answer sends the headers with the whole body's length, then none or part of the body, then
   * ends the connection: the client sees a premature end of stream.
   */
  private static ClassicHttpResponse toHttp(String method, Response response, Fault fault)
      throws IOException {
    ClassicHttpResponse http = new BasicClassicHttpResponse(response.status());
    response.headers().forEach(http::setHeader);
    int status = response.status();
    long length = response.file() != null ? Files.size(response.file()) : response.body().length;
    if (status == 204 || status == 304 || length == 0) {
      return http;
    }
    if (method.equals("HEAD")) {
      http.setEntity(new BodyEntity(response, length, length)); // its length; HttpCore sends no body
      return http;
    }
    long keep = length;
    if (fault != null && fault.dropsAfterHeaders()) {
      keep = 0;
    } else if (fault != null && fault.truncatesBody()) {
      keep = Math.min(length - 1, fault.truncatedBodyBytes().orElse(length / 2));
    }
    http.setEntity(new BodyEntity(response, length, keep));
    return http;
  }

  /** A response body of a known length, of which only the first {@code keep} bytes are sent. */
  private static final class BodyEntity extends AbstractHttpEntity {
    private final Response response;
    private final long length;
    private final long keep;

    BodyEntity(Response response, long length, long keep) {
      super((String) null, null, false);
      this.response = response;
      this.length = length;
      this.keep = keep;
    }

    @Override
    public long getContentLength() {
      return length;
    }

    @Override
    public InputStream getContent() throws IOException {
      return response.file() != null
          ? Files.newInputStream(response.file())
          : new ByteArrayInputStream(response.body());
    }

    @Override
    public boolean isStreaming() {
      return false;
    }

    /**
     * Writes the first {@code keep} bytes. A stored file that has become shorter than the length
     * already declared (a tarball replaced during a download) also ends the connection, so the
     * client sees a premature end of stream, not an answer that never completes.
     */
    @Override
    public void writeTo(OutputStream out) throws IOException {
      long sent;
      if (response.file() != null) {
        try (InputStream in = Files.newInputStream(response.file())) {
          sent = copy(in, out, keep);
        }
      } else {
        sent = Math.min(keep, response.body().length);
        out.write(response.body(), 0, (int) sent);
      }
      if (sent < length) {
        out.flush(); // the headers and the bytes sent reach the client before the connection ends
        throw new CutConnection();
      }
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
      byte[] buffer = new byte[8192];
      long sent = 0;
      while (sent < limit) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        sent += n;
      }
      return sent;
    }

    @Override
    public void close() {}
  }

  /** Waits {@code d}; an interrupt (the server is closing) ends the connection. */
  private static void sleep(Duration d) throws CutConnection {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CutConnection();
    }
  }
}
