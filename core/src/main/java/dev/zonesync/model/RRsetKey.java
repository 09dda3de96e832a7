package dev.zonesync.model;

import java.util.Comparator;
import java.util.Objects;

/** Identity of an RRset: owner name and type. */
public record RRsetKey(DnsName name, RrType type) implements Comparable<RRsetKey> {

  private static final Comparator<RRsetKey> ORDER =
      Comparator.comparing(RRsetKey::name).thenComparing(RRsetKey::type);

  public RRsetKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public int compareTo(RRsetKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
