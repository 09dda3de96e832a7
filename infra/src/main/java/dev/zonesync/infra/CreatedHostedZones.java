package dev.zonesync.infra;

import dev.zonesync.config.VpcRef;
import dev.zonesync.infra.config.Catalog;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.Zone;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.route53.CfnHostedZone;
import software.constructs.Construct;

/**
 * The private hosted zones that {@code createHostedZone: true} asks for, and each catalog's own
 * hosted zone when it gives no {@code hostedZoneId} (in its {@code hostedZones.createIn} VPC),
 * retained with the records zonesync mirrored into them. Builds in the stack's scope (see {@link
 * ZoneSyncStack}).
 */
final class CreatedHostedZones {

  private final Map<String, CfnHostedZone> created = new LinkedHashMap<>();
  private final Map<String, String> hostedZoneIds = new LinkedHashMap<>();

  CreatedHostedZones(Stack stack, ZoneSyncConfig config) {
    Deployment d = config.deployment();
    // One scope level more than needed: logical IDs then carry a hash of the zone name, so names
    // that differ only in punctuation (a-b.example. / ab.example.) cannot collide.
    Construct hostedZoneScope = new Construct(stack, "HostedZone");
    for (Zone z : config.zones()) {
      if (z.createHostedZone()) {
        CfnHostedZone hz =
            CfnHostedZone.Builder.create(hostedZoneScope, z.name())
                .name(z.nameWithoutDot())
                .hostedZoneConfig(
                    CfnHostedZone.HostedZoneConfigProperty.builder()
                        .comment("Secondary of on-premises zone " + z.name() + ", kept by zonesync")
                        .build())
                .vpcs(
                    d.hostedZones().vpcs().stream()
                        .map(
                            v ->
                                CfnHostedZone.VPCProperty.builder()
                                    .vpcId(v.id())
                                    .vpcRegion(v.region())
                                    .build())
                        .toList())
                .build();
        // Records zonesync mirrored into the zone must not vanish with the stack (and a non-empty
        // hosted zone cannot be deleted by CloudFormation anyway).
        hz.applyRemovalPolicy(RemovalPolicy.RETAIN);
        created.put(z.name(), hz);
        hostedZoneIds.put(z.name(), hz.getAttrId());
      } else {
        hostedZoneIds.put(z.name(), z.hostedZoneId().orElseThrow());
      }
    }
    Construct catalogScope = new Construct(stack, "CatalogHostedZone");
    for (Catalog c : config.catalogs()) {
      if (c.createsHostedZone()) {
        // The catalog's own zone: the catalog mirrored with zonesync's record of each member,
        // read by the function only, so in the createIn VPC alone (a VPC with no workloads).
        VpcRef in = c.engine().createIn();
        CfnHostedZone hz =
            CfnHostedZone.Builder.create(catalogScope, c.canonicalName())
                .name(c.nameWithoutDot())
                .hostedZoneConfig(
                    CfnHostedZone.HostedZoneConfigProperty.builder()
                        .comment(
                            "Catalog zone "
                                + c.canonicalName()
                                + " and zonesync's record of its members, kept by zonesync")
                        .build())
                .vpcs(
                    List.of(
                        CfnHostedZone.VPCProperty.builder()
                            .vpcId(in.id())
                            .vpcRegion(in.region())
                            .build()))
                .build();
        // Retained like a created zone's: the member records in it are how zonesync finds the
        // hosted zones it created.
        hz.applyRemovalPolicy(RemovalPolicy.RETAIN);
        created.put(c.hostedZoneKey(), hz);
        hostedZoneIds.put(c.hostedZoneKey(), hz.getAttrId());
      } else {
        hostedZoneIds.put(c.hostedZoneKey(), c.hostedZoneId().orElseThrow());
      }
    }
  }

  /** The created hosted zones by zone name (a catalog's by its key), in config order. */
  Map<String, CfnHostedZone> created() {
    return Map.copyOf(created);
  }

  /**
   * Every zone's hosted zone ID by zone name, then every catalog's by {@link
   * Catalog#hostedZoneKey()}, in config order: its {@code hostedZoneId}, or the ID of the zone
   * created here (a token until deployment).
   */
  Map<String, String> hostedZoneIds() {
    return java.util.Collections.unmodifiableMap(hostedZoneIds);
  }
}
