package dev.zonesync.infra.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a zone's {@code masters} as the security group sees it: an IPv4 literal, an IPv6
 * literal or a hostname, with its port. Parsing is the engine's ({@link
 * dev.zonesync.model.Master#parse}); this only classifies.
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
  private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");

  /**
   * Classifies a master the engine's parser accepted, for the security group: an address literal
   * becomes a rule as it is; a hostname needs {@code deployment.securityGroup.masterCidrs}. {@code
   * field} names the entry in errors.
   */
  public static Master of(String field, dev.zonesync.model.Master engine) {
    String host = engine.host();
    if (host.indexOf(':') >= 0) {
      return new Master(ipv6(field, host), engine.port(), Kind.IPV6);
    }
    if (IPV4_LIKE.matcher(host).matches()) {
      if (!IPV4.matcher(host).matches()) {
        throw new ConfigException(field, "'" + host + "' is not a valid IPv4 address");
      }
      return new Master(host, engine.port(), Kind.IPV4);
    }
    if (!HOSTNAME.matcher(host).matches()) {
      throw new ConfigException(
          field, "'" + host + "' is not an IPv4 address, [IPv6] address or hostname");
    }
    return new Master(normalizeHostname(host), engine.port(), Kind.HOSTNAME);
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
}
