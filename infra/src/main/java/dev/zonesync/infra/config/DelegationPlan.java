package dev.zonesync.infra.config;

import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.DnsName;
import dev.zonesync.plan.CutPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the stack creates for delegated zone cuts and the Route 53 Profile (README, "Delegations and
 * other accounts"), from the configuration alone: one Resolver DELEGATE rule per delegated cut (a
 * cut two zones delegate gets one rule), the hosted zones the Profile carries, and how many
 * resources that is. Pure; run by {@link ZoneSyncConfig#parse} through {@link DeploymentRules}, so
 * a delegated cut without an outbound endpoint, or a configuration whose parent stack would pass
 * its budget, fails before any construct exists.
 *
 * @param cuts every delegated cut (names as the engine writes them: lower case, trailing dot), in
 *     DNS name order, with the zones that delegate it
 * @param profileZones the hosted zones the Profile carries, each once, in configuration order:
 *     zones, then catalogs' own hosted zones; empty without a Profile
 * @param resources the parent stack's resources that grow with the configuration: these and the
 *     created hosted zones
 */
public record DelegationPlan(
    Map<String, List<String>> cuts, List<ProfileZone> profileZones, int resources) {

  /**
   * The parent stack's resources that grow with the configuration (DELEGATE rules, their VPC and
   * Profile associations, the Profile's hosted zones and VPCs, created hosted zones) may be at most
   * this many: CloudFormation allows 500 per stack, and the rest of the parent stack holds 42 for
   * samples/zonesync.yaml (the function, its role and policies, the fixed alarms and saved queries,
   * the dashboard, the nested stacks, one SSM parameter per 4 KB of configuration), measured by
   * {@code DelegationStackTest} at this budget (391 in all).
   */
  public static final int MAX_RESOURCES = 350;

  /**
   * A hosted zone the Profile carries.
   *
   * @param hostedZoneId its ID, or empty for a zone the stack creates (known once deployed)
   * @param zone the zone, or the catalog, mirrored into it (the first one, when several share it)
   */
  public record ProfileZone(Optional<String> hostedZoneId, String zone) {
    public ProfileZone {
      Objects.requireNonNull(hostedZoneId, "hostedZoneId");
      Objects.requireNonNull(zone, "zone");
    }
  }

  public DelegationPlan {
    cuts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cuts));
    profileZones = List.copyOf(profileZones);
  }

  /** The plan of {@code config}; fails naming the field to change. */
  public static DelegationPlan of(ZoneSyncConfig config) {
    Deployment d = config.deployment();
    Map<DnsName, List<String>> byCut = new TreeMap<>();
    List<ZoneSettings> engineZones = config.engine().zones();
    for (int i = 0; i < engineZones.size(); i++) {
      ZoneSettings z = engineZones.get(i);
      CutPolicy policy = z.rules().cuts();
      if (!policy.delegate()) {
        continue;
      }
      for (DnsName cut : policy.delegations()) {
        if (d.resolver().isEmpty()) {
          throw new ConfigException(
              "deployment.resolver.outboundEndpointId",
              "is required: zones["
                  + i
                  + "] ("
                  + z.name()
                  + ") delegates "
                  + cut
                  + " (delegations), and its Resolver DELEGATE rule needs an outbound endpoint:"
                  + " give the ID (rslvr-out-...) of an outbound endpoint that reaches the"
                  + " delegated name servers, or remove the delegation");
        }
        byCut.computeIfAbsent(cut, k -> new ArrayList<>()).add(z.name().text());
      }
    }
    Map<String, List<String>> cuts = new LinkedHashMap<>();
    byCut.forEach((cut, zones) -> cuts.put(cut.text(), List.copyOf(zones)));

    List<ProfileZone> profileZones = new ArrayList<>();
    int created = 0;
    Set<String> seen = new LinkedHashSet<>();
    for (Zone z : config.zones()) {
      if (z.createHostedZone()) {
        created++;
        profileZones.add(new ProfileZone(Optional.empty(), z.name()));
      } else if (seen.add(z.hostedZoneId().orElseThrow())) {
        profileZones.add(new ProfileZone(z.hostedZoneId(), z.name()));
      }
    }
    for (CatalogSettings c : config.engine().catalogs()) {
      if (seen.add(c.hostedZoneId())) {
        profileZones.add(new ProfileZone(Optional.of(c.hostedZoneId()), c.name().text()));
      }
    }
    if (d.profile().isEmpty()) {
      profileZones = List.of();
    }
    int resources =
        resources(
            cuts.size(),
            d.resolver().map(r -> r.vpcs().size()).orElse(0),
            d.profile(),
            profileZones.size(),
            created);
    if (resources > MAX_RESOURCES) {
      throw new ConfigException(
          "deployment",
          "the parent stack would hold "
              + resources
              + " resources that grow with the configuration ("
              + cuts.size()
              + " DELEGATE rules, each associated with "
              + d.resolver().map(r -> r.vpcs().size()).orElse(0)
              + " VPCs of deployment.resolver.vpcs"
              + (d.profile().isPresent() ? " and with the Profile" : "")
              + "; "
              + profileZones.size()
              + " hosted zones the Profile carries; "
              + created
              + " created hosted zones), more than "
              + MAX_RESOURCES
              + " of CloudFormation's 500 per stack: bring the rules to the VPCs through the"
              + " Profile (profile.associateVpcs) instead of resolver.vpcs, or split the zones over"
              + " two deployments");
    }
    return new DelegationPlan(cuts, profileZones, resources);
  }

  /**
   * The parent stack's resources that grow with the configuration: per delegated cut its rule, one
   * association per {@code resolver.vpcs} VPC and one with the Profile; the Profile (when created),
   * its share (when shared), one association per hosted zone it carries and per {@code
   * associateVpcs} VPC; one per created hosted zone.
   */
  static int resources(
      int cuts,
      int ruleVpcs,
      Optional<ProfileSettings> profile,
      int profileZones,
      int createdZones) {
    int n = cuts * (1 + ruleVpcs) + createdZones;
    if (profile.isPresent()) {
      ProfileSettings p = profile.get();
      n += (p.create() ? 1 : 0) + (p.shareWith().isEmpty() ? 0 : 1);
      n += cuts + profileZones + p.associateVpcs().size();
    }
    return n;
  }

  /** A cut as a DELEGATE rule's delegation record takes it: without the trailing dot. */
  public static String delegationRecord(String cut) {
    return cut.endsWith(".") && cut.length() > 1 ? cut.substring(0, cut.length() - 1) : cut;
  }
}
