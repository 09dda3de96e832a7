package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The delegated cuts of one version of a zone ({@link CutPolicy#mirrors}): what is mirrored at and
 * below them, and what zonesync owns there in the hosted zone. At a delegated cut, its NS RRset is
 * mirrored, and below it the A and AAAA glue its NS targets need; every other name below the cut
 * stays skipped. In the hosted zone zonesync owns the cut's NS and every A and AAAA below it: a
 * Resolver DELEGATE rule refers queries below the cut to the delegated servers, so address records
 * there serve only as glue, and glue the master no longer needs is removed.
 *
 * <p>A cut the hosted zone's marker records as delegated ({@code delegated=}) that is no longer
 * mirrored — taken out of {@code delegations}, {@code zoneCuts} back to {@code skip}, or now
 * mirrored as a zone of its own into the same hosted zone — is released: zonesync still owns what
 * it wrote there, so the full plan deletes it rather than leave an NS that nothing follows (or that
 * hides the child zone's records).
 */
final class DelegatedCuts {

  static final DelegatedCuts NONE = new DelegatedCuts(Map.of(), Set.of());

  /** Delegated cut → its NS targets at or below it (the glue it needs). */
  private final Map<DnsName, Set<DnsName>> glueByCut;

  /** Cuts of this version that an earlier commit mirrored and this plan no longer does. */
  private final Set<DnsName> released;

  private DelegatedCuts(Map<DnsName, Set<DnsName>> glueByCut, Set<DnsName> released) {
    this.glueByCut = glueByCut;
    this.released = released;
  }

  static DelegatedCuts of(Collection<RRset> rrsets, OwnershipRules rules, Set<DnsName> cuts) {
    return of(rrsets, rules, cuts, Set.of());
  }

  /**
   * @param before the cuts the hosted zone's marker says an earlier commit mirrored ({@link
   *     dev.zonesync.model.SyncMarker#delegated}); empty when none or unknown
   */
  static DelegatedCuts of(
      Collection<RRset> rrsets, OwnershipRules rules, Set<DnsName> cuts, Set<DnsName> before) {
    Map<DnsName, Set<DnsName>> glue = new HashMap<>();
    for (RRset r : rules.cuts().delegate() ? rrsets : List.<RRset>of()) {
      if (r.type().equals(RrType.NS)
          && cuts.contains(r.name())
          && rules.cuts().mirrors(r.name())
          && rules.excludedSubtreeOf(r.name()) == null) {
        Set<DnsName> targets = new HashSet<>();
        for (String v : r.values()) {
          DnsName t = DnsName.of(v);
          if (t.isSubdomainOf(r.name())) {
            targets.add(t);
          }
        }
        glue.put(r.name(), targets);
      }
    }
    Set<DnsName> released = new HashSet<>();
    for (DnsName c : before) {
      // a cut that is gone from the master is no cut: its NS and addresses are owned as any data
      if (cuts.contains(c) && !glue.containsKey(c)) {
        released.add(c);
      }
    }
    return glue.isEmpty() && released.isEmpty() ? NONE : new DelegatedCuts(glue, released);
  }

  /** The delegated cuts present in this version. */
  Set<DnsName> cuts() {
    return glueByCut.keySet();
  }

  /** {@code r}, at or below {@code cut}, is mirrored: the cut's NS, or glue its NS name. */
  boolean mirrored(RRset r, DnsName cut) {
    Set<DnsName> glue = glueByCut.get(cut);
    if (glue == null) {
      return false;
    }
    if (r.name().equals(cut)) {
      return r.type().equals(RrType.NS);
    }
    return isAddress(r.type()) && glue.contains(r.name());
  }

  /**
   * {@code h}, at or below {@code cut}, is zonesync's: the cut's NS, an address below it, at a cut
   * it mirrors or has released.
   */
  boolean owns(HostedRRset h, DnsName cut) {
    if (!glueByCut.containsKey(cut) && !released.contains(cut)) {
      return false;
    }
    return h.name().equals(cut) ? h.type().equals(RrType.NS) : isAddress(h.type());
  }

  /**
   * {@code h} is the NS an earlier commit wrote at a released cut that is now the apex of another
   * source zone of the same hosted zone: zonesync's to delete, though that subtree is not.
   */
  boolean ownsReleasedNs(HostedRRset h) {
    return h.type().equals(RrType.NS) && released.contains(h.name());
  }

  private static boolean isAddress(RrType t) {
    return t.equals(RrType.A) || t.equals(RrType.AAAA);
  }
}
