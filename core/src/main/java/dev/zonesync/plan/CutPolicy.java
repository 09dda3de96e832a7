package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import java.util.Objects;
import java.util.Set;

/**
 * What a zone's delegations (zone cuts) become in its private hosted zone (README, "Delegations and
 * other accounts"). A private hosted zone answers NXDOMAIN for every name under a cut it does not
 * resolve, so each cut is either delegated — its NS and the glue they need mirrored, for a Route 53
 * Resolver DELEGATE rule to follow — or covered some other way, or reported.
 *
 * @param delegate {@code zoneCuts: delegate}: the cuts in {@code delegations} are mirrored
 * @param delegations the cuts Resolver DELEGATE rules serve
 * @param resolvedElsewhere names whose subtree something else resolves (a FORWARD rule, another
 *     private zone): cuts at or below them are covered
 * @param mirroredZones every zone the configuration mirrors: a cut whose child zone is one of them
 *     is covered by that zone's own hosted zone
 */
public record CutPolicy(
    boolean delegate,
    Set<DnsName> delegations,
    Set<DnsName> resolvedElsewhere,
    Set<DnsName> mirroredZones) {

  /** Cuts are skipped (the default); nothing is known to cover them. */
  public static final CutPolicy SKIP = new CutPolicy(false, Set.of(), Set.of(), Set.of());

  public CutPolicy {
    delegations = Set.copyOf(Objects.requireNonNull(delegations, "delegations"));
    resolvedElsewhere = Set.copyOf(Objects.requireNonNull(resolvedElsewhere, "resolvedElsewhere"));
    mirroredZones = Set.copyOf(Objects.requireNonNull(mirroredZones, "mirroredZones"));
  }

  /** The cut's NS and glue are mirrored (a DELEGATE rule follows them). */
  public boolean mirrors(DnsName cut) {
    return delegate && delegations.contains(cut);
  }

  /**
   * Why the cuts the marker says were mirrored differ from the ones this policy mirrors among the
   * marker's cuts (a delegation added to or removed from the configuration), or null. Only a full
   * sync writes or removes a cut's NS and glue.
   */
  public String changedSince(dev.zonesync.model.SyncMarker m, OwnershipRules rules) {
    if (m.cuts() == null) {
      return null; // the cuts are unknown: every run of the zone is a full sync anyway
    }
    Set<DnsName> want = new java.util.TreeSet<>();
    for (DnsName c : m.cuts()) {
      if (mirrors(c) && rules.excludedSubtreeOf(c) == null) {
        want.add(c);
      }
    }
    if (want.equals(new java.util.TreeSet<>(m.delegated()))) {
      return null;
    }
    return "the delegations to mirror changed in the configuration (mirrored: "
        + new java.util.TreeSet<>(m.delegated())
        + ", now: "
        + want
        + "): full sync";
  }

  /**
   * How the names below {@code cut} resolve in the VPC, or null when nothing does.
   *
   * @param rules the zone's rules: another source zone of the same hosted zone covers its subtree
   */
  public String coverage(DnsName cut, OwnershipRules rules) {
    if (rules.excludedSubtreeOf(cut) != null) {
      return "mirrored into the same hosted zone as zone " + rules.excludedSubtreeOf(cut);
    }
    if (mirrors(cut)) {
      return "delegated (its NS mirrored for a Resolver DELEGATE rule)";
    }
    if (mirroredZones.contains(cut)) {
      return "mirrored as zone " + cut;
    }
    for (DnsName n = cut; !n.isRoot(); n = n.parent()) {
      if (resolvedElsewhere.contains(n)) {
        return "resolved elsewhere (resolvedElsewhere: " + n + ")";
      }
    }
    return null;
  }
}
