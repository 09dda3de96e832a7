package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the RRset-level difference between a verified source snapshot and the hosted zone,
 * applying the ownership rules (design.md invariant 3). Pure: same input, same plan.
 */
public final class Planner {

  /** Cheap deterministic order for changes: name text, then type code. */
  public static final Comparator<Change> CHANGE_ORDER =
      Comparator.comparing((Change c) -> c.name().text())
          .thenComparingInt(c -> c.type().code())
          .thenComparingInt(Change::order);

  private Planner() {}

  /**
   * Plans a full reconcile.
   *
   * @param desired the complete, verified source zone
   * @param current every RRset of the hosted zone (a full read)
   */
  public static Plan plan(
      ZoneSnapshot desired, List<HostedRRset> current, OwnershipRules rules, BatchLimits limits) {
    DnsName zone = rules.sourceZone();
    if (!desired.origin().equals(zone)) {
      throw new IllegalArgumentException(
          "snapshot of " + desired.origin() + " planned with rules for " + zone);
    }
    List<Skipped> skipped = new ArrayList<>();
    Set<DnsName> cuts = Ownership.zoneCuts(desired.rrsets(), zone);

    // 1. desired RRsets that zonesync mirrors
    Map<RRsetKey, RRset> want = new HashMap<>(desired.rrsets().size() * 2);
    for (RRset r : desired.rrsets()) {
      SkipReason reason = Ownership.desiredSkipReason(r, rules, cuts);
      if (reason != null) {
        skipped.add(
            new Skipped(r.name(), r.type(), reason, Ownership.detail(reason, r, rules, cuts)));
        continue;
      }
      want.put(r.key(), r.withTtl(rules.ttl().apply(r.ttl())));
    }

    // 2. hosted RRsets: owned ones are diffed, the others only block conflicting creates
    Map<RRsetKey, HostedRRset> have = new HashMap<>(current.size() * 2);
    Map<DnsName, List<HostedRRset>> foreign = new HashMap<>();
    HostedRRset hostedSoa = null;
    HostedRRset hostedMarker = null;
    DnsName markerName = SyncMarker.nameFor(zone);
    for (HostedRRset h : current) {
      if (h.name().equals(rules.hostedZone()) && h.type().equals(RrType.SOA)) {
        hostedSoa = h;
        continue;
      }
      if (h.name().equals(markerName) && h.type().equals(RrType.TXT) && h.isPlain()) {
        hostedMarker = h;
        continue;
      }
      if (!h.name().isSubdomainOf(zone)) {
        continue; // another source zone's or a parent's data
      }
      if (Ownership.owns(h, rules, cuts)) {
        have.put(h.key(), h);
      } else {
        foreign.computeIfAbsent(h.name(), n -> new ArrayList<>()).add(h);
      }
    }

    // 3. diff
    List<Change> changes = new ArrayList<>();
    for (RRset w : want.values()) {
      HostedRRset h = have.get(w.key());
      if (h == null) {
        String conflict = Ownership.conflict(w, foreign.get(w.name()));
        if (conflict != null) {
          skipped.add(new Skipped(w.name(), w.type(), SkipReason.CONFLICT, conflict));
        } else {
          changes.add(new Change.Create(w));
        }
      } else if (h.ttl() != w.ttl() || !h.values().equals(w.values())) {
        changes.add(new Change.Update(h, w));
      }
    }
    for (HostedRRset h : have.values()) {
      if (!want.containsKey(h.key())) {
        changes.add(new Change.Delete(h));
      }
    }
    changes.sort(CHANGE_ORDER);
    changes = dropOversizedNames(changes, limits, skipped);
    skipped.sort(
        Comparator.comparing((Skipped s) -> s.name().text()).thenComparing(s -> s.type().code()));

    SyncMarker marker =
        new SyncMarker(desired.soa().serial(), desired.soa().mname(), want.size(), cuts);
    List<Change> commit =
        Commit.changes(desired.soa().serial(), marker, rules, hostedSoa, hostedMarker);
    return new Plan(
        zone, desired.soa().serial(), changes, commit, skipped, have.size(), want.size());
  }

  /**
   * All changes of one name travel in one request; a name whose changes cannot fit in any request
   * is left out and reported rather than failing the run.
   */
  static List<Change> dropOversizedNames(
      List<Change> sorted, BatchLimits limits, List<Skipped> skipped) {
    List<Change> out = new ArrayList<>(sorted.size());
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      long values = 0;
      long chars = 0;
      DnsName name = sorted.get(i).name();
      while (j < sorted.size() && sorted.get(j).name().equals(name)) {
        values += sorted.get(j).wireValues();
        chars += sorted.get(j).wireChars();
        j++;
      }
      if (limits.fits(values, chars, j - i)) {
        out.addAll(sorted.subList(i, j));
      } else {
        for (Change c : sorted.subList(i, j)) {
          skipped.add(
              new Skipped(
                  c.name(),
                  c.type(),
                  SkipReason.TOO_LARGE,
                  "changes at this name need "
                      + values
                      + " values / "
                      + chars
                      + " characters, more than one request may carry ("
                      + limits.maxValues()
                      + " / "
                      + limits.maxValueChars()
                      + ")"));
        }
      }
      i = j;
    }
    return out;
  }
}
