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
   * @throws TransferException when the master cannot say (or moved to another serial); the caller
   *     then reads Route 53 instead
   */
  default java.util.Map<dev.zonesync.model.RRsetKey, dev.zonesync.model.RRset> rrsets(
      SourceSerial at, java.util.Set<dev.zonesync.model.RRsetKey> keys, Deadline deadline) {
    throw new TransferException("this source cannot be queried for single RRsets");
  }
}
