package dev.npmauth.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.npmauth.testkit.FakeRegistry;
import dev.npmauth.testkit.Fault;
import dev.npmauth.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 behaviour clients rely on, over raw sockets against a fake registry: keep-alive,
 * chunked request bodies, {@code Expect: 100-continue}, HEAD, the {@code Date} header, limits, and
 * what {@code close()} does to open connections.
 */
class BlockingHttpServerTest {
  private FakeRegistry registry;

  @BeforeEach
  void start() {
    registry = FakeRegistry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  /** One answer read off a kept-alive connection: status, headers (lower-case names), body. */
  private record Answer(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(registry.url().getHost(), registry.url().getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("end of stream in a head line: " + line);
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads one answer; the body is read by its Content-Length (none for a HEAD request). */
  private static Answer read(InputStream in, boolean head) throws IOException {
    String statusLine = readLine(in);
    assertThat(statusLine).startsWith("HTTP/1.1 ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    assertThat(body).as("the declared body").hasSize(length);
    return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers, body);
  }

  @Test
  void aChunkedRequestBodyIsDecodedAndTheConnectionServesTheNextRequest() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "PUT /chunked-pkg HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
          + "transfer-encoding: chunked\r\n\r\n"
          + "5\r\n{\"a\":\r\n6\r\n\"bcd\"}\r\n0\r\n\r\n");
      Answer publish = read(socket.getInputStream(), false);
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      Answer ping = read(socket.getInputStream(), false);

      assertThat(publish.status()).isEqualTo(401); // no token: the body was read, then refused
      assertThat(ping.status()).isEqualTo(200);
      assertThat(registry.journal())
          .extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::bodyBytes)
          .containsExactly(
              tuple("PUT", "/chunked-pkg", 11L),
              tuple("GET", "/-/ping", 0L));
    }
  }

  @Test
  void expectContinueGetsA100BeforeTheClientSendsTheBody() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "PUT /continue-pkg HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
          + "content-length: 2\r\nexpect: 100-continue\r\n\r\n");
      InputStream in = socket.getInputStream();
      assertThat(readLine(in)).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(readLine(in)).isEmpty();
      send(socket, "{}");
      assertThat(read(in, false).status()).isEqualTo(401);
      assertThat(registry.journal()).last().satisfies(r -> assertThat(r.bodyBytes()).isEqualTo(2));
    }
  }

  @Test
  void anInjected503KeepsTheConnectionOpenForTheRetry() throws Exception {
    registry.inject(Fault.on("GET", "/-/ping").status(503).retryAfter(Duration.ofSeconds(1)));
    try (Socket socket = connect()) {
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      Answer refused = read(socket.getInputStream(), false);
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      Answer retried = read(socket.getInputStream(), false);

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.headers()).containsEntry("retry-after", "1").doesNotContainKey("connection");
      assertThat(retried.status()).isEqualTo(200);
    }
  }

  @Test
  void aClientThatAsksForCloseGetsItAfterTheAnswer() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      Answer answer = read(socket.getInputStream(), false);

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers()).containsEntry("connection", "close");
      assertThat(socket.getInputStream().read()).as("a FIN, not a reset").isEqualTo(-1);
    }
  }

  @Test
  void headAnswersWithTheBodysLengthButNoBody() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "HEAD /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      Answer head = read(socket.getInputStream(), true);
      // Had the HEAD answer carried a body, this status line would be read from it.
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      Answer get = read(socket.getInputStream(), false);

      assertThat(head.status()).isEqualTo(404); // no route answers HEAD; the 404 has a JSON body
      assertThat(Long.parseLong(head.headers().get("content-length"))).isPositive();
      assertThat(get.status()).isEqualTo(200);
    }
  }

  @Test
  void everyAnswerIsDatedWithAnImfFixdate() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    try (Socket socket = connect()) {
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      String date = read(socket.getInputStream(), false).headers().get("date");

      assertThat(date).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
      Instant sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      assertThat(sent).isBetween(before, Instant.now().plusSeconds(1));
    }
  }

  @Test
  void theDateFormatHasTwoDigitDaysAndEnglishNames() {
    assertThat(BlockingHttpServer.IMF_FIXDATE.format(Instant.parse("1994-11-06T08:49:37Z")))
        .isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(BlockingHttpServer.IMF_FIXDATE.format(Instant.parse("2026-01-31T23:59:59Z")))
        .isEqualTo("Sat, 31 Jan 2026 23:59:59 GMT");
  }

  @Test
  void aHeadLineOverTheLimitIsRefusedAndTheServerGoesOn() throws Exception {
    String huge = "x".repeat(BlockingHttpServer.MAX_LINE_LENGTH + 1);
    try (Socket socket = connect()) {
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\nx-big: " + huge + "\r\n\r\n");
      Answer refused = read(socket.getInputStream(), false);
      assertThat(refused.status()).isEqualTo(431); // Request Header Fields Too Large
      assertThat(socket.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
    }
    try (Socket socket = connect()) {
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(read(socket.getInputStream(), false).status()).isEqualTo(200);
    }
  }

  @Test
  void tooManyHeaderLinesAreRefused() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i <= BlockingHttpServer.MAX_HEADER_COUNT; i++) {
      headers.append("x-h").append(i).append(": v\r\n");
    }
    try (Socket socket = connect()) {
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
      assertThat(read(socket.getInputStream(), false).status()).isEqualTo(431);
    }
    assertThat(registry.journal()).as("refused before the fake saw it").isEmpty();
  }

  @Test
  void closeEndsAnIdleKeptAliveConnectionAndRefusesNewOnes() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(read(socket.getInputStream(), false).status()).isEqualTo(200);

      registry.close();

      assertThat(nextByte(socket)).isEqualTo(-1);
    }
    // A connection racing the close may still be taken into the closing socket's backlog; it
    // is then ended without an answer.
    try (Socket late = connect()) {
      send(late, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(nextByte(late)).as("an answer after close").isEqualTo(-1);
    } catch (IOException refused) {
      assertThat(refused).isInstanceOf(SocketException.class);
    }
  }

  /** The next byte of the answer, or -1 at an end of stream or a reset. */
  private static int nextByte(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read();
    } catch (SocketException reset) {
      return -1;
    }
  }

  @Test
  void aLatencyFaultEndsWhenTheRegistryCloses() throws Exception {
    registry.inject(Fault.on("GET", "/-/ping").latency(Duration.ofMinutes(5)));
    try (Socket socket = connect()) {
      send(socket, "GET /-/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      Thread.sleep(200); // the request is now waiting in the fault's latency

      registry.close();

      assertThat(nextByte(socket)).as("no answer, and no five-minute wait").isEqualTo(-1);
    }
  }
}
