package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SyncMarker;
import java.util.Objects;
import java.util.Optional;

/**
 * What one zone's run does, decided from the serials alone (docs/architecture.md, invariant 1):
 * stop because Route 53 provably holds the source serial, continue incrementally from the serial
 * the marker proves, or transfer in full, saying why. Pure.
 */
public sealed interface SyncDecision {

  /** Route 53 holds the source serial of the same lineage, applied by an earlier run. */
  record UpToDate(String reason) implements SyncDecision {
    public UpToDate {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Transfer the differences since the marker's serial. */
  record Incremental(SyncMarker from) implements SyncDecision {
    public Incremental {
      Objects.requireNonNull(from, "from");
    }
  }

  /** Transfer the whole zone and read the whole hosted zone. */
  record Full(String reason) implements SyncDecision {
    public Full {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * As {@link #decide(SyncMode, boolean, Serial, Optional, Serial, DnsName, String)}, never due.
   */
  static SyncDecision decide(
      SyncMode mode,
      boolean ownsSoaSerial,
      Serial hostedSerial,
      Optional<SyncMarker> marker,
      Serial sourceSerial,
      DnsName sourceLineage) {
    return decide(mode, ownsSoaSerial, hostedSerial, marker, sourceSerial, sourceLineage, null);
  }

  /**
   * @param mode what the caller asked for
   * @param ownsSoaSerial the zone's serial lives in the apex SOA (else only in the marker)
   * @param hostedSerial the apex SOA serial Route 53 holds, or null when it was not read: the
   *     marker stands for it (one commit writes both, atomically)
   * @param marker the marker an earlier run wrote, if any (ignored when the mode is always full)
   * @param sourceSerial the serial the master answered
   * @param sourceLineage the master's serial lineage (SOA MNAME)
   * @param fullDue why the zone's own period asks for a full reconcile now, or null
   */
  public static SyncDecision decide(
      SyncMode mode,
      boolean ownsSoaSerial,
      Serial hostedSerial,
      Optional<SyncMarker> marker,
      Serial sourceSerial,
      DnsName sourceLineage,
      String fullDue) {
    if (mode.alwaysFull()) {
      return new Full(mode.fullReason());
    }
    if (marker.isEmpty()) {
      return new Full("no zonesync marker in the hosted zone (first sync, or removed)");
    }
    SyncMarker m = marker.get();
    boolean committed = !ownsSoaSerial || hostedSerial == null || hostedSerial.equals(m.serial());
    boolean sameLineage = m.lineage().equals(sourceLineage);
    if (committed && sameLineage && fullDue != null) {
      return new Full(fullDue);
    }
    if (committed && sameLineage && m.serial().equals(sourceSerial)) {
      return new UpToDate("serial " + sourceSerial + " already applied");
    }
    if (!committed) {
      return new Full(
          "hosted zone serial "
              + hostedSerial
              + " differs from the marker's "
              + m.serial()
              + " (changed outside zonesync)");
    }
    if (!sameLineage) {
      return new Full(
          "serial lineage changed from "
              + m.lineage()
              + " to "
              + sourceLineage
              + " (another master, e.g. another domain controller): full sync");
    }
    if (!sourceSerial.isNewerThan(m.serial())) {
      return new Full(
          "the master's serial "
              + sourceSerial
              + " is older than the applied "
              + m.serial()
              + " (serial went backwards or was reset): full sync");
    }
    if (m.cuts() == null || m.rrsets() < 0) {
      return new Full("the marker does not record the zone's delegations; full sync");
    }
    return new Incremental(m);
  }
}
