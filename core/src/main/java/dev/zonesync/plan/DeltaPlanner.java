package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans an incremental transfer against the RRsets Route 53 holds at the names it touches. Before
 * planning, it checks each touched RRset for drift ({@link DeltaDrift}: a result that may differ
 * from the master's; RFC 1995 no-op additions and deletions are not drift): the caller then
 * reconciles the whole zone rather than apply a delta onto a state it did not expect. Pure.
 */
public final class DeltaPlanner {

  private DeltaPlanner() {}

  /**
   * @param marker the hosted zone's marker (serial = the delta's start, cuts and rrsets known)
   * @param hostedAtNames every RRset Route 53 holds at each touched name
   */
  public static DeltaResult plan(
      ZoneDelta delta,
      SyncMarker marker,
      Map<DnsName, List<HostedRRset>> hostedAtNames,
      HostedRRset hostedSoa,
      HostedRRset hostedMarker,
      OwnershipRules rules,
      BatchLimits limits) {
    DnsName zone = rules.sourceZone();
    if (marker.cuts() == null || marker.rrsets() < 0) {
      return new DeltaResult.NeedsFullSync(
          "the marker does not record the zone's delegations and size", false);
    }
    if (!delta.to().mname().equals(marker.lineage())) {
      return new DeltaResult.NeedsFullSync(
          "the SOA MNAME changed from " + marker.lineage() + " to " + delta.to().mname(), false);
    }
    if (!delta.unconvertible().isEmpty()) {
      Map.Entry<RRsetKey, String> e = delta.unconvertible().entrySet().iterator().next();
      return new DeltaResult.NeedsFullSync(
          "the master's changes touch "
              + e.getKey()
              + " whose data zonesync cannot convert ("
              + e.getValue()
              + ")",
          false);
    }
    Set<DnsName> cuts = marker.cuts();
    for (RRsetKey k : delta.rrsets().keySet()) {
      if (k.type().equals(RrType.NS) && !k.name().equals(zone)) {
        return new DeltaResult.NeedsFullSync(
            "the delegation at " + k.name() + " changed (zone cuts decide what is mirrored)",
            false);
      }
    }
    List<Change> changes = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Map.Entry<RRsetKey, RRsetDelta> e : new java.util.TreeMap<>(delta.rrsets()).entrySet()) {
      RRsetKey key = e.getKey();
      RRsetDelta d = e.getValue();
      List<HostedRRset> atName = hostedAtNames.getOrDefault(key.name(), List.of());
      HostedRRset h = null;
      List<HostedRRset> foreign = new ArrayList<>();
      for (HostedRRset x : atName) {
        if (x.type().equals(key.type()) && x.isPlain() && Ownership.owns(x, rules, cuts)) {
          h = x;
        } else if (!Ownership.owns(x, rules, cuts)) {
          foreign.add(x);
        }
      }
      // what the desired RRset becomes, from the source's point of view
      Set<String> values = new TreeSet<>(h == null ? Set.of() : h.values());
      String drift = DeltaDrift.check(key, d, h, rules.ttl());
      if (drift != null) {
        return new DeltaResult.NeedsFullSync(drift, true);
      }
      values.removeAll(d.removed());
      values.addAll(d.kept());
      values.addAll(d.added());
      RRset probe =
          values.isEmpty()
              ? null
              : new RRset(
                  key.name(),
                  key.type(),
                  d.newTtl() >= 0 ? d.newTtl() : h != null ? h.ttl() : 0,
                  List.copyOf(values));
      SkipReason reason = probe == null ? null : Ownership.desiredSkipReason(probe, rules, cuts);
      if (reason != null) {
        skipped.add(
            new Skipped(
                key.name(), key.type(), reason, Ownership.detail(reason, probe, rules, cuts)));
        continue;
      }
      if (probe == null) {
        if (h != null) {
          changes.add(new Change.Delete(h));
        }
        continue;
      }
      RRset want = probe.withTtl(rules.ttl().apply(probe.ttl()));
      if (h == null) {
        String conflict = Ownership.conflict(want, foreign.isEmpty() ? null : foreign);
        if (conflict != null) {
          skipped.add(new Skipped(want.name(), want.type(), SkipReason.CONFLICT, conflict));
        } else {
          changes.add(new Change.Create(want));
        }
      } else if (h.ttl() != want.ttl() || !h.values().equals(want.values())) {
        changes.add(new Change.Update(h, want));
      }
    }
    changes.sort(Planner.CHANGE_ORDER);
    Map<DnsName, Object> byName = new java.util.LinkedHashMap<>();
    for (Change c : changes) {
      Planner.group(byName, c);
    }
    changes = Planner.flatten(byName, limits, skipped);
    skipped.sort(
        Comparator.comparing((Skipped s) -> s.name().text()).thenComparing(s -> s.type().code()));
    long creates = changes.stream().filter(c -> c instanceof Change.Create).count();
    long deletes = changes.stream().filter(c -> c instanceof Change.Delete).count();
    long rrsets = Math.max(0, marker.rrsets() + creates - deletes);
    SyncMarker next =
        new SyncMarker(delta.to().serial(), marker.lineage(), rrsets, cuts, null, marker.fullAt());
    List<Change> commit = Commit.changes(delta.to().serial(), next, rules, hostedSoa, hostedMarker);
    return new DeltaResult.Planned(
        new Plan(
            zone,
            delta.to().serial(),
            changes,
            commit,
            skipped,
            (int) Math.min(Integer.MAX_VALUE, marker.rrsets()),
            (int) Math.min(Integer.MAX_VALUE, rrsets)));
  }
}
