package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.model.SyncMarker;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ownership rules (docs/architecture.md, invariant 3), shared by full and incremental planning.
 */
final class Ownership {

  private Ownership() {}

  /** Names (other than the apex) that carry NS records: delegations. */
  static Set<DnsName> zoneCuts(java.util.Collection<RRset> rrsets, DnsName zone) {
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

  static SkipReason desiredSkipReason(RRset r, OwnershipRules rules, Set<DnsName> cuts) {
    return desiredSkipReason(r, rules, cuts, DelegatedCuts.NONE);
  }

  /** Why {@code r} is not mirrored, or null; at delegated cuts their NS and glue are. */
  static SkipReason desiredSkipReason(
      RRset r, OwnershipRules rules, Set<DnsName> cuts, DelegatedCuts delegated) {
    DnsName zone = rules.sourceZone();
    if (!r.name().isSubdomainOf(zone)) {
      return SkipReason.OUT_OF_ZONE;
    }
    if (rules.excludedSubtreeOf(r.name()) != null) {
      return SkipReason.OTHER_SOURCE;
    }
    DnsName cut = cutAbove(r.name(), zone, cuts);
    if (cut != null && !delegated.mirrored(r, cut)) {
      return SkipReason.ZONE_CUT;
    }
    if ((r.name().equals(rules.hostedZone()) || r.name().equals(zone))
        && r.type().equals(RrType.NS)) {
      // the hosted zone's NS are Route 53's; a nested source zone's apex NS would be a delegation
      return SkipReason.APEX_NS;
    }
    if (r.type().equals(RrType.SOA)) {
      return SkipReason.UNMANAGED_TYPE; // only ever at the apex, handled by the commit
    }
    if (!r.type().isRoute53Supported()) {
      return SkipReason.UNSUPPORTED_TYPE;
    }
    if (!r.name().isRoute53Compatible()) {
      return SkipReason.UNSUPPORTED_NAME;
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

  static String detail(SkipReason reason, RRset r, OwnershipRules rules, Set<DnsName> cuts) {
    return switch (reason) {
      case ZONE_CUT -> {
        DnsName cut = cutAbove(r.name(), rules.sourceZone(), cuts);
        if (r.name().equals(cut)) {
          yield r.type().equals(RrType.NS)
              ? "delegation of "
                  + cut
                  + ": not mirrored (zoneCuts: delegate with "
                  + cut
                  + " in delegations mirrors it for a Resolver DELEGATE rule)"
              : "at the zone cut " + cut + " (parent-side delegation data)";
        }
        yield "below the zone cut " + cut + " (glue or data of the delegated zone)";
      }
      case OTHER_SOURCE -> "belongs to source zone " + rules.excludedSubtreeOf(r.name());
      case TOO_LARGE ->
          "a value is longer than Route 53's " + BatchLimits.MAX_VALUE_CHARS + " characters";
      case UNSUPPORTED_TYPE -> r.type() + " is not a type Route 53 can hold";
      case UNSUPPORTED_NAME ->
          "Route 53 accepts only printable ASCII other than the space (0x21-0x7E) in record"
              + " names";
      default -> reason.description();
    };
  }

  static boolean owns(HostedRRset h, OwnershipRules rules, Set<DnsName> cuts) {
    return owns(h, rules, cuts, DelegatedCuts.NONE);
  }

  /** Whether zonesync may change {@code h}; at delegated cuts their NS and addresses are its. */
  static boolean owns(
      HostedRRset h, OwnershipRules rules, Set<DnsName> cuts, DelegatedCuts delegated) {
    if (!h.isPlain()) {
      return false; // alias and routing-policy sets are someone else's
    }
    if (h.name().equals(rules.hostedZone())
        && (h.type().equals(RrType.NS) || h.type().equals(RrType.SOA))) {
      return false;
    }
    if (h.name().equals(rules.sourceZone()) && h.type().equals(RrType.NS)) {
      return false;
    }
    if (SyncMarker.isMarkerName(h.name())) {
      return false;
    }
    if (!rules.managedTypes().contains(h.type())) {
      return false;
    }
    if (rules.excludedSubtreeOf(h.name()) != null) {
      return delegated.ownsReleasedNs(h);
    }
    DnsName cut = cutAbove(h.name(), rules.sourceZone(), cuts);
    if (cut != null && !delegated.owns(h, cut)) {
      return false; // the source is not authoritative there
    }
    return !rules.isPreserved(h.name(), h.type());
  }

  /** Why creating {@code w} would collide with records zonesync does not own, or null. */
  static String conflict(RRset w, List<HostedRRset> foreignAtName) {
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
}
