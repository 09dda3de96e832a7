package dev.zonesync.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A hosted zone's apex SOA without its serial: the fields Route 53 (or its operator) owns, as
 * zonesync last read and rewrote them. With a serial it is the exact SOA record a commit wrote.
 *
 * @param ttl the SOA record's TTL
 * @param mname the first field, exactly as Route 53 returned it
 * @param rname the second field, exactly as Route 53 returned it
 */
public record SoaTemplate(
    long ttl, String mname, String rname, long refresh, long retry, long expire, long minimum) {

  public SoaTemplate {
    Objects.requireNonNull(mname, "mname");
    Objects.requireNonNull(rname, "rname");
    if (ttl < 0 || mname.isBlank() || rname.isBlank() || hasSpace(mname) || hasSpace(rname)) {
      throw new IllegalArgumentException(
          "SOA template needs a TTL >= 0 and two names without spaces, got ttl "
              + ttl
              + ", '"
              + mname
              + "', '"
              + rname
              + "'");
    }
  }

  /** The template of a hosted SOA record set (one value of seven fields). */
  public static SoaTemplate of(HostedRRset soa) {
    if (!soa.type().equals(RrType.SOA) || soa.exactValues().size() != 1) {
      throw new IllegalArgumentException(
          "not a single SOA record: " + soa.name() + " " + soa.type() + " " + soa.exactValues());
    }
    String value = soa.exactValues().get(0);
    String[] f = value.trim().split("\\s+");
    if (f.length != 7) {
      throw new InvalidRdataException(RrType.SOA, value, "expected 7 fields");
    }
    try {
      return new SoaTemplate(
          soa.ttl(),
          f[0],
          f[1],
          Long.parseLong(f[3]),
          Long.parseLong(f[4]),
          Long.parseLong(f[5]),
          Long.parseLong(f[6]));
    } catch (NumberFormatException e) {
      throw new InvalidRdataException(RrType.SOA, value, "a timer is not a number", e);
    }
  }

  /** The SOA value with {@code serial}, formatted as Route 53 returns it. */
  public String value(Serial serial) {
    return mname + " " + rname + " " + serial + " " + refresh + " " + retry + " " + expire + " "
        + minimum;
  }

  /** The SOA record set at {@code apex} that a commit of {@code serial} wrote. */
  public HostedRRset toHosted(DnsName apex, Serial serial) {
    String v = value(serial);
    return new HostedRRset(apex, RrType.SOA, ttl, List.of(v), List.of(v), null, null);
  }

  /** The marker's text form: {@code <ttl> <mname> <rname> <refresh> <retry> <expire> <minimum>}. */
  String text() {
    return ttl + " " + mname + " " + rname + " " + refresh + " " + retry + " " + expire + " "
        + minimum;
  }

  /** Reads {@link #text()}; empty when it is not one. */
  static Optional<SoaTemplate> parse(String text) {
    String[] f = text.trim().split("\\s+");
    if (f.length != 7) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SoaTemplate(
              Long.parseLong(f[0]),
              f[1],
              f[2],
              Long.parseLong(f[3]),
              Long.parseLong(f[4]),
              Long.parseLong(f[5]),
              Long.parseLong(f[6])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean hasSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
