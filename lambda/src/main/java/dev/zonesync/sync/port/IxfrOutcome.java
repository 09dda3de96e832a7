package dev.zonesync.sync.port;

import dev.zonesync.model.Master;
import dev.zonesync.model.Serial;
import dev.zonesync.model.ZoneDelta;
import java.time.Duration;

/** What a master answered to an incremental transfer request. */
public sealed interface IxfrOutcome
    permits IxfrOutcome.UpToDate, IxfrOutcome.Incremental, IxfrOutcome.WholeZone {

  /** The master has nothing newer than the serial we asked from. */
  record UpToDate(Serial serial, Master master) implements IxfrOutcome {}

  /** Differences from our serial to the master's current one. */
  record Incremental(ZoneDelta delta, Master master, long messages, long records, Duration duration)
      implements IxfrOutcome {}

  /** The master sent the whole zone instead (serial not in its journal, or by policy). */
  record WholeZone(Transfer transfer) implements IxfrOutcome {}
}
