package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.model.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The delegations of a zone that nothing resolves in the VPC (README, "Delegations and other
 * accounts"): a private hosted zone answers NXDOMAIN for every name under a cut unless the cut is
 * delegated (its NS mirrored for a Resolver DELEGATE rule), its child zone is mirrored, or
 * something else resolves it ({@link CutPolicy#coverage}). Pure.
 */
public final class CutCoverage {

  /** Names below a cut listed in a finding; the count is always complete. */
  public static final int LISTED = 5;

  private CutCoverage() {}

  /**
   * A cut nothing resolves.
   *
   * @param nameServers the cut's NS targets on the master
   * @param namesBelow the first {@link #LISTED} names below the cut in the zone (glue, data the
   *     child zone occludes)
   * @param countBelow how many names lie below the cut in the zone
   */
  public record Uncovered(
      DnsName cut, List<DnsName> nameServers, List<DnsName> namesBelow, int countBelow) {
    public Uncovered {
      Objects.requireNonNull(cut, "cut");
      nameServers = List.copyOf(nameServers);
      namesBelow = List.copyOf(namesBelow);
    }

    /** What the report's warning says, with the configuration that would cover the cut. */
    public String describe(DnsName zone) {
      return cut
          + " is delegated on the master (to "
          + String.join(", ", nameServers.stream().map(DnsName::text).toList())
          + ") and nothing resolves it in the VPC: every name of that child zone answers NXDOMAIN"
          + " there"
          + (countBelow == 0
              ? ""
              : " (" + countBelow + " name(s) below it in " + zone + ": " + names() + ")")
          + ". Cover it: `zoneCuts: delegate` with `delegations: ["
          + cut
          + "]` (and deployment.resolver for its Resolver DELEGATE rule), mirror "
          + cut
          + " as a zone of its own, or list it in `resolvedElsewhere` if a FORWARD rule or another"
          + " zone resolves it";
    }

    private String names() {
      String listed = String.join(", ", namesBelow.stream().map(DnsName::text).toList());
      return countBelow > namesBelow.size() ? listed + ", ..." : listed;
    }
  }

  /** The zone's top-level cuts that nothing covers, in name order. */
  public static List<Uncovered> uncovered(ZoneSnapshot zone, OwnershipRules rules) {
    DnsName origin = rules.sourceZone();
    Set<DnsName> cuts = Ownership.zoneCuts(zone.rrsets(), origin);
    List<Uncovered> out = new ArrayList<>();
    for (DnsName cut : new TreeSet<>(cuts)) {
      if (!cut.isSubdomainOf(origin)
          || Ownership.cutAbove(cut.parent(), origin, cuts) != null
          || rules.cuts().coverage(cut, rules) != null) {
        continue; // outside, nested in another delegation (the child's data), or covered
      }
      List<DnsName> ns = new ArrayList<>();
      RRset nsSet = zone.get(new dev.zonesync.model.RRsetKey(cut, RrType.NS));
      if (nsSet != null) {
        for (String v : nsSet.values()) {
          ns.add(DnsName.of(v));
        }
      }
      TreeSet<DnsName> below = new TreeSet<>();
      for (RRset r : zone.rrsets()) {
        if (!r.name().equals(cut) && r.name().isSubdomainOf(cut)) {
          below.add(r.name());
        }
      }
      List<DnsName> listed = new ArrayList<>();
      for (DnsName n : below) {
        if (listed.size() == LISTED) {
          break;
        }
        listed.add(n);
      }
      out.add(new Uncovered(cut, ns, listed, below.size()));
    }
    return out;
  }
}
