package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.model.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
          + ". "
          + coverIt(cut);
    }

    private String names() {
      String listed = String.join(", ", namesBelow.stream().map(DnsName::text).toList());
      return countBelow > namesBelow.size() ? listed + ", ..." : listed;
    }
  }

  /**
   * What a run that did not read the whole zone says of a cut nothing covers: the cut as the hosted
   * zone's marker records it, without its name servers and the names below it (a full run lists
   * them).
   */
  public static String describeRecorded(DnsName cut, DnsName zone) {
    return cut
        + " is delegated on the master (as the marker of "
        + zone
        + " records) and nothing resolves it in the VPC: every name of that child zone answers"
        + " NXDOMAIN there (the zone's next full run lists the names below it). "
        + coverIt(cut);
  }

  private static String coverIt(DnsName cut) {
    return "Cover it: `zoneCuts: delegate` with `delegations: ["
        + cut
        + "]` (and deployment.resolver for its Resolver DELEGATE rule), mirror "
        + cut
        + " as a zone of its own, or list it in `resolvedElsewhere` if a FORWARD rule or another"
        + " zone resolves it";
  }

  /**
   * Of a zone's delegations ({@code cuts}: a snapshot's, or those the hosted zone's marker
   * records), the top-level ones nothing covers, in name order. Nested cuts are the child zone's
   * data; names outside the zone are not its cuts.
   */
  public static List<DnsName> uncoveredCuts(Set<DnsName> cuts, OwnershipRules rules) {
    DnsName origin = rules.sourceZone();
    List<DnsName> out = new ArrayList<>();
    for (DnsName cut : new TreeSet<>(cuts)) {
      if (cut.isSubdomainOf(origin)
          && !cut.equals(origin)
          && Ownership.cutAbove(cut.parent(), origin, cuts) == null
          && rules.cuts().coverage(cut, rules) == null) {
        out.add(cut);
      }
    }
    return out;
  }

  /** The zone's top-level cuts that nothing covers, in name order. */
  public static List<Uncovered> uncovered(ZoneSnapshot zone, OwnershipRules rules) {
    DnsName origin = rules.sourceZone();
    List<DnsName> uncovered = uncoveredCuts(Ownership.zoneCuts(zone.rrsets(), origin), rules);
    if (uncovered.isEmpty()) {
      return List.of();
    }
    // one pass over the zone (not one per cut): a zone may delegate thousands of names
    Map<DnsName, Set<DnsName>> below = new HashMap<>();
    for (DnsName cut : uncovered) {
      below.put(cut, new HashSet<>());
    }
    for (RRset r : zone.rrsets()) {
      for (DnsName n = r.name(); !n.equals(origin) && !n.isRoot(); n = n.parent()) {
        Set<DnsName> names = n.equals(r.name()) ? null : below.get(n);
        if (names != null) {
          names.add(r.name());
          break;
        }
      }
    }
    List<Uncovered> out = new ArrayList<>();
    for (DnsName cut : uncovered) {
      List<DnsName> ns = new ArrayList<>();
      RRset nsSet = zone.get(new dev.zonesync.model.RRsetKey(cut, RrType.NS));
      if (nsSet != null) {
        for (String v : nsSet.values()) {
          ns.add(DnsName.of(v));
        }
      }
      Set<DnsName> names = below.get(cut);
      List<DnsName> listed = names.stream().sorted().limit(LISTED).toList();
      out.add(new Uncovered(cut, ns, listed, names.size()));
    }
    return out;
  }
}
