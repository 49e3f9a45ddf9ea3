package dev.npmauth.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A reference beside the standalone fake registry's start: the JDK's HTTP server (which the fake
 * was built on before it moved to HttpCore) doing nothing but answering {@code 200 {}}, in a jar of
 * this one class, started with the fake launcher's JVM options and a JVM cache of its own. It writes
 * the same env file line as the fake, so the start bench measures both alike. A fake on the JDK
 * server could not start faster than this.
 *
 * <p>{@code --port P --env-file F} serves until killed; {@code --train} answers one request to
 * itself and exits (the run that makes its JVM cache).
 */
final class BareJdkServer {
  private static final String CLASS_FILE = "dev/npmauth/bench/BareJdkServer.class";

  private BareJdkServer() {
  }

  /**
   * Serves until killed, or trains once.
   *
   * @param args {@code --port P --env-file F}, or {@code --train}
   * @throws IOException if the socket cannot be bound or the env file written
   */
  public static void main(String[] args) throws IOException {
    boolean train = args.length > 0 && args[0].equals("--train");
    int port = 0;
    Path envFile = null;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        port = Integer.parseInt(args[i + 1]);
      } else if (args[i].equals("--env-file")) {
        envFile = Path.of(args[i + 1]);
      }
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    if (train) {
      try (InputStream in = URI.create(url + "-/ping").toURL().openStream()) {
        in.readAllBytes();
      }
      server.stop(0);
      return;
    }
    if (envFile != null) {
      Path partial = envFile.resolveSibling(envFile.getFileName() + ".partial");
      Files.writeString(partial, "export NPMAUTH_REGISTRY='" + url + "'\n");
      Files.move(partial, envFile, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Writes a jar holding only this class (its class file read from the bench's own class path). */
  static Path writeJar(Path jar) throws IOException {
    try (InputStream in = BareJdkServer.class.getClassLoader().getResourceAsStream(CLASS_FILE);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      if (in == null) {
        throw new IOException(CLASS_FILE + " is not on the bench's class path");
      }
      out.putNextEntry(new JarEntry(CLASS_FILE));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
