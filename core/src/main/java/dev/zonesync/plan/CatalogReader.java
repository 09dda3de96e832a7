package dev.zonesync.plan;

import dev.zonesync.model.CatalogMember;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads an RFC 9432 catalog zone (schema version 2) from a verified snapshot. Pure.
 *
 * <p>What it reads: the {@code version} property (§4.3.1), the member nodes {@code
 * <label>.zones.<catalog>} with their PTR (§4.2), and below each the {@code coo} (§4.4.1) and
 * {@code group} (§4.4.2) properties. Everything else is ignored, as §3 and §4.3 ask of consumers:
 * the apex NS, custom {@code ext} properties, unknown properties, other types at known owners,
 * properties of a label without a member PTR, and zonesync's own records (any owner whose leftmost
 * label is {@code _zonesync}: the catalog's marker and the members' state records, which the zone
 * sync never mirrors or deletes).
 *
 * <p>Broken (§5.1: must not be processed, the reason told to the operator): no version property,
 * more than one version record, a version other than "2"; a member node whose PTR RRset holds more
 * than one record; one member under two labels; a {@code coo} RRset of more than one PTR (§4.4.1,
 * and §4.3: a known property with an illegal number of records); a known property's record that
 * could not be read. A member named like the catalog itself, or inside it, is a legal RFC 9432
 * member and does not break the catalog; {@link CatalogPlanner} declines it.
 */
public final class CatalogReader {

  /** The schema version this reader understands. */
  public static final int VERSION = 2;

  private static final String ZONES = "zones";
  private static final String COO = "coo";
  private static final String GROUP = "group";

  private CatalogReader() {}

  /**
   * Reads the catalog.
   *
   * @throws IllegalArgumentException when the snapshot is not of {@code catalog}
   */
  public static CatalogReading read(DnsName catalog, ZoneSnapshot zone) {
    if (!zone.origin().equals(catalog)) {
      throw new IllegalArgumentException(
          "snapshot of " + zone.origin() + " given as catalog " + catalog);
    }
    Optional<String> versionProblem = versionProblem(catalog, zone);
    if (versionProblem.isPresent()) {
      return new CatalogReading.Broken(versionProblem.get());
    }
    DnsName zonesNode = catalog.child(ZONES);
    int depth = zonesNode.labelCount();
    // member nodes by name, so problems are reported in one order whatever the snapshot's
    Map<DnsName, RRset> nodes = new TreeMap<>();
    Map<String, RRset> coos = new HashMap<>();
    Map<String, RRset> groups = new HashMap<>();
    for (RRset r : zone.rrsets()) {
      DnsName name = r.name();
      if (SyncMarker.isMarkerName(name)
          || !name.isSubdomainOf(zonesNode)
          || name.labelCount() == depth) {
        continue;
      }
      int below = name.labelCount() - depth;
      if (below == 1 && r.type().equals(RrType.PTR)) {
        nodes.put(name, r);
      } else if (below == 2) {
        String property = firstLabel(name);
        String label = firstLabel(name.parent());
        if (property.equals(COO) && r.type().equals(RrType.PTR)) {
          coos.put(label, r);
        } else if (property.equals(GROUP) && r.type().equals(RrType.TXT)) {
          groups.put(label, r);
        }
      }
    }
    Optional<String> unreadable = unreadableProperty(zone, depth, zonesNode);
    if (unreadable.isPresent()) {
      return new CatalogReading.Broken(unreadable.get());
    }
    List<CatalogMember> members = new ArrayList<>();
    Map<DnsName, String> labelOf = new HashMap<>();
    for (RRset node : nodes.values()) {
      String label = firstLabel(node.name());
      if (node.values().size() != 1) {
        return new CatalogReading.Broken(
            node.name()
                + " PTR holds "
                + node.values().size()
                + " records: a member node has exactly one (RFC 9432 §4.2)");
      }
      DnsName member;
      try {
        member = DnsName.of(node.values().get(0));
      } catch (IllegalArgumentException e) {
        return new CatalogReading.Broken(
            node.name()
                + " PTR '"
                + node.values().get(0)
                + "' is not a valid absolute domain name (RFC 9432 §4.2): "
                + e.getMessage());
      }
      String earlier = labelOf.putIfAbsent(member, label);
      if (earlier != null) {
        return new CatalogReading.Broken(
            "member "
                + member
                + " is listed under two labels, "
                + earlier
                + " and "
                + label
                + " (RFC 9432 §4.2)");
      }
      DnsName coo = null;
      RRset cooSet = coos.get(label);
      if (cooSet != null) {
        if (cooSet.values().size() != 1) {
          return new CatalogReading.Broken(
              cooSet.name()
                  + " PTR holds "
                  + cooSet.values().size()
                  + " records: the coo property is a single PTR (RFC 9432 §4.4.1)");
        }
        try {
          coo = DnsName.of(cooSet.values().get(0));
        } catch (IllegalArgumentException e) {
          return new CatalogReading.Broken(
              cooSet.name()
                  + " PTR '"
                  + cooSet.values().get(0)
                  + "' is not a valid absolute domain name (RFC 9432 §4.4.1): "
                  + e.getMessage());
        }
      }
      members.add(new CatalogMember(member, label, groupNames(groups.get(label)), coo));
    }
    return new CatalogReading.Valid(VERSION, members);
  }

