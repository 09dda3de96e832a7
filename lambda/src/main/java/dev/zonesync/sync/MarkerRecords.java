package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.sync.port.HostedZone;
import java.util.Optional;

/** Reading a zone's marker record: one ListResourceRecordSets call. */
final class MarkerRecords {

  private MarkerRecords() {}

  /** The marker record set, or null when absent (or not a plain record set). */
  static HostedRRset read(HostedZone reader, ZoneSettings zone) {
    HostedRRset m = reader.read(zone.hostedZoneId(), SyncMarker.nameFor(zone.name()), RrType.TXT);
    return m == null || !m.isPlain() ? null : m;
  }

  static Optional<SyncMarker> parse(HostedRRset record, ZoneSettings zone) {
    return record == null || record.values().size() != 1
        ? Optional.empty()
        : SyncMarker.parse(record.values().get(0), zone.name());
  }

  /** The same record set: TTL and values. */
  static boolean same(HostedRRset a, HostedRRset b) {
    return a != null && b != null && a.ttl() == b.ttl() && a.values().equals(b.values());
  }
}
