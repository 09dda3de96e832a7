package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.plan.CatalogShrinkLimits;
import dev.zonesync.plan.NamePattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One consumed RFC 9432 catalog zone (README, "Catalog zones"), validated: where it comes from,
 * which member names zonesync may mirror, where their hosted zones are created and exposed, and
 * what each member is synced with.
 *
 * @param name the catalog zone
 * @param hostedZoneId the catalog's own private hosted zone: the catalog is mirrored there, and
 *     beside each member the state zonesync keeps for it
 * @param masters the catalog's masters (members use them unless a group says otherwise)
 * @param tsig the catalog's key, or null for {@code tsig: none}
 * @param allow member names zonesync may mirror (at least one)
 * @param create create a private hosted zone for a member that has none
 * @param createIn the VPC new hosted zones are created in (one with no workloads: a zone is exposed
 *     to the workloads only once complete); required when {@code create}
 * @param exposeTo where a member's hosted zone is associated once its first sync completed
 * @param defaults what members are synced with when no group says otherwise
 * @param groups RFC 9432 group names, in configuration order, and what their members use
 * @param shrink how much of the member set one reading may remove
 * @param source timeouts and limits of the catalog's own transfer
 */
public record CatalogSettings(
    DnsName name,
    String hostedZoneId,
    List<Master> masters,
    TsigKeySpec tsig,
    List<NamePattern> allow,
    boolean create,
    VpcRef createIn,
    Exposure exposeTo,
    ZoneTemplate defaults,
    Map<String, ZoneTemplate> groups,
    CatalogShrinkLimits shrink,
    SourceLimits source) {

  /** Where a member's hosted zone is associated once complete. */
  public sealed interface Exposure {}

  /** With VPCs of this account. */
  public record ToVpcs(List<VpcRef> vpcs) implements Exposure {
    public ToVpcs {
      vpcs = List.copyOf(vpcs);
    }
  }

  /** With a Route 53 Profile, which carries it to every VPC associated with the Profile. */
  public record ToProfile(String profileId) implements Exposure {
    public ToProfile {
      Objects.requireNonNull(profileId, "profileId");
    }
  }

  /** Nowhere but the {@code createIn} VPC: the operator associates it. */
  public record Nowhere() implements Exposure {}

  public CatalogSettings {
    Objects.requireNonNull(name, "name");
    masters = List.copyOf(masters);
    allow = List.copyOf(allow);
    if (create && createIn == null) {
      throw new IllegalArgumentException(
          "catalog " + name + " creates hosted zones but names no createIn VPC");
    }
    Objects.requireNonNull(exposeTo, "exposeTo");
    Objects.requireNonNull(defaults, "defaults");
    groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    Objects.requireNonNull(shrink, "shrink");
    Objects.requireNonNull(source, "source");
  }

  /** The catalog zone itself, synced like any zone into its own hosted zone. */
  public ZoneSettings catalogZone() {
    ZoneTemplate t =
        new ZoneTemplate(
            masters,
            tsig,
            defaults.types(),
            List.of(),
            dev.zonesync.plan.TtlPolicy.NONE,
            // a catalog shrinking is judged by the shrink threshold, before the zone sync
            new dev.zonesync.plan.SafetyLimits(1.0, 1.0, 0),
            defaults.batch(),
            source,
            defaults.fullReconcileEvery(),
            MetricsDetail.DEFAULT);
    return t.zone(name, hostedZoneId, java.util.Set.of());
  }

  /** What a member naming these groups (in catalog order) is synced with. */
  public ZoneTemplate templateFor(String group) {
    return group == null ? defaults : groups.getOrDefault(group, defaults);
  }
}