  private static Optional<String> versionProblem(DnsName catalog, ZoneSnapshot zone) {
    DnsName name = catalog.child("version");
    RRsetKey key = new RRsetKey(name, RrType.TXT);
    String why = zone.unconvertible().get(key);
    if (why != null) {
      return Optional.of(name + " TXT could not be read (RFC 9432 §4.3.1): " + why);
    }
    RRset version = zone.get(key);
    if (version == null) {
      return Optional.of(
          "no version property: "
              + name
              + " has no TXT record (RFC 9432 §4.3.1); is this a catalog zone?");
    }
    if (version.values().size() != 1) {
      return Optional.of(
          name
              + " TXT holds "
              + version.values().size()
              + " records "
              + version.values()
              + ": RFC 9432 §4.3.1 requires exactly one");
    }
    String value = version.values().get(0);
    List<byte[]> strings = Rdata.characterStringBytes(value);
    if (strings.size() != 1 || !"2".equals(new String(strings.get(0), StandardCharsets.UTF_8))) {
      return Optional.of(
          name
              + " TXT is "
              + value
              + ", not \"2\": zonesync reads catalog schema version "
              + VERSION
              + " (RFC 9432 §4.3.1)");
    }
    return Optional.empty();
  }

  /** A member PTR, coo PTR or group TXT the source could not convert: a known property unread. */
  private static Optional<String> unreadableProperty(
      ZoneSnapshot zone, int depth, DnsName zonesNode) {
    return zone.unconvertible().entrySet().stream()
        .filter(
            e -> {
              DnsName name = e.getKey().name();
              RrType type = e.getKey().type();
              if (SyncMarker.isMarkerName(name) || !name.isSubdomainOf(zonesNode)) {
                return false;
              }
              int below = name.labelCount() - depth;
              return (below == 1 && type.equals(RrType.PTR))
                  || (below == 2
                      && ((firstLabel(name).equals(COO) && type.equals(RrType.PTR))
                          || (firstLabel(name).equals(GROUP) && type.equals(RrType.TXT))));
            })
        .sorted(Map.Entry.comparingByKey())
        .findFirst()
        .map(e -> e.getKey() + " could not be read (RFC 9432 §4.3): " + e.getValue());
  }

  /**
   * Each TXT record is one group name: its character-strings joined (a name longer than 255 octets
   * spans several), read as UTF-8 to compare with the configuration's group names.
   */
  private static List<String> groupNames(RRset txt) {
    if (txt == null) {
      return List.of();
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String value : txt.values()) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (byte[] s : Rdata.characterStringBytes(value)) {
        joined.writeBytes(s);
      }
      names.add(joined.toString(StandardCharsets.UTF_8));
    }
    return List.copyOf(names);
  }

  /** The leftmost label in canonical text (escapes never contain a dot). */
  static String firstLabel(DnsName name) {
    String t = name.text();
    return t.substring(0, t.indexOf('.'));
  }
}
