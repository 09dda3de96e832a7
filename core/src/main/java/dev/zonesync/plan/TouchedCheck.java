package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether what Route 53 holds at the RRsets an increment touched (read) is what zonesync left there
 * — before the master's change, or already after it — or drift (docs/architecture.md, "Route 53
 * calls"). The read path and a refused optimistic request both end here, so both end with the
 * touched RRsets exactly as the master's. Pure.
 *
 * <p>Each touched RRset is judged against two states, both from the master's answer at the serial
 * the differences end at: what zonesync wrote before the change (the answer minus what the
 * differences added, plus what they deleted, mirrored under the ownership rules) and the master's
 * RRset now, mirrored. Route 53 holding either is no drift (the second: an earlier run's request
 * went through although its answer was lost, or a full reconcile that failed half-way applied it).
 * Anything else someone wrote, and what else they wrote no increment can tell: drift.
 */
public final class TouchedCheck {

  private TouchedCheck() {}

  /** The verdict. */
  public sealed interface Result {}

  /** Route 53 held, at every touched RRset, the prior or the master's state. */
  public record Consistent() implements Result {}

  /** Someone changed a touched RRset in Route 53. */
  public record Drift(String reason) implements Result {
    public Drift {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The master's answer contradicts its own differences (the zone changed between the transfer and
   * the queries, or a server that answers inconsistently): nothing can be predicted from it.
   */
  public record Disagrees(String reason) implements Result {
    public Disagrees {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * @param atMaster the master's RRsets at the touched keys, at the serial the delta ends at
   * @param hostedAtNames every RRset Route 53 holds at each touched name (read)
   * @param marker the marker the increment starts from (its cuts decide what zonesync owns)
   */
  public static Result check(
      ZoneDelta delta,
      Map<RRsetKey, RRset> atMaster,
      Map<DnsName, List<HostedRRset>> hostedAtNames,
      SyncMarker marker,
      OwnershipRules rules) {
    Set<DnsName> cuts = marker.cuts() == null ? Set.of() : marker.cuts();
    for (Map.Entry<RRsetKey, RRsetDelta> e : new java.util.TreeMap<>(delta.rrsets()).entrySet()) {
      RRsetKey key = e.getKey();
      RRsetDelta d = e.getValue();
      RRset q = atMaster.get(key);
      String mismatch = OptimisticPlanner.mismatch(key, d, q);
      if (mismatch != null) {
        return new Disagrees(mismatch);
      }
      if (OptimisticPlanner.priorUnknown(key, d, q, rules)) {
        continue; // NSD re-sends unchanged apex RRsets as additions: any prior state is plausible
      }
      HostedRRset h = OptimisticPlanner.owned(key, hostedAtNames, rules, cuts);
      HostedRRset before = OptimisticPlanner.before(key, d, q, rules, cuts);
      RRset mirrored = OptimisticPlanner.mirrored(q, rules, cuts);
      if (!same(h, before == null ? null : before.asRRset()) && !same(h, mirrored)) {
        return new Drift(
            "Route 53's "
                + key
                + " is "
                + (h == null ? "absent" : h.ttl() + " " + h.values())
                + ", neither what zonesync wrote ("
                + (before == null ? "absent" : before.ttl() + " " + before.values())
                + ") nor the master's ("
                + (mirrored == null ? "absent" : mirrored.ttl() + " " + mirrored.values())
                + ")");
      }
    }
    return new Consistent();
  }

  /** Same TTL and the same values, as canonical data (order does not matter). */
  static boolean same(HostedRRset h, RRset r) {
    if (h == null || r == null) {
      return h == null && r == null;
    }
    return h.ttl() == r.ttl() && Set.copyOf(h.values()).equals(Set.copyOf(r.values()));
  }
}
