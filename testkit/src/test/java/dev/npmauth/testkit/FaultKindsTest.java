package dev.npmauth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The faults that cut an answer short, the standing latency, and faults on every route. */
@Tag("fake")
class FaultKindsTest {
  private FakeRegistry registry;
  private TestHttp http;

  @BeforeEach
  void start() throws Exception {
    registry = FakeRegistry.start();
    http = new TestHttp(registry.url());
    byte[] tgz = Packages.tarball("demo-pkg", "1.0.0", 20_000);
    assertThat(http.put("/demo-pkg", TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.0.0", tgz, null)),
        "authorization", TestHttp.bearer(registry.adminToken())).statusCode()).isEqualTo(200);
    registry.clearJournal();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  /** What a raw socket read: the head, the declared length, and the body bytes before EOF. */
  private record RawAnswer(int status, long contentLength, byte[] body) {}

  private RawAnswer rawGet(String path) throws IOException {
    URI url = registry.url();
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\naccept: application/json\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] all = socket.getInputStream().readAllBytes(); // returns at EOF: the server closed
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("a complete head in %s", text).isPositive();
      String head = text.substring(0, end);
      Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(head);
      assertThat(status.find()).isTrue();
      Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)$").matcher(head);
      long declared = length.find() ? Long.parseLong(length.group(1)) : -1;
      byte[] body = new byte[all.length - end - 4];
      System.arraycopy(all, end + 4, body, 0, body.length);
      return new RawAnswer(Integer.parseInt(status.group(1)), declared, body);
    }
  }

  private long fullPackumentLength() throws Exception {
    return http.get("/demo-pkg", "accept", "application/json").body().getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void truncateBodySendsTheFullLengthThenHalfTheBodyThenCloses() throws Exception {
    long full = fullPackumentLength();
    registry.inject(Fault.on("GET", "/demo-pkg").truncateBody());

    RawAnswer answer = rawGet("/demo-pkg");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentLength()).isEqualTo(full);
    assertThat(answer.body()).hasSize((int) (full / 2));
    assertThat(registry.journal()).last().satisfies(r -> assertThat(r.status()).isEqualTo(200));
    // Played once.
    assertThat(rawGetWithClose("/demo-pkg").body()).hasSize((int) full);
  }

  /** A complete answer: the request asks the server to close afterwards, so EOF ends the read. */
  private RawAnswer rawGetWithClose(String path) throws IOException {
    URI url = registry.url();
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\naccept: application/json\r\n"
          + "connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      return new RawAnswer(Integer.parseInt(text.substring(9, 12)), -1,
          text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void truncateBodyAfterNBytesOfATarballMakesTheJdkClientFail() throws Exception {
    registry.inject(Fault.on("GET", "/demo-pkg/-/.*").truncateBody(100));

    RawAnswer answer = rawGet("/demo-pkg/-/demo-pkg-1.0.0.tgz");
    assertThat(answer.body()).hasSize(100);
    assertThat(answer.contentLength()).isEqualTo(registry.tarball("demo-pkg", "1.0.0").orElseThrow().length);

    registry.inject(Fault.on("GET", "/demo-pkg/-/.*").truncateBody(100));
    assertThatThrownBy(() -> http.getBytes("/demo-pkg/-/demo-pkg-1.0.0.tgz")).isInstanceOf(IOException.class);
  }

  @Test
  void truncatingMoreThanTheBodyStillKeepsAByteBack() throws Exception {
    long full = fullPackumentLength();
    registry.inject(Fault.on("GET", "/demo-pkg").truncateBody(1_000_000));
    assertThat(rawGet("/demo-pkg").body()).hasSize((int) full - 1);
  }

  @Test
  void dropAfterHeadersSendsTheStatusAndLengthButNoBody() throws Exception {
    long full = fullPackumentLength();
    registry.inject(Fault.on("GET", "/demo-pkg").dropAfterHeaders());

    RawAnswer answer = rawGet("/demo-pkg");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentLength()).isEqualTo(full);
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void aCutAnswerOfAPublishStillTookEffect() throws Exception {
    byte[] tgz = Packages.tarball("demo-pkg", "1.1.0", 10);
    registry.inject(Fault.on("PUT", "/demo-pkg").dropAfterHeaders());
    assertThatThrownBy(() -> http.put("/demo-pkg", TestHttp.toJson(Packages.publishDoc("demo-pkg", "1.1.0", tgz, null)),
        "authorization", TestHttp.bearer(registry.adminToken()))).isInstanceOf(IOException.class);
    assertThat(registry.versions("demo-pkg")).containsExactly("1.0.0", "1.1.0");
  }

  @Test
  void aStatusFaultCanBeCutToo() throws Exception {
    registry.inject(Fault.on("GET", "/-/ping").status(503).body("{\"error\":\"down for maintenance\"}").truncateBody(5));
    RawAnswer answer = rawGet("/-/ping");
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.contentLength()).isEqualTo(32);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"err");
  }

  @Test
  void latencyDelaysEveryMatchingRequestAndLetsOtherFaultsPlay() throws Exception {
    registry.inject(Fault.on("GET", "/-/ping").latency(Duration.ofMillis(300)));
    registry.inject(Fault.on("GET", "/-/ping").status(503));

    long start = System.nanoTime();
    int first = http.get("/-/ping").statusCode();
    int second = http.get("/-/ping").statusCode();
    int third = http.get("/-/ping").statusCode();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(first).isEqualTo(503);
    assertThat(second).isEqualTo(200);
    assertThat(third).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    // Other routes are not slowed.
    long other = System.nanoTime();
    http.get("/-/whoami");
    assertThat(Duration.ofNanos(System.nanoTime() - other)).isLessThan(Duration.ofMillis(300));
  }

  @Test
  void latencyIsAlwaysByDefaultButCanBeCounted() {
    assertThat(Fault.on("GET", "/x").latency(Duration.ofMillis(1)).count()).isEqualTo(-1);
    assertThat(Fault.on("GET", "/x").latency(Duration.ofMillis(1)).times(2).count()).isEqualTo(2);
    assertThat(Fault.on("GET", "/x").times(2).latency(Duration.ofMillis(1)).count()).isEqualTo(2);
    assertThat(Fault.on("GET", "/x").status(500).count()).isEqualTo(1);
  }

  @Test
  void latencyTimesOutAClientAndIsGoneAfterClearFaults() throws Exception {
    registry.inject(Fault.on("*", ".*").latency(Duration.ofMillis(800)));
    assertThatThrownBy(() -> http.send(http.request("/-/ping").timeout(Duration.ofMillis(200)).GET().build()))
        .isInstanceOf(java.net.http.HttpTimeoutException.class);
    registry.clearFaults();
    assertThat(http.send(http.request("/-/ping").timeout(Duration.ofMillis(700)).GET().build()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWildcardFaultMatchesEveryMethodAndRoute() throws Exception {
    registry.inject(Fault.on("*", ".*").status(502).times(4));
    assertThat(http.get("/-/ping").statusCode()).isEqualTo(502);
    assertThat(http.put("/demo-pkg", "{}").statusCode()).isEqualTo(502);
    assertThat(http.post("/-/npm/v1/oidc/token/exchange/package/demo-pkg").statusCode()).isEqualTo(502);
    assertThat(http.send(http.request("/no/such/route").DELETE().build()).statusCode()).isEqualTo(502);
    assertThat(http.get("/-/ping").statusCode()).isEqualTo(200);
    assertThat(registry.journal()).extracting(r -> r.method().toLowerCase(Locale.ROOT) + " " + r.status())
        .containsExactly("get 502", "put 502", "post 502", "delete 502", "get 200");
  }

  @Test
  void kindsThatCannotGoTogetherAreRefusedWithAReason() {
    assertThatThrownBy(() -> Fault.on("GET", "/x").dropConnection().truncateBody())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("send nothing");
    assertThatThrownBy(() -> Fault.on("GET", "/x").truncateBody().dropAfterHeaders())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> Fault.on("GET", "/x").status(500).latency(Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another fault");
    assertThatThrownBy(() -> Fault.on("GET", "/x").latency(Duration.ofMillis(1)).status(500))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency()");
    assertThatThrownBy(() -> Fault.on("GET", "/x").truncateBody(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.on("get", "/x").truncateBody(7).toString()).isEqualTo("Fault[GET /x truncate-body after 7 bytes x1]");
    assertThat(Map.of("k", Fault.on("GET", "/x").latency(Duration.ofMillis(5)).toString()))
        .containsEntry("k", "Fault[GET /x latency 5ms always]");
  }
}
