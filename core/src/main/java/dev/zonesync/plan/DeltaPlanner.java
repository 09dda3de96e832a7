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
   * Why these differences cannot be carried by an increment at all, whatever Route 53 holds (not
   * drift): a marker that does not record the zone's delegations, another SOA MNAME, data zonesync
   * cannot convert, a delegation that changed. Null when they can.
   */
  public static String whyNotIncremental(ZoneDelta delta, SyncMarker marker, OwnershipRules rules) {
    if (marker.cuts() == null || marker.rrsets() < 0) {
      return "the marker does not record the zone's delegations and size";
    }
    if (!delta.to().mname().equals(marker.lineage())) {
      return "the SOA MNAME changed from " + marker.lineage() + " to " + delta.to().mname();
    }
    if (!delta.unconvertible().isEmpty()) {
      Map.Entry<RRsetKey, String> e = delta.unconvertible().entrySet().iterator().next();
      return "the master's changes touch "
          + e.getKey()
          + " whose data zonesync cannot convert ("
          + e.getValue()
          + ")";
    }
    for (RRsetKey k : delta.rrsets().keySet()) {
      if (k.type().equals(RrType.NS) && !k.name().equals(rules.sourceZone())) {
        return "the delegation at " + k.name() + " changed (zone cuts decide what is mirrored)";
      }
      DnsName cut = Ownership.cutAbove(k.name(), rules.sourceZone(), marker.cuts());
      if (cut != null && rules.cuts().mirrors(cut)) {
        return "the master changed "
            + k
            + " at the delegated cut "
            + cut
            + " (its NS and glue follow the master in a full sync)";
      }
    }
    return null;
  }

  /**
   * Whether zonesync can mirror anything at {@code key}'s name: inside the zone, not at or below
   * one of the marker's zone cuts, not in another source zone's subtree. Elsewhere nothing is
   * mirrored (the plans report it as skipped), and a master answers queries there with referrals,
   * not data.
   */
  public static boolean mirrorable(RRsetKey key, SyncMarker marker, OwnershipRules rules) {
    Set<DnsName> cuts = marker.cuts() == null ? Set.of() : marker.cuts();
    return key.name().isSubdomainOf(rules.sourceZone())
        && rules.excludedSubtreeOf(key.name()) == null
        && Ownership.cutAbove(key.name(), rules.sourceZone(), cuts) == null;
  }

  /** The touched keys that are {@link #mirrorable}: the ones to ask the master for. */
  public static Set<RRsetKey> mirrorableKeys(
      ZoneDelta delta, SyncMarker marker, OwnershipRules rules) {
    Set<RRsetKey> out = new java.util.HashSet<>();
    for (RRsetKey k : delta.rrsets().keySet()) {
      if (mirrorable(k, marker, rules)) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The commit alone: the marker {@code next} (and the SOA, as the commit rule writes it) over what
   * Route 53 holds, no data change. A run that found nothing to change but must record bookkeeping
   * (a full reconcile that failed) sends it.
   */
  public static Plan bookkeeping(
      SyncMarker next, OwnershipRules rules, HostedRRset hostedSoa, HostedRRset hostedMarker) {
    List<Change> commit = Commit.changes(next.serial(), next, rules, hostedSoa, hostedMarker);
    int managed = (int) Math.min(Integer.MAX_VALUE, Math.max(0, next.rrsets()));
    return new Plan(
        rules.sourceZone(), next.serial(), List.of(), commit, List.of(), managed, managed);
  }

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
    String notIncremental = whyNotIncremental(delta, marker, rules);
    if (notIncremental != null) {
      return new DeltaResult.NeedsFullSync(notIncremental, false);
    }
    Set<DnsName> cuts = marker.cuts();
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
    SyncMarker next = marker.next(delta.to().serial(), rrsets, cuts);
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
