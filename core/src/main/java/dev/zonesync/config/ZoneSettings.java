package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.OwnershipRules;
import dev.zonesync.plan.SafetyLimits;
import java.util.List;

/**
 * One source zone, validated and with defaults applied.
 *
 * @param discoverMasters an Active Directory domain whose domain controllers are tried before
 *     {@code masters}, or null
 * @param tsig the key to sign with, or null when the zone says {@code tsig: none}
 */
public record ZoneSettings(
    DnsName name,
    String hostedZoneId,
    DnsName hostedZoneName,
    List<Master> masters,
    DnsName discoverMasters,
    TsigKeySpec tsig,
    OwnershipRules rules,
    SafetyLimits safety,
    BatchLimits batch,
    SourceLimits source) {

  public ZoneSettings {
    masters = List.copyOf(masters);
  }
}
