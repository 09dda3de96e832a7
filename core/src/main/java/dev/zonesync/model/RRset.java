package dev.zonesync.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A resource record set: owner name, type, TTL and its values in canonical presentation (see {@link
 * Rdata}), sorted and without duplicates so that two RRsets with the same data are equal.
 */
public record RRset(DnsName name, RrType type, long ttl, List<String> values) {

  public static final long MAX_TTL = 2147483647L;

  public RRset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (ttl < 0 || ttl > MAX_TTL) {
      throw new IllegalArgumentException(
          "TTL " + ttl + " of " + name + " " + type + " outside 0.." + MAX_TTL);
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("RRset " + name + " " + type + " has no values");
    }
    values = sortedUnique(values);
  }

  /** Creates an RRset from values in any order, possibly with duplicates. */
  public static RRset of(DnsName name, RrType type, long ttl, Collection<String> values) {
    return new RRset(name, type, ttl, List.copyOf(values));
  }

  private static List<String> sortedUnique(List<String> values) {
    boolean ordered = true;
    for (int i = 1; i < values.size() && ordered; i++) {
      ordered = values.get(i - 1).compareTo(values.get(i)) < 0;
    }
    if (ordered) {
      return List.copyOf(values);
    }
    return List.copyOf(new ArrayList<>(new TreeSet<>(values)));
  }

  public RRsetKey key() {
    return new RRsetKey(name, type);
  }

  public RRset withTtl(long newTtl) {
    return newTtl == ttl ? this : new RRset(name, type, newTtl, values);
  }

  /** Sum of the characters of all values (Route 53 counts these per request). */
  public int valueChars() {
    int n = 0;
    for (String v : values) {
      n += v.length();
    }
    return n;
  }
}
