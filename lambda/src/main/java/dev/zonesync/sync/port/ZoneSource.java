package dev.zonesync.sync.port;

import dev.zonesync.model.Deadline;

/** Where a zone's authoritative content comes from. */
public interface ZoneSource {

  /** The zone's current serial and lineage, from the first master that answers. */
  SourceSerial serial(Deadline deadline);

  /**
   * A complete, verified copy of the zone.
   *
   * @param preferred the master to try first (the one that answered the SOA query), or null
   */
  Transfer axfr(SourceSerial preferred, Deadline deadline);

  /**
   * Differences since {@code from}, from the master that answered {@code current} (same lineage).
   *
   * @throws TransferException when the master fails or refuses; the caller falls back to AXFR
   */
  IxfrOutcome ixfr(SourceSerial current, dev.zonesync.model.Serial from, Deadline deadline);

  /**
   * The master's RRsets at {@code keys} as they are at {@code at}'s serial, from the master that
   * answered {@code at} (absent keys: no RRset there).
   *
   * @param mayBeGone keys whose name the differences may have removed: a master answers a query for
   *     a name that no longer exists from a covering wildcard (RFC 4592), so an answer at these
   *     keys is checked and a synthesised one reported as absent
   * @throws TransferException when the master cannot say (or moved to another serial); the caller
   *     then reconciles without the answers
   */
  default java.util.Map<dev.zonesync.model.RRsetKey, dev.zonesync.model.RRset> rrsets(
      SourceSerial at,
      java.util.Set<dev.zonesync.model.RRsetKey> keys,
      java.util.Set<dev.zonesync.model.RRsetKey> mayBeGone,
      Deadline deadline) {
    throw new TransferException("this source cannot be queried for single RRsets");
  }
}
