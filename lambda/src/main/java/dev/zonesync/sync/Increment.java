package dev.zonesync.sync;

import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import java.util.Map;

/**
 * One incremental change as the incremental paths handle it.
 *
 * @param from the marker the increment starts from (with any bookkeeping this run adds)
 * @param markerRecord that marker's record set as Route 53 holds (or is believed to hold) it
 * @param hostedSoa the apex SOA Route 53 holds, or null when the zone does not own the apex
 * @param atMaster the master's RRsets at the touched keys, at the serial the delta ends at
 */
record Increment(
    Run run,
    SyncMarker from,
    HostedRRset markerRecord,
    HostedRRset hostedSoa,
    ZoneDelta delta,
    Map<RRsetKey, RRset> atMaster) {

  Increment withRun(Run r) {
    return new Increment(r, from, markerRecord, hostedSoa, delta, atMaster);
  }

  Increment withFrom(SyncMarker m, HostedRRset record) {
    return new Increment(run, m, record, hostedSoa, delta, atMaster);
  }
}
