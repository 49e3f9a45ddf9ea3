package dev.npmauth.testkit.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.io.DefaultBHttpServerConnection;
import org.apache.hc.core5.http.impl.io.HttpService;
import org.apache.hc.core5.http.io.HttpServerRequestHandler;
import org.apache.hc.core5.http.io.support.BasicHttpServerExpectationDecorator;
import org.apache.hc.core5.http.message.MessageSupport;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.ResponseContent;
import org.apache.hc.core5.io.CloseMode;

/**
 * The HTTP/1.1 server under the fake registry and the fake Sigstore: Apache HttpCore 5's classic
 * (blocking) {@link HttpService} on a plain or TLS server socket, one daemon thread per connection.
 *
 * <p>HttpCore parses and writes the messages (request line, headers, {@code Content-Length} and
 * chunked bodies, {@code Expect: 100-continue}, keep-alive). This class only accepts connections,
 * runs the service on each, and closes them: on {@link #close()}, when the client is done, or when
 * a handler throws {@link CutConnection} to play a dropped connection or a cut answer. Such a cut
 * is a normal close (FIN) after whatever the handler already flushed, never a reset, so a client
 * reads every byte that was sent and then a premature end of stream.
 *
 * <p>It was chosen over the JDK's {@code com.sun.net.httpserver} for start time: the JDK server
 * asks for a system logger (a service look-up), opens a selector, and dates each answer with the
 * locale data behind {@code "EEE, dd MMM yyyy HH:mm:ss zzz"}; together about 30 ms of a standalone
 * start of ~75 ms. Here the {@code Date} header needs no locale data ({@link #IMF_FIXDATE}).
 *
 * <p>Internal to the testkit; not API.
 */
public final class BlockingHttpServer implements AutoCloseable {
  /** Longest request line or header line, and most header lines, a request may have. */
  static final int MAX_LINE_LENGTH = 64 * 1024;

  static final int MAX_HEADER_COUNT = 200;

  /** An idle keep-alive connection is closed after this long without a request. */
  static final int IDLE_TIMEOUT_MILLIS = 60_000;

  /**
   * Thrown by a handler to close the connection at once, after what it already flushed: nothing
   * (a dropped connection) or the headers and part of the body (a cut answer).
   */
  public static final class CutConnection extends IOException {
    private static final long serialVersionUID = 1L;

    public CutConnection() {
      super("connection cut by an injected fault");
    }
  }

  private final ServerSocket serverSocket;
  private final String scheme;
  private final String threadName;
  private final Http1Config http1Config = Http1Config.custom()
      .setMaxLineLength(MAX_LINE_LENGTH)
      .setMaxHeaderCount(MAX_HEADER_COUNT)
      .build();
  private final ExecutorService connections;
  private final Set<DefaultBHttpServerConnection> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile HttpService service;

