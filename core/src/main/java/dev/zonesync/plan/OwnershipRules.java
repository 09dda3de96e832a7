package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.RrType;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What zonesync may change in a hosted zone for one source zone.
 *
 * @param sourceZone the source zone's origin: only names at or below it are ours
 * @param hostedZone the hosted zone's apex (equal to sourceZone, or a parent of it)
 * @param managedTypes types to mirror (default: every type Route 53 can hold)
 * @param preserve names (and types) never changed
 * @param excludedSubtrees subtrees owned by other source zones feeding the same hosted zone
 * @param ttl TTL bounds
 * @param cuts what the zone's delegations become (skipped, or mirrored for DELEGATE rules)
 */
public record OwnershipRules(
    DnsName sourceZone,
    DnsName hostedZone,
    Set<RrType> managedTypes,
    List<NamePattern> preserve,
    List<DnsName> excludedSubtrees,
    TtlPolicy ttl,
    CutPolicy cuts) {

  /** Rules whose zone cuts are all skipped. */
  public OwnershipRules(
      DnsName sourceZone,
      DnsName hostedZone,
      Set<RrType> managedTypes,
      List<NamePattern> preserve,
      List<DnsName> excludedSubtrees,
      TtlPolicy ttl) {
    this(sourceZone, hostedZone, managedTypes, preserve, excludedSubtrees, ttl, CutPolicy.SKIP);
  }

  public OwnershipRules {
    Objects.requireNonNull(sourceZone, "sourceZone");
    Objects.requireNonNull(hostedZone, "hostedZone");
    if (!sourceZone.isSubdomainOf(hostedZone)) {
      throw new IllegalArgumentException(
          "source zone " + sourceZone + " is not inside hosted zone " + hostedZone);
    }
    managedTypes = Set.copyOf(managedTypes);
    preserve = List.copyOf(preserve);
    excludedSubtrees = List.copyOf(excludedSubtrees);
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(cuts, "cuts");
  }

  /** The same rules with another cut policy. */
  public OwnershipRules withCuts(CutPolicy policy) {
    return new OwnershipRules(
        sourceZone, hostedZone, managedTypes, preserve, excludedSubtrees, ttl, policy);
  }

  /** Default rules: everything Route 53 can hold, nothing preserved. */
  public static OwnershipRules defaults(DnsName zone) {
    return new OwnershipRules(
        zone, zone, RrType.ROUTE53_TYPES, List.of(), List.of(), TtlPolicy.NONE);
  }

  public boolean isPreserved(DnsName name, RrType type) {
    for (NamePattern p : preserve) {
      if (p.matches(name, type)) {
        return true;
      }
    }
    return false;
  }

  /** The excluded subtree containing {@code name}, or null. */
  public DnsName excludedSubtreeOf(DnsName name) {
    for (DnsName sub : excludedSubtrees) {
      if (name.isSubdomainOf(sub)) {
        return sub;
      }
    }
    return null;
  }

  /** True when this source zone's apex is the hosted zone's apex (it owns the SOA serial). */
  public boolean ownsSoaSerial() {
    return sourceZone.equals(hostedZone);
  }
}
