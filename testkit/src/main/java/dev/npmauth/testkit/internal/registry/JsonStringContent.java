package dev.npmauth.testkit.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Streams the characters of one JSON string literal (as raw JSON text, quotes included) with its
 * escapes resolved, as UTF-8 bytes. Lets a base64 attachment be decoded without holding it in
 * memory.
 *
 * <p>Internal to the testkit; not API.
 */
final class JsonStringContent extends InputStream {
  private static final ByteString QUOTE_OR_BACKSLASH = ByteString.encodeUtf8("\"\\");
  private final BufferedSource source;
  private final InputStream raw;
  private boolean started;
  private boolean ended;
  private byte[] pending = new byte[0];
  private int pendingPos;

  JsonStringContent(BufferedSource source) {
    this.source = source;
    this.raw = source.inputStream();
  }

  @Override
  public int read() throws IOException {
    if (pendingPos < pending.length) {
      return pending[pendingPos++] & 0xff;
    }
    if (ended) {
      return -1;
    }
    if (!started) {
      started = true;
      if (raw.read() != '"') {
        throw new IOException("expected a JSON string");
      }
    }
    int c = raw.read();
    if (c < 0) {
      throw new IOException("unterminated JSON string");
    }
    if (c == '"') {
      ended = true;
      return -1;
    }
    if (c != '\\') {
      return c;
    }
    int e = raw.read();
    switch (e) {
      case '"':
      case '\\':
      case '/':
        return e;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        {
          char[] hex = new char[4];
          for (int i = 0; i < 4; i++) {
            int h = raw.read();
            if (h < 0) {
              throw new IOException("unterminated \\u escape in a JSON string");
            }
            hex[i] = (char) h;
          }
          int code;
          try {
            code = Integer.parseInt(new String(hex), 16);
          } catch (NumberFormatException ex) {
            throw new IOException("bad \\u escape in a JSON string");
          }
          if (code < 0x80) {
            return code;
          }
          pending = String.valueOf((char) code).getBytes(StandardCharsets.UTF_8);
          pendingPos = 1;
          return pending[0] & 0xff;
        }
      default:
        throw new IOException("bad escape in a JSON string");
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (started && !ended && pendingPos >= pending.length && source.request(1)) {
      // Fast path: copy the run of plain characters already buffered, up to a quote or backslash.
      Buffer buffered = source.getBuffer();
      long special = buffered.indexOfElement(QUOTE_OR_BACKSLASH);
      long plain = special < 0 ? buffered.size() : special;
      if (plain > 0) {
        return buffered.read(b, off, (int) Math.min(plain, len));
      }
    }
    int n = 0;
    while (n < len) {
      int c = read();
      if (c < 0) {
        return n == 0 ? -1 : n;
      }
      b[off + n++] = (byte) c;
    }
    return n;
  }
}
