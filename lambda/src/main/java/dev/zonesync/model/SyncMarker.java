package dev.zonesync.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What zonesync writes next to the SOA serial so a later run can prove the hosted zone holds a
 * given serial <em>of the same master lineage</em>: a TXT record {@code _zonesync.<source zone>}
 * with {@code "zonesync=1 serial=<n> lineage=<primary name server>"}.
 *
 * <p>The lineage is the SOA MNAME the master reported. BIND primaries and their secondaries share
 * it (and their serials); every Active Directory domain controller names itself, so a serial from
 * another DC never short-circuits a sync.
 */
public record SyncMarker(Serial serial, DnsName lineage) {

  public static final String LABEL = "_zonesync";
  public static final long TTL = 300;
  private static final String VERSION = "zonesync=1";

  public SyncMarker {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(lineage, "lineage");
  }

  /** The marker's owner name for a source zone. */
  public static DnsName nameFor(DnsName sourceZone) {
    return sourceZone.child(LABEL);
  }

  /** True for any zonesync marker name (leftmost label {@code _zonesync}). */
  public static boolean isMarkerName(DnsName name) {
    return name.text().startsWith(LABEL + ".");
  }

  /** Canonical TXT value. */
  public String toTxtValue() {
    return "\"" + VERSION + " serial=" + serial + " lineage=" + lineage.text() + "\"";
  }

  public RRset toRRset(DnsName sourceZone) {
    return new RRset(nameFor(sourceZone), RrType.TXT, TTL, java.util.List.of(toTxtValue()));
  }

  /** Reads a marker from a canonical TXT value; empty when it is not one of ours. */
  public static Optional<SyncMarker> parse(String txtValue) {
    String v = txtValue.strip();
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
      v = v.substring(1, v.length() - 1);
    }
    String[] parts = v.split("\\s+");
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      if (!parts[1].startsWith("serial=") || !parts[2].startsWith("lineage=")) {
        return Optional.empty();
      }
      Serial serial = Serial.of(Long.parseLong(parts[1].substring("serial=".length())));
      DnsName lineage = DnsName.of(parts[2].substring("lineage=".length()));
      return Optional.of(new SyncMarker(serial, lineage));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
