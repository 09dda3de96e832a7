package dev.zonesync.oracle;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One version of the oracle's master zone: its serial, its SOA MNAME (the serial lineage) and every
 * RRset but the apex SOA, owner names and values in the canonical text the source adapter produces
 * (owners lower case and absolute, character-strings quoted with decimal escapes).
 */
record ZoneVersion(long serial, String mname, SortedMap<Key, Data> rrsets) {

  static final String ZONE = "oracle.example.";
  static final String MNAME = "ns1.oracle.example.";

  ZoneVersion {
    rrsets = Collections.unmodifiableSortedMap(new TreeMap<>(rrsets));
  }

  /** An RRset's identity: owner (canonical text) and type mnemonic. */
  record Key(String owner, String type) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = owner.compareTo(o.owner);
      return c != 0 ? c : type.compareTo(o.type);
    }

    @Override
    public String toString() {
      return owner + " " + type;
    }
  }

  /** An RRset's TTL and values (canonical text, sorted, no duplicates). */
  record Data(long ttl, SortedSet<String> values) {
    Data {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("an RRset has values");
      }
      values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    static Data of(long ttl, List<String> values) {
      return new Data(ttl, new TreeSet<>(values));
    }

    @Override
    public String toString() {
      return ttl + " " + String.join(" | ", values);
    }
  }

  /** True when the name owns an RRset or lies above one (an empty non-terminal). */
  boolean exists(String name) {
    for (Key k : rrsets.keySet()) {
      if (k.owner().equals(name) || k.owner().endsWith("." + name)) {
        return true;
      }
    }
    return false;
  }

  /** The RRsets at one name, by type. */
  Map<String, Data> at(String name) {
    Map<String, Data> out = new TreeMap<>();
    rrsets.forEach(
        (k, d) -> {
          if (k.owner().equals(name)) {
            out.put(k.type(), d);
          }
        });
    return out;
  }
}
