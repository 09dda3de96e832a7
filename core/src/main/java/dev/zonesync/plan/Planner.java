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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the RRset-level difference between a verified source snapshot and the hosted zone,
 * applying the ownership rules (docs/architecture.md, invariant 3). Pure: same input, same plan.
 */
public final class Planner {

  /** A readable deterministic order for listing changes: name text, then type, deletes first. */
  public static final Comparator<Change> CHANGE_ORDER =
      Comparator.comparing((Change c) -> c.name().text())
          .thenComparingInt(c -> c.type().code())
          .thenComparingInt(Change::order);

  private Planner() {}

  /** Plans a full reconcile whose marker records no reconcile time. */
  public static Plan plan(
      ZoneSnapshot desired, List<HostedRRset> current, OwnershipRules rules, BatchLimits limits) {
    return plan(desired, current, rules, limits, null);
  }

  /**
   * Plans a full reconcile.
   *
   * @param desired the complete, verified source zone
   * @param current every RRset of the hosted zone (a full read)
   * @param reconciledAt when this reconcile happens, recorded in the marker (null: not recorded)
   */
  public static Plan plan(
      ZoneSnapshot desired,
      List<HostedRRset> current,
      OwnershipRules rules,
      BatchLimits limits,
      java.time.Instant reconciledAt) {
    DnsName zone = rules.sourceZone();
    if (!desired.origin().equals(zone)) {
      throw new IllegalArgumentException(
          "snapshot of " + desired.origin() + " planned with rules for " + zone);
    }
    List<Skipped> skipped = new ArrayList<>();
    Set<DnsName> cuts = Ownership.zoneCuts(desired.rrsets(), zone);
    DelegatedCuts delegated =
        DelegatedCuts.of(desired.rrsets(), rules, cuts, delegatedBefore(current, rules));

    // 1. hosted RRsets: owned ones are diffed, the others only block conflicting creates
    Map<RRsetKey, HostedRRset> have = new HashMap<>(current.size() * 4 / 3 + 16);
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
      if (Ownership.owns(h, rules, cuts, delegated)) {
        have.put(h.key(), h);
      } else {
        foreign.computeIfAbsent(h.name(), n -> new ArrayList<>()).add(h);
      }
    }

    // 2. diff, grouping each name's changes as they appear (no global sort: a million changes)
    Map<DnsName, Object> byName =
        new LinkedHashMap<>(Math.max(16, (desired.size() + have.size()) * 4 / 3 + 1));
    for (RRset r : desired.rrsets()) {
      SkipReason reason = Ownership.desiredSkipReason(r, rules, cuts, delegated);
      if (reason != null) {
        skipped.add(
            new Skipped(r.name(), r.type(), reason, Ownership.detail(reason, r, rules, cuts)));
        continue;
      }
      RRset w = r.withTtl(rules.ttl().apply(r.ttl()));
      HostedRRset h = have.isEmpty() ? null : have.get(new RRsetKey(w.name(), w.type()));
      if (h == null) {
        String conflict = foreign.isEmpty() ? null : Ownership.conflict(w, foreign.get(w.name()));
        if (conflict != null) {
          skipped.add(new Skipped(w.name(), w.type(), SkipReason.CONFLICT, conflict));
        } else {
          group(byName, new Change.Create(w));
        }
      } else if (h.ttl() != w.ttl() || !h.values().equals(w.values())) {
        group(byName, new Change.Update(h, w));
      }
    }
    for (Map.Entry<RRsetKey, HostedRRset> e : have.entrySet()) {
      RRset d = desired.get(e.getKey());
      if (d == null && desired.unconvertible().containsKey(e.getKey())) {
        continue; // the source has this RRset but zonesync cannot read it: leave it alone
      }
      if (d == null || Ownership.desiredSkipReason(d, rules, cuts, delegated) != null) {
        group(byName, new Change.Delete(e.getValue()));
      }
    }
    for (Map.Entry<RRsetKey, String> e : desired.unconvertible().entrySet()) {
      skipped.add(
          new Skipped(
              e.getKey().name(), e.getKey().type(), SkipReason.INVALID_RDATA, e.getValue()));
    }
    List<Change> changes = flatten(byName, limits, skipped);
    // what zonesync manages in Route 53 once the plan is applied (TOO_LARGE changes left out)
    long managedAfter = have.size();
    for (Change c : changes) {
      managedAfter += c instanceof Change.Create ? 1 : c instanceof Change.Delete ? -1 : 0;
    }
    skipped.sort(
        Comparator.comparing((Skipped x) -> x.name().text()).thenComparing(x -> x.type().code()));

    SyncMarker marker =
        new SyncMarker(
                desired.soa().serial(),
                desired.soa().mname(),
                managedAfter,
                cuts,
                null,
                reconciledAt)
            .withDelegated(delegated.cuts());
    List<Change> commit =
        Commit.changes(desired.soa().serial(), marker, rules, hostedSoa, hostedMarker);
    return new Plan(
        zone, desired.soa().serial(), changes, commit, skipped, have.size(), (int) managedAfter);
  }

  /**
   * The cuts whose NS and glue the hosted zone's marker says an earlier commit mirrored (empty when
   * there is no readable marker): what zonesync wrote there stays its own to remove.
   */
  private static Set<DnsName> delegatedBefore(List<HostedRRset> current, OwnershipRules rules) {
    DnsName markerName = SyncMarker.nameFor(rules.sourceZone());
    for (HostedRRset h : current) {
      if (h.name().equals(markerName)
          && h.type().equals(RrType.TXT)
          && h.isPlain()
          && h.values().size() == 1) {
        return SyncMarker.parse(h.values().get(0), rules.sourceZone())
            .map(SyncMarker::delegated)
            .orElse(Set.of());
      }
    }
    return Set.of();
  }

  /** Adds a change to its name's group: a single change, or a list once there are several. */
  @SuppressWarnings("unchecked")
  static void group(Map<DnsName, Object> byName, Change c) {
    Object g = byName.get(c.name());
    if (g == null) {
      byName.put(c.name(), c);
    } else if (g instanceof Change first) {
      List<Change> l = new ArrayList<>(3);
      l.add(first);
      l.add(c);
      byName.put(c.name(), l);
    } else {
      ((List<Change>) g).add(c);
    }
  }

  /**
   * The changes, each name's together (deletes first), leaving out — and reporting — names whose
   * changes cannot fit in any single request.
   */
  @SuppressWarnings("unchecked")
  static List<Change> flatten(
      Map<DnsName, Object> byName, BatchLimits limits, List<Skipped> skipped) {
    List<Change> out = new ArrayList<>(byName.size() + 16);
    for (Object g : byName.values()) {
      if (g instanceof Change c) {
        if (limits.fits(c.wireValues(), c.wireChars(), 1)) {
          out.add(c);
        } else {
          tooLarge(List.of(c), c.wireValues(), c.wireChars(), limits, skipped);
        }
        continue;
      }
      List<Change> l = (List<Change>) g;
      l.sort(Comparator.comparingInt(Change::order).thenComparingInt(c -> c.type().code()));
      long values = 0;
      long chars = 0;
      for (Change c : l) {
        values += c.wireValues();
        chars += c.wireChars();
      }
      if (limits.fits(values, chars, l.size())) {
        out.addAll(l);
      } else {
        tooLarge(l, values, chars, limits, skipped);
      }
    }
    return out;
  }

  private static void tooLarge(
      List<Change> group, long values, long chars, BatchLimits limits, List<Skipped> skipped) {
    for (Change c : group) {
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
}
