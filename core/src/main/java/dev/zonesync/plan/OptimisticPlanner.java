package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans an incremental transfer without reading Route 53 (docs/architecture.md, "The optimistic
 * path"): what the hosted zone holds at the touched RRsets is predicted from what the master holds
 * now and the differences it sent, and the plan is sent as one request in which every change Route
 * 53 can validate is validated — each replaced or removed RRset is a DELETE of exactly the
 * predicted RRset (Route 53 refuses a DELETE whose TTL or values differ, or whose RRset is absent),
 * each new one a CREATE (refused when the RRset exists), and the marker is a DELETE of the marker
 * Route 53 is believed to hold plus a CREATE of the new one. Route 53 applies a request entirely or
 * not at all, so either the hosted zone held exactly the prediction and now holds exactly the
 * master's RRsets, or nothing changed and the request's refusal is the drift signal. Pure.
 */
public final class OptimisticPlanner {

  private OptimisticPlanner() {}

  /** The outcome. */
  public sealed interface Result {}

  /**
   * @param plan the plan as the report shows it (updates as updates)
   * @param batch the one request that sends it, every change validated
   */
  public record Ready(Plan plan, Batch batch) implements Result {
    public Ready {
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(batch, "batch");
    }
  }

  /** The optimistic path does not apply; the caller reads the touched names instead. */
  public record NotApplicable(String reason) implements Result {
    public NotApplicable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The delta cannot be applied incrementally at all (not drift: e.g. a delegation changed). */
  public record NeedsFullSync(String reason) implements Result {
    public NeedsFullSync {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * @param marker the marker the hosted zone is believed to hold (its serial is the delta's start)
   * @param hostedMarker that marker's record set exactly as it was written or read
   * @param hostedSoa the apex SOA the hosted zone is believed to hold (null when the zone does not
   *     own the apex)
   * @param atMaster the master's RRsets at the touched keys, at the serial the delta ends at
   *     (absent: the master has no RRset there)
   */
  public static Result plan(
      ZoneDelta delta,
      SyncMarker marker,
      HostedRRset hostedMarker,
      HostedRRset hostedSoa,
      Map<RRsetKey, RRset> atMaster,
      OwnershipRules rules,
      BatchLimits limits) {
    if (marker.cuts() == null || marker.rrsets() < 0) {
      return new NeedsFullSync("the marker does not record the zone's delegations and size");
    }
    Set<DnsName> cuts = marker.cuts();
    Map<DnsName, List<HostedRRset>> predicted = new HashMap<>();
    for (Map.Entry<RRsetKey, RRsetDelta> e : delta.rrsets().entrySet()) {
      RRsetKey key = e.getKey();
      RRsetDelta d = e.getValue();
      RRset now = atMaster.get(key);
      String mismatch = mismatch(key, d, now);
      if (mismatch != null) {
        return new NotApplicable(mismatch);
      }
      if (priorUnknown(key, d, now, rules)) {
        return new NotApplicable(
            "the master's differences re-add all of " + key + ": its prior state is unknown");
      }
      HostedRRset before = before(key, d, now, rules, cuts);
      if (before != null) {
        predicted.computeIfAbsent(key.name(), k -> new ArrayList<>()).add(before);
      }
    }
    DeltaResult result =
        DeltaPlanner.plan(delta, marker, predicted, hostedSoa, hostedMarker, rules, limits);
    Plan plan;
    switch (result) {
      case DeltaResult.NeedsFullSync full -> {
        return new NeedsFullSync(full.reason());
      }
      case DeltaResult.Planned p -> plan = p.plan();
    }
    List<Change> changes = new ArrayList<>();
    for (Change c : plan.changes()) {
      validated(c, changes);
    }
    // every DELETE before any CREATE, as the Batcher orders a batch: a CNAME replaced by an A at
    // one name must go away before the A arrives, whether Route 53 checks a batch change by change
    // or as a whole
    changes.sort(
        java.util.Comparator.comparingInt(Change::order).thenComparing(Planner.CHANGE_ORDER));
    for (Change c : plan.commit()) {
      if (c.type().equals(dev.zonesync.model.RrType.SOA)) {
        changes.add(c); // an UPSERT: Route 53 never lets a request delete the apex SOA
      } else {
        validated(c, changes);
      }
    }
    long values = 0;
    long chars = 0;
    for (Change c : changes) {
      values += c.wireValues();
      chars += c.wireChars();
    }
    if (!limits.fits(values, chars, changes.size())) {
      return new NotApplicable(
          changes.size()
              + " validated changes ("
              + values
              + " values, "
              + chars
              + " characters) do not fit one request");
    }
    return new Ready(plan, new Batch(changes, (int) values, (int) chars, true));
  }

  /**
   * The differences from what Route 53 holds at the touched RRsets (read) to what the master holds
   * there (queried), for {@link DeltaPlanner} to plan: the touched RRsets end exactly as the
   * master's.
   */
  public static ZoneDelta towardsMaster(
      ZoneDelta delta,
      Map<RRsetKey, RRset> atMaster,
      Map<DnsName, List<HostedRRset>> hostedAtNames,
      SyncMarker marker,
      OwnershipRules rules) {
    Set<DnsName> cuts = marker.cuts() == null ? Set.of() : marker.cuts();
    Map<RRsetKey, RRsetDelta> out = new HashMap<>();
    for (RRsetKey key : delta.rrsets().keySet()) {
      HostedRRset h = owned(key, hostedAtNames, rules, cuts);
      RRset q = atMaster.get(key);
      RRsetDelta.Builder b = new RRsetDelta.Builder();
      if (h != null) {
        for (String v : h.values()) {
          b.delete(v, h.ttl());
        }
      }
      if (q != null) {
        for (String v : q.values()) {
          b.add(v, q.ttl());
        }
      }
      RRsetDelta d = b.build();
      if (!d.isEmpty()) {
        out.put(key, d);
      }
    }
    return new ZoneDelta(
        delta.origin(), delta.fromSerial(), delta.to(), out, delta.unconvertible());
  }

  /**
   * True when the differences cannot say what the RRset was before: NSD's {@code create-ixfr}
   * re-sends unchanged apex RRsets as additions, so all of the master's values "added" at the apex
   * may be new or unchanged.
   */
  static boolean priorUnknown(RRsetKey key, RRsetDelta d, RRset now, OwnershipRules rules) {
    return key.name().equals(rules.sourceZone())
        && d.removed().isEmpty()
        && d.kept().isEmpty()
        && now != null
        && d.added().equals(Set.copyOf(now.values()));
  }

  /** The master's RRset as zonesync mirrors it (ownership rules, TTL policy), or null. */
  static RRset mirrored(RRset atMaster, OwnershipRules rules, Set<DnsName> cuts) {
    return atMaster == null || Ownership.desiredSkipReason(atMaster, rules, cuts) != null
        ? null
        : atMaster.withTtl(rules.ttl().apply(atMaster.ttl()));
  }

  /**
   * The touched keys whose name the differences may have removed (they only delete there): a master
   * answers a query for a name that is gone from a covering wildcard, which must not be taken for
   * the RRset (the source checks these).
   */
  public static Set<RRsetKey> mayBeGone(ZoneDelta delta) {
    Set<RRsetKey> out = new java.util.HashSet<>();
    delta
        .rrsets()
        .forEach(
            (k, d) -> {
              if (d.added().isEmpty() && d.kept().isEmpty()) {
                out.add(k);
              }
            });
    return out;
  }

  static HostedRRset owned(
      RRsetKey key,
      Map<DnsName, List<HostedRRset>> hostedAtNames,
      OwnershipRules rules,
      Set<DnsName> cuts) {
    for (HostedRRset x : hostedAtNames.getOrDefault(key.name(), List.of())) {
      if (x.type().equals(key.type()) && x.isPlain() && Ownership.owns(x, rules, cuts)) {
        return x;
      }
    }
    return null;
  }

  /** Why the master's answer cannot be the RRset its differences lead to, or null. */
  static String mismatch(RRsetKey key, RRsetDelta d, RRset now) {
    Set<String> held = now == null ? Set.of() : Set.copyOf(now.values());
    if (!held.containsAll(d.added()) || !held.containsAll(d.kept())) {
      return "the master's " + key + " lacks values its differences add";
    }
    for (String r : d.removed()) {
      if (held.contains(r)) {
        return "the master's " + key + " still holds " + r + ", which its differences delete";
      }
    }
    if (now != null && d.newTtl() >= 0 && now.ttl() != d.newTtl()) {
      return "the master's " + key + " has TTL " + now.ttl() + ", its differences " + d.newTtl();
    }
    return null;
  }

  /**
   * What zonesync wrote for {@code key} at the delta's start: the master's RRset then (now, minus
   * what the delta added, plus what it deleted), as the ownership rules and TTL policy mirrored it;
   * null when there was none or zonesync did not mirror it.
   */
  static HostedRRset before(
      RRsetKey key, RRsetDelta d, RRset now, OwnershipRules rules, Set<DnsName> cuts) {
    Set<String> values = new TreeSet<>(now == null ? Set.of() : now.values());
    values.removeAll(d.added());
    values.addAll(d.removed());
    if (values.isEmpty()) {
      return null;
    }
    long ttl = d.removedTtl() >= 0 ? d.removedTtl() : now.ttl();
    RRset source = new RRset(key.name(), key.type(), ttl, List.copyOf(values));
    if (Ownership.desiredSkipReason(source, rules, cuts) != null) {
      return null;
    }
    RRset written = source.withTtl(rules.ttl().apply(ttl));
    HostedRRset h = HostedRRset.written(written);
    return Ownership.owns(h, rules, cuts) ? h : null;
  }

  /** The change as Route 53 validates it: an update becomes DELETE of the old plus CREATE. */
  private static void validated(Change c, List<Change> out) {
    switch (c) {
      case Change.Create cr -> out.add(cr);
      case Change.Delete del -> out.add(del);
      case Change.Update u -> {
        out.add(new Change.Delete(u.current()));
        out.add(new Change.Create(u.desired()));
      }
    }
  }
}
