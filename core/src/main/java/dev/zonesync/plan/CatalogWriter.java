package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes an RFC 9432 catalog zone (schema version 2) as master-file text, for masters that cannot
 * produce one (Windows DNS, Infoblox): their zone list in, a zone any primary can serve out. Pure.
 *
 * <p>Each member's label is derived from its name alone (the SHA-1 of its lower-case wire form, in
 * hex), so a member keeps its label from one generation to the next: a label change would reset the
 * member's state (RFC 9432 §5.4). {@link CatalogReader} reads what this writes.
 */
public final class CatalogWriter {

  private CatalogWriter() {}

  /**
   * One member: its zone and its RFC 9432 {@code group} values (§4.4.2), in order.
   *
   * @param groups each non-empty, at most 255 octets, printable ASCII
   */
  public record Entry(DnsName zone, List<String> groups) {
    public Entry {
      Objects.requireNonNull(zone, "zone");
      groups = List.copyOf(groups);
      for (String g : groups) {
        if (g.isEmpty() || g.length() > 255 || !g.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
          throw new IllegalArgumentException(
              "member "
                  + zone
                  + ": group '"
                  + g
                  + "' must be 1 to 255 printable ASCII characters without spaces");
        }
      }
      if (new LinkedHashSet<>(groups).size() != groups.size()) {
        throw new IllegalArgumentException("member " + zone + ": a group is listed twice");
      }
    }
  }

  /**
   * The catalog's text.
   *
   * @param serial the SOA serial (0 to 2^32-1): each generation needs a larger one (RFC 1982)
   * @throws IllegalArgumentException when a member is listed twice, is the catalog or lies inside
   *     it, or is the root
   */
  public static String write(DnsName catalog, long serial, List<Entry> members) {
    if (serial < 0 || serial > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("serial " + serial + " is not between 0 and 4294967295");
    }
    TreeMap<String, Entry> byLabel = new TreeMap<>();
    Set<DnsName> seen = new LinkedHashSet<>();
    for (Entry e : members) {
      DnsName z = e.zone();
      if (z.isRoot() || z.equals(catalog) || z.isSubdomainOf(catalog)) {
        throw new IllegalArgumentException(
            "member "
                + z
                + " cannot be a member of catalog "
                + catalog
                + " (the root, or inside it)");
      }
      if (!seen.add(z)) {
        throw new IllegalArgumentException("member " + z + " is listed twice");
      }
      byLabel.put(label(z), e);
    }
    StringBuilder out = new StringBuilder();
    out.append("; RFC 9432 catalog zone, schema version 2, written by zonesync catalog-zone\n");
    out.append("$ORIGIN ").append(catalog.text()).append('\n');
    out.append("$TTL 0\n");
    // the SOA and NS are the RFC's "invalid." placeholders (§4.1): a catalog is never queried
    out.append("@ SOA invalid. invalid. ").append(serial).append(" 3600 600 2147483646 0\n");
    out.append("@ NS invalid.\n");
    out.append("version TXT \"2\"\n");
    for (var e : byLabel.entrySet()) {
      String l = e.getKey();
      out.append(l).append(".zones PTR ").append(e.getValue().zone().text()).append('\n');
      List<String> groups = new ArrayList<>(e.getValue().groups());
      for (String g : groups) {
        out.append("group.").append(l).append(".zones TXT ").append(quoted(g)).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Reads a member list: one member per line, its name then its groups, separated by spaces; blank
   * lines and text after {@code #} ignored. A name without its trailing dot is taken as absolute.
   *
   * @throws IllegalArgumentException naming the line and what is wrong
   */
  public static List<Entry> members(String text) {
    List<Entry> out = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
      if (fields.length == 1 && fields[0].isEmpty()) {
        continue;
      }
      try {
        out.add(new Entry(DnsName.of(fields[0]), List.of(fields).subList(1, fields.length)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The member's label: the SHA-1 of its lower-case wire form, in hex. */
  public static String label(DnsName zone) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      for (byte[] label : zone.labels()) {
        sha1.update((byte) label.length);
        for (byte b : label) {
          sha1.update(b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b); // DNS case is ASCII only
        }
      }
      sha1.update((byte) 0);
      return HexFormat.of().formatHex(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
