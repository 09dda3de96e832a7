package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The delegated cuts of one version of a zone ({@link CutPolicy#mirrors}): what is mirrored at and
 * below them, and what zonesync owns there in the hosted zone. At a delegated cut, its NS RRset is
 * mirrored, and below it the A and AAAA glue its NS targets need; every other name below the cut
 * stays skipped. In the hosted zone zonesync owns the cut's NS and every A and AAAA below it: a
 * Resolver DELEGATE rule refers queries below the cut to the delegated servers, so address records
 * there serve only as glue, and glue the master no longer needs is removed.
 */
final class DelegatedCuts {

  static final DelegatedCuts NONE = new DelegatedCuts(Map.of());

  /** Delegated cut → its NS targets at or below it (the glue it needs). */
  private final Map<DnsName, Set<DnsName>> glueByCut;

  private DelegatedCuts(Map<DnsName, Set<DnsName>> glueByCut) {
    this.glueByCut = glueByCut;
  }

  static DelegatedCuts of(Collection<RRset> rrsets, OwnershipRules rules, Set<DnsName> cuts) {
    if (!rules.cuts().delegate()) {
      return NONE;
    }
    Map<DnsName, Set<DnsName>> glue = new HashMap<>();
    for (RRset r : rrsets) {
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
    return glue.isEmpty() ? NONE : new DelegatedCuts(glue);
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

  /** {@code h}, at or below {@code cut}, is zonesync's: the cut's NS, an address below it. */
  boolean owns(HostedRRset h, DnsName cut) {
    if (!glueByCut.containsKey(cut)) {
      return false;
    }
    return h.name().equals(cut) ? h.type().equals(RrType.NS) : isAddress(h.type());
  }

  private static boolean isAddress(RrType t) {
    return t.equals(RrType.A) || t.equals(RrType.AAAA);
  }
}
