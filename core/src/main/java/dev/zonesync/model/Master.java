package dev.zonesync.model;

import java.util.Objects;

/** A master (primary) server to transfer from: host name or IP literal, and port. */
public record Master(String host, int port) {

  public static final int DNS_PORT = 53;

  public Master {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("master host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("master port " + port + " outside 1..65535");
    }
  }

  /** Parses {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 literal. */
  public static Master parse(String spec) {
    String s = spec.trim();
    try {
      if (s.startsWith("[")) {
        int close = s.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("missing ']'");
        }
        String host = s.substring(1, close);
        String rest = s.substring(close + 1);
        if (rest.isEmpty()) {
          return new Master(host, DNS_PORT);
        }
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("expected ':port' after ']'");
        }
        return new Master(host, Integer.parseInt(rest.substring(1)));
      }
      int colon = s.indexOf(':');
      if (colon < 0) {
        return new Master(s, DNS_PORT);
      }
      if (s.indexOf(':', colon + 1) >= 0) {
        return new Master(s, DNS_PORT); // bare IPv6 literal
      }
      return new Master(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "master '" + spec + "' is not host, host:port or [ipv6]:port: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
