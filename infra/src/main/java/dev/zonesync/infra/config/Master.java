package dev.zonesync.infra.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a zone's {@code masters}: an IPv4 literal, a bracketed or bare IPv6 literal, or a
 * hostname, with an optional port (default 53).
 */
public record Master(String host, int port, Kind kind) {

  /** What {@link #host()} is. */
  public enum Kind {
    IPV4,
    IPV6,
    HOSTNAME
  }

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+)(?::(\\d{1,5}))?");
  private static final Pattern IPV6_BRACKETED =
      Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOSTNAME_WITH_PORT =
      Pattern.compile(
          "((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?)(?::(\\d{1,5}))?");

  /** Parses one {@code masters} entry; {@code field} names it in errors. */
  public static Master parse(String field, String text) {
    String t = text.trim();
    Matcher m = IPV6_BRACKETED.matcher(t);
    if (m.matches()) {
      return new Master(ipv6(field, m.group(1)), port(field, m.group(2)), Kind.IPV6);
    }
    if (IPV6.matcher(t).matches() && t.indexOf(':') != t.lastIndexOf(':')) {
      return new Master(ipv6(field, t), 53, Kind.IPV6);
    }
    m = IPV4_WITH_PORT.matcher(t);
    if (m.matches()) {
      if (!IPV4.matcher(m.group(1)).matches()) {
        throw new ConfigException(field, "'" + t + "' is not a valid IPv4 address");
      }
      return new Master(m.group(1), port(field, m.group(2)), Kind.IPV4);
    }
    m = HOSTNAME_WITH_PORT.matcher(t);
    if (m.matches()) {
      return new Master(normalizeHostname(m.group(1)), port(field, m.group(2)), Kind.HOSTNAME);
    }
    throw new ConfigException(
        field,
        "'" + t + "' is not an IPv4 address, [IPv6] address or hostname, with optional :port");
  }

  /**
   * Lower case, no trailing dot: the form used as key in {@code
   * deployment.securityGroup.masterCidrs}.
   */
  public static String normalizeHostname(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static String ipv6(String field, String text) {
    try {
      if (!text.contains(":")) {
        throw new IllegalArgumentException();
      }
      // A string with ':' is parsed as an IPv6 literal, never looked up in DNS.
      return java.net.InetAddress.getByName(text).getHostAddress();
    } catch (IllegalArgumentException | java.net.UnknownHostException e) {
      throw new ConfigException(field, "'" + text + "' is not a valid IPv6 address");
    }
  }

  private static int port(String field, String text) {
    if (text == null) {
      return 53;
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new ConfigException(field, "port " + port + " is out of range [1, 65535]");
    }
    return port;
  }
}
