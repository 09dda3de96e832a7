package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.sync.port.HostedZone;
import java.util.Optional;

/** Reading a zone's marker record: one ListResourceRecordSets call, and what the record says. */
final class MarkerRecords {

  private MarkerRecords() {}

  /** What the marker record set holds. */
  sealed interface Found {}

  /** No marker: a first sync, or someone removed it. */
  record Absent() implements Found {}

  /** A marker of this version. */
  record Present(SyncMarker marker) implements Found {}

  /** A record at the marker's name that this version cannot read (edited, or corrupt). */
  record Unreadable(String why) implements Found {}

  /** A marker of a newer format: another (newer) zonesync writes this zone. */
  record Newer(int version) implements Found {}

  /** The marker record set, or null when absent (or not a plain record set). */
  static HostedRRset read(HostedZone reader, ZoneSettings zone) {
    HostedRRset m = reader.read(zone.hostedZoneId(), SyncMarker.nameFor(zone.name()), RrType.TXT);
    return m == null || !m.isPlain() ? null : m;
  }

  static Found examine(HostedRRset record, ZoneSettings zone) {
    if (record == null) {
      return new Absent();
    }
    if (record.values().size() != 1) {
      return new Unreadable(record.values().size() + " values where zonesync writes one");
    }
    String value = record.values().get(0);
    int version = SyncMarker.version(value);
    if (version > SyncMarker.FORMAT) {
      return new Newer(version);
    }
    Optional<SyncMarker> m = SyncMarker.parse(value, zone.name());
    if (m.isPresent()) {
      return new Present(m.get());
    }
    return new Unreadable(
        version < 0
            ? "it does not start with zonesync=" + SyncMarker.FORMAT
            : "a field is invalid");
  }

  static Optional<SyncMarker> parse(HostedRRset record, ZoneSettings zone) {
    return examine(record, zone) instanceof Present p ? Optional.of(p.marker()) : Optional.empty();
  }

  /**
   * Stops the run before anything is written over a marker of a newer format: the zone is another
   * (newer) zonesync's, and this one would overwrite what it cannot read.
   */
  static void requireNotNewer(HostedRRset record, ZoneSettings zone) {
    if (examine(record, zone) instanceof Newer n) {
      throw new NewerMarkerException(
          "zone "
              + zone.name()
              + ": the marker "
              + SyncMarker.nameFor(zone.name())
              + " in hosted zone "
              + zone.hostedZoneId()
              + " was written by a newer zonesync (marker format "
              + n.version()
              + ", this version writes "
              + SyncMarker.FORMAT
              + "); nothing was changed. Upgrade this deployment to the version that wrote it,"
              + " or, if no newer zonesync manages this zone any more, delete that TXT record"
              + " (the next run then syncs the zone in full)");
    }
  }

  /** The same record set: TTL and values. */
  static boolean same(HostedRRset a, HostedRRset b) {
    return a != null && b != null && a.ttl() == b.ttl() && a.values().equals(b.values());
  }

  /** A marker this version must not overwrite. */
  static final class NewerMarkerException extends RuntimeException {
    NewerMarkerException(String message) {
      super(message);
    }
  }
}
