package dev.zonesync.oracle;

import dev.zonesync.oracle.ZoneVersion.Data;
import dev.zonesync.oracle.ZoneVersion.Key;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The oracle's reference, written without zonesync's code: what Route 53 must hold for a master
 * version (every RRset mirrored with its TTL and values; the apex SOA and NS are Route 53's), and
 * what Route 53 holds, read from the stored text (Route 53's {@code \ooo} octal escapes as
 * master-file decimal, parsed by dnsjava). Both sides are compared as dnsjava's canonical wire form
 * of the record data per owner and type, owner names case-insensitively.
 */
final class Mirror {

  private Mirror() {}

  static final String MARKER = "_zonesync." + ZoneVersion.ZONE;

  /**
   * One RRset as compared.
   *
   * @param rawName the owner as Route 53 wrote it (for edits by hand), or the master's
   * @param text the values as written, for messages
   * @param wire the record data, canonical wire form in hex (unparsable values: "?" and the text)
   */
  record Rrset(String rawName, long ttl, List<String> text, Set<String> wire) {
    boolean sameAs(Rrset o) {
      return o != null && ttl == o.ttl && wire.equals(o.wire);
    }

    @Override
    public String toString() {
      return ttl + " " + String.join(" | ", text);
    }
  }

  /** What Route 53 holds, besides its apex SOA and NS. */
  record Hosted(SortedMap<Key, Rrset> data, String marker, long markerTtl, Long soaSerial) {
    /** The marker's {@code name=value} field, or null. */
    String markerField(String field) {
      if (marker == null) {
        return null;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\\b" + field + "=([^ \"]+)").matcher(marker);
      return m.find() ? m.group(1) : null;
    }

    Long markerSerial() {
      String s = markerField("serial");
      return s == null ? null : Long.valueOf(s);
    }
  }

  /** The expected mirror of a master version. */
  static SortedMap<Key, Rrset> expected(ZoneVersion v) {
    SortedMap<Key, Rrset> out = new TreeMap<>();
    for (Map.Entry<Key, Data> e : v.rrsets().entrySet()) {
      Key k = e.getKey();
      boolean apex = k.owner().equals(ZoneVersion.ZONE);
      if (apex && (k.type().equals("SOA") || k.type().equals("NS"))) {
        continue; // Route 53's own
      }
      Data d = e.getValue();
      out.put(
          new Key(owner(k.owner()), k.type()),
          new Rrset(k.owner(), d.ttl(), List.copyOf(d.values()), wire(k.type(), d.values())));
    }
    return out;
  }

  /** What the hosted zone holds, from the fake's stored record sets. */
  static Hosted hosted(List<ResourceRecordSet> sets) {
    SortedMap<Key, Rrset> data = new TreeMap<>();
    String marker = null;
    long markerTtl = -1;
    Long soa = null;
    String apex = owner(ZoneVersion.ZONE);
    for (ResourceRecordSet s : sets) {
      String owner = owner(decimal(s.name()));
      String type = s.typeAsString();
      List<String> values = new ArrayList<>();
      for (ResourceRecord r : s.resourceRecords()) {
        values.add(r.value());
      }
      if (owner.equals(apex) && type.equals("SOA")) {
        soa = Long.parseLong(values.get(0).trim().split("\\s+")[2]);
        continue;
      }
      if (owner.equals(apex) && type.equals("NS")) {
        continue;
      }
      if (owner.equals(MARKER) && type.equals("TXT")) {
        marker = String.join(" ", values);
        markerTtl = s.ttl();
        continue;
      }
      List<String> decimalValues = values.stream().map(Mirror::decimal).toList();
      data.put(
          new Key(owner, type), new Rrset(s.name(), s.ttl(), values, wire(type, decimalValues)));
    }
    return new Hosted(data, marker, markerTtl, soa);
  }

  /** An owner name as dnsjava reads it, lower case. */
  static String owner(String presentation) {
    try {
      return Name.fromString(presentation, Name.root).canonicalize().toString();
    } catch (org.xbill.DNS.TextParseException e) {
      return "unparsable:" + presentation;
    }
  }

  private static Set<String> wire(String type, java.util.Collection<String> values) {
    Set<String> out = new TreeSet<>();
    for (String v : values) {
      try {
        Record r = Record.fromString(Name.root, Type.value(type), DClass.IN, 0, v, Name.root);
        out.add(HexFormat.of().formatHex(r.rdataToWireCanonical()));
      } catch (java.io.IOException | RuntimeException e) {
        out.add("?" + v);
      }
    }
    return out;
  }

  /** Route 53's {@code \ooo} escapes as master-file {@code \ddd}; other escapes kept. */
  static String decimal(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && octal(s, i + 1)) {
        sb.append(
            String.format(Locale.ROOT, "\\%03d", Integer.parseInt(s.substring(i + 1, i + 4), 8)));
        i += 3;
      } else if (c == '\\' && i + 1 < s.length()) {
        sb.append(c).append(s.charAt(i + 1));
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean octal(String s, int at) {
    for (int k = at; k < at + 3; k++) {
      if (s.charAt(k) < '0' || s.charAt(k) > '7') {
        return false;
      }
    }
    return true;
  }

  /**
   * Where {@code hosted} differs from {@code want}, keys in {@code allowed} aside; one line each.
   */
  static List<String> differences(
      SortedMap<Key, Rrset> hosted, SortedMap<Key, Rrset> want, Set<Key> allowed) {
    Set<Key> keys = new TreeSet<>(hosted.keySet());
    keys.addAll(want.keySet());
    List<String> out = new ArrayList<>();
    for (Key k : keys) {
      if (allowed.contains(k)) {
        continue;
      }
      Rrset h = hosted.get(k);
      Rrset w = want.get(k);
      if (h == null ? w != null : !h.sameAs(w)) {
        out.add(
            k
                + ": Route 53 has "
                + (h == null ? "nothing" : h)
                + ", the master's mirror "
                + (w == null ? "nothing" : w));
      }
    }
    return out;
  }
}