  /**
   * Binds; connections wait in the backlog until {@link #start}.
   *
   * @param address the address to bind
   * @param port the port, 0 for any free one
   * @param tls the server's TLS context, or null for plain HTTP
   * @param threadName the name of the connection threads, numbered
   * @throws IOException if the address cannot be bound
   */
  public BlockingHttpServer(InetAddress address, int port, SSLContext tls, String threadName)
      throws IOException {
    this.serverSocket = tls == null
        ? new ServerSocket(port, 64, address)
        : tls.getServerSocketFactory().createServerSocket(port, 64, address);
    this.scheme = tls == null ? "http" : "https";
    this.threadName = threadName;
    AtomicInteger n = new AtomicInteger();
    this.connections = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts accepting connections, each request answered by {@code handler}.
   *
   * @param handler answers each request; it may throw {@link CutConnection}
   * @throws IllegalStateException if already started or closed
   */
  public void start(HttpServerRequestHandler handler) {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("the server was already started or is closed");
    }
    this.service = new HttpService(
        HttpProcessorBuilder.create()
            .add(dateHeader())
            .add(new ResponseContent())
            .add(connectionHeader())
            .build(),
        new BasicHttpServerExpectationDecorator(handler),
        http1Config,
        DefaultConnectionReuseStrategy.INSTANCE,
        null);
    Thread acceptor = new Thread(this::acceptLoop, threadName + "-accept-" + serverSocket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port the server listens on. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /**
   * HTTP's IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}, RFC 9110 section 5.6.7), with the day
   * and month names given here as {@link DateTimeFormatter#RFC_1123_DATE_TIME} does: a pattern with
   * {@code EEE} and {@code MMM} would load the JDK's locale data, ~15 ms of the first answer.
   * Unlike {@code RFC_1123_DATE_TIME}, the day of the month always has two digits.
   */
  static final DateTimeFormatter IMF_FIXDATE = new DateTimeFormatterBuilder()
      .appendText(ChronoField.DAY_OF_WEEK, Map.of(1L, "Mon", 2L, "Tue", 3L, "Wed", 4L, "Thu", 5L, "Fri",
          6L, "Sat", 7L, "Sun"))
      .appendLiteral(", ")
      .appendValue(ChronoField.DAY_OF_MONTH, 2)
      .appendLiteral(' ')
      .appendText(ChronoField.MONTH_OF_YEAR, Map.ofEntries(Map.entry(1L, "Jan"), Map.entry(2L, "Feb"),
          Map.entry(3L, "Mar"), Map.entry(4L, "Apr"), Map.entry(5L, "May"), Map.entry(6L, "Jun"),
          Map.entry(7L, "Jul"), Map.entry(8L, "Aug"), Map.entry(9L, "Sep"), Map.entry(10L, "Oct"),
          Map.entry(11L, "Nov"), Map.entry(12L, "Dec")))
      .appendLiteral(' ')
      .appendValue(ChronoField.YEAR, 4)
      .appendLiteral(' ')
      .appendValue(ChronoField.HOUR_OF_DAY, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .appendLiteral(" GMT")
      .toFormatter()
      .withZone(ZoneOffset.UTC);

  private static HttpResponseInterceptor dateHeader() {
    return (response, entity, context) -> {
      if (!response.containsHeader(HttpHeaders.DATE)) {
        response.setHeader(HttpHeaders.DATE, IMF_FIXDATE.format(Instant.now()));
      }
    };
  }

  /**
   * {@code Connection: close} when the client asked for it (or spoke HTTP/1.0 without asking for
   * keep-alive), as HttpCore's {@code ResponseConnControl} does, but not for error statuses: that
   * one also closes after every 400, 408, 411, 413, 414, 501 and 503, and a fake must keep the
   * connection of an injected 503 or a routed 400 open, as a real registry does. (HttpCore's own
   * answers to requests it cannot parse still close.)
   */
  private static HttpResponseInterceptor connectionHeader() {
    return (response, entity, context) -> {
      HttpRequest request = HttpCoreContext.cast(context).getRequest();
      if (request == null || response.containsHeader(HttpHeaders.CONNECTION)) {
        return;
      }
      boolean[] close = {false};
      boolean[] keepAlive = {false};
      Iterator<Header> headers = request.headerIterator(HttpHeaders.CONNECTION);
      while (headers.hasNext()) {
        MessageSupport.parseTokens(headers.next(), token -> {
          close[0] |= token.equalsIgnoreCase("close");
          keepAlive[0] |= token.equalsIgnoreCase("keep-alive");
        });
      }
      ProtocolVersion version = request.getVersion();
      if (close[0] || (version != null && version.lessEquals(HttpVersion.HTTP_1_0) && !keepAlive[0])) {
        response.setHeader(HttpHeaders.CONNECTION, "close");
      } else if (keepAlive[0] && version != null && version.lessEquals(HttpVersion.HTTP_1_0)) {
        response.setHeader(HttpHeaders.CONNECTION, "keep-alive");
      }
    };
  }

  private void acceptLoop() {
    while (!closed.get()) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (closed.get()) {
          return;
        }
        // One failed accept must not stop the server; after one that keeps failing (say, too many
        // open files) wait a little for connections to end rather than spin.
        try {
          Thread.sleep(10);
        } catch (InterruptedException interrupted) {
          return;
        }
        continue;
      }
      try {
        socket.setTcpNoDelay(true); // else each answer waits for the client's delayed ACK
        socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
        connections.execute(() -> serve(socket));
      } catch (IOException | RejectedExecutionException e) {
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    DefaultBHttpServerConnection connection = new DefaultBHttpServerConnection(scheme, http1Config);
    open.add(connection);
    try {
      connection.bind(socket);
      if (closed.get()) {
        return; // closed while this connection waited for its thread
      }
      while (!Thread.currentThread().isInterrupted() && connection.isOpen()) {
        service.handleRequest(connection, HttpCoreContext.create());
      }
    } catch (CutConnection e) {
      // a FIN after what the handler flushed: the finally block's graceful close
    } catch (SocketException | InterruptedIOException e) {
      // the client went away, stayed idle too long, or the server is closing
    } catch (IOException | HttpException e) {
      // a broken stream or request: HttpCore already answered what it could
    } catch (RuntimeException e) {
      // our own bug: say which kind, never any request data
      System.err.println("fake registry: connection ended by " + e);
      e.printStackTrace();
    } finally {
      open.remove(connection);
      closeGracefully(connection);
    }
  }

  /** Flushes what is buffered and ends the connection with a FIN; a reset only if that fails. */
  private static void closeGracefully(DefaultBHttpServerConnection connection) {
    try {
      connection.close();
    } catch (IOException e) {
      connection.close(CloseMode.IMMEDIATE);
    }
  }

  /** Stops accepting, closes every open connection and interrupts running handlers. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(serverSocket);
    for (DefaultBHttpServerConnection connection : open) {
      connection.close(CloseMode.IMMEDIATE);
    }
    connections.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // nothing to do
    }
  }
}
