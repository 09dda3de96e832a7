package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
    Set<DnsName> cuts = zoneCuts(desired.rrsets(), zone);

    // 1. desired RRsets that zonesync mirrors
    Map<RRsetKey, RRset> want = new HashMap<>(desired.rrsets().size() * 2);
    for (RRset r : desired.rrsets()) {
      SkipReason reason = desiredSkipReason(r, rules, cuts);
      if (reason != null) {
        skipped.add(new Skipped(r.name(), r.type(), reason, detail(reason, r, rules, cuts)));
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
      if (owns(h, rules, cuts)) {
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
        String conflict = conflict(w, foreign.get(w.name()));
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

    List<Change> commit = Commit.changes(desired.soa(), rules, hostedSoa, hostedMarker);
    return new Plan(
        zone, desired.soa().serial(), changes, commit, skipped, have.size(), want.size());
  }

  /** Names (other than the apex) that carry NS records: delegations. */
  static Set<DnsName> zoneCuts(List<RRset> rrsets, DnsName zone) {
    Set<DnsName> cuts = new HashSet<>();
    for (RRset r : rrsets) {
      if (r.type().equals(RrType.NS) && !r.name().equals(zone)) {
        cuts.add(r.name());
      }
    }
    return cuts;
  }

  /** The zone cut at or above {@code name} (below the apex), or null. */
  static DnsName cutAbove(DnsName name, DnsName zone, Set<DnsName> cuts) {
    if (cuts.isEmpty()) {
      return null;
    }
    for (DnsName n = name; !n.equals(zone) && !n.isRoot(); n = n.parent()) {
      if (cuts.contains(n)) {
        return n;
      }
    }
    return null;
  }

  private static SkipReason desiredSkipReason(RRset r, OwnershipRules rules, Set<DnsName> cuts) {
    DnsName zone = rules.sourceZone();
    if (!r.name().isSubdomainOf(zone)) {
      return SkipReason.OUT_OF_ZONE;
    }
    if (rules.excludedSubtreeOf(r.name()) != null) {
      return SkipReason.OTHER_SOURCE;
    }
    if (cutAbove(r.name(), zone, cuts) != null) {
      return SkipReason.ZONE_CUT;
    }
    if (r.name().equals(rules.hostedZone()) && r.type().equals(RrType.NS)) {
      return SkipReason.APEX_NS;
    }
    if (r.type().equals(RrType.SOA)) {
      return SkipReason.UNMANAGED_TYPE; // only ever at the apex, handled by the commit
    }
    if (!r.type().isRoute53Supported()) {
      return SkipReason.UNSUPPORTED_TYPE;
    }
    if (SyncMarker.isMarkerName(r.name())) {
      return SkipReason.RESERVED_NAME;
    }
    if (!rules.managedTypes().contains(r.type())) {
      return SkipReason.UNMANAGED_TYPE;
    }
    if (rules.isPreserved(r.name(), r.type())) {
      return SkipReason.PRESERVED;
    }
    for (String v : r.values()) {
      if (v.length() > BatchLimits.MAX_VALUE_CHARS) {
        return SkipReason.TOO_LARGE;
      }
    }
    return null;
  }

  private static String detail(
      SkipReason reason, RRset r, OwnershipRules rules, Set<DnsName> cuts) {
    return switch (reason) {
      case ZONE_CUT -> {
        DnsName cut = cutAbove(r.name(), rules.sourceZone(), cuts);
        yield r.name().equals(cut) && r.type().equals(RrType.NS)
            ? "delegation of " + cut + ": private hosted zones cannot delegate"
            : "below the zone cut " + cut + " (delegation data or glue)";
      }
      case OTHER_SOURCE -> "belongs to source zone " + rules.excludedSubtreeOf(r.name());
      case TOO_LARGE ->
          "a value is longer than Route 53's " + BatchLimits.MAX_VALUE_CHARS + " characters";
      case UNSUPPORTED_TYPE -> r.type() + " is not a type Route 53 can hold";
      default -> reason.description();
    };
  }

  private static boolean owns(HostedRRset h, OwnershipRules rules, Set<DnsName> cuts) {
    if (!h.isPlain()) {
      return false; // alias and routing-policy sets are someone else's
    }
    if (h.name().equals(rules.hostedZone())
        && (h.type().equals(RrType.NS) || h.type().equals(RrType.SOA))) {
      return false;
    }
    if (SyncMarker.isMarkerName(h.name())) {
      return false;
    }
    if (!rules.managedTypes().contains(h.type())) {
      return false;
    }
    if (rules.excludedSubtreeOf(h.name()) != null) {
      return false;
    }
    if (cutAbove(h.name(), rules.sourceZone(), cuts) != null) {
      return false; // the source is not authoritative there
    }
    return !rules.isPreserved(h.name(), h.type());
  }

  /** Why creating {@code w} would collide with records zonesync does not own, or null. */
  private static String conflict(RRset w, List<HostedRRset> foreignAtName) {
    if (foreignAtName == null) {
      return null;
    }
    for (HostedRRset f : foreignAtName) {
      String what =
          f.isAlias()
              ? "an alias record"
              : f.hasRoutingPolicy()
                  ? "routing-policy records (set '" + f.setIdentifier() + "')"
                  : "a record zonesync does not manage";
      if (f.type().equals(w.type())) {
        return "Route 53 holds " + what + " for " + f.name() + " " + f.type();
      }
      if (w.type().equals(RrType.CNAME) || f.type().equals(RrType.CNAME)) {
        return "a CNAME cannot coexist with "
            + what
            + " ("
            + f.type()
            + ") at "
            + f.name()
            + "; resolve by hand or add a preserve pattern";
      }
    }
    return null;
  }

  /**
   * All changes of one name travel in one request; a name whose changes cannot fit in any request
   * is left out and reported rather than failing the run.
   */
  private static List<Change> dropOversizedNames(
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

  /** Builds the serial commit: SOA serial (when this source owns the apex) and the marker. */
  static final class Commit {
    private Commit() {}

    static List<Change> changes(
        dev.zonesync.model.Soa sourceSoa,
        OwnershipRules rules,
        HostedRRset hostedSoa,
        HostedRRset hostedMarker) {
      List<Change> out = new ArrayList<>(2);
      if (rules.ownsSoaSerial()) {
        if (hostedSoa == null || hostedSoa.exactValues().size() != 1) {
          throw new IllegalStateException(
              "hosted zone for "
                  + rules.hostedZone()
                  + " has no single apex SOA record; check that hostedZoneId names this zone");
        }
        String value = hostedSoa.values().get(0);
        if (!Rdata.soaSerial(value).equals(sourceSoa.serial())) {
          RRset newSoa =
              new RRset(
                  hostedSoa.name(),
                  RrType.SOA,
                  hostedSoa.ttl(),
                  List.of(Rdata.withSoaSerial(value, sourceSoa.serial())));
          out.add(new Change.Update(hostedSoa, newSoa));
        }
      }
      RRset marker =
          new SyncMarker(sourceSoa.serial(), sourceSoa.mname()).toRRset(rules.sourceZone());
      if (hostedMarker == null) {
        out.add(new Change.Create(marker));
      } else if (hostedMarker.ttl() != marker.ttl()
          || !hostedMarker.values().equals(marker.values())) {
        out.add(new Change.Update(hostedMarker, marker));
      }
      return out;
    }
  }
}
