package dev.npmauth.testkit.internal.registry;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 range such as {@code 10.0.0.0/8}.
 *
 * <p>Internal to the testkit; not API.
 */
public final class Cidr {
  private final int network;
  private final int mask;
  private final String text;

  private Cidr(int network, int mask, String text) {
    this.network = network;
    this.mask = mask;
    this.text = text;
  }

  /** Parses {@code a.b.c.d/n} (already checked by {@code TokenSpec}). */
  public static Cidr parse(String text) {
    String[] parts = text.split("/");
    String[] octets = parts[0].split("\\.");
    int address = 0;
    for (String o : octets) {
      address = (address << 8) | Integer.parseInt(o);
    }
    int bits = Integer.parseInt(parts[1]);
    int mask = bits == 0 ? 0 : -1 << (32 - bits);
    return new Cidr(address & mask, mask, text);
  }

  /** True when {@code address} is an IPv4 address in this range. */
  public boolean contains(InetAddress address) {
    if (!(address instanceof Inet4Address)) {
      return false;
    }
    byte[] b = address.getAddress();
    int a = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    return (a & mask) == network;
  }

  @Override
  public String toString() {
    return text;
  }
}
