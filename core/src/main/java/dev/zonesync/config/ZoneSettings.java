package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.OwnershipRules;
import dev.zonesync.plan.SafetyLimits;
import java.time.Duration;
import java.util.List;

/**
 * One source zone, validated and with defaults applied.
 *
 * @param discoverMasters an Active Directory domain whose domain controllers are tried before
 *     {@code masters}, or null
 * @param tsig the key to sign with, or null when the zone says {@code tsig: none}
 * @param metrics whether the zone's runs also publish per-zone metrics ({@code metrics: detailed})
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
    SourceLimits source,
    Duration fullReconcileEvery,
    MetricsDetail metrics) {

  /** The default period of a zone's own full reconcile. */
  public static final Duration DEFAULT_FULL_RECONCILE_EVERY = Duration.ofHours(24);

  /**
   * @param fullReconcileEvery how often the zone's scheduled runs reconcile it in full (AXFR and a
   *     read of the whole hosted zone) however unchanged it looks; null: never on their own
   */
  /** A zone with the default {@code metrics} ({@link MetricsDetail#DEFAULT}). */
  public ZoneSettings(
      DnsName name,
      String hostedZoneId,
      DnsName hostedZoneName,
      List<Master> masters,
      DnsName discoverMasters,
      TsigKeySpec tsig,
      OwnershipRules rules,
      SafetyLimits safety,
      BatchLimits batch,
      SourceLimits source,
      Duration fullReconcileEvery) {
    this(
        name,
        hostedZoneId,
        hostedZoneName,
        masters,
        discoverMasters,
        tsig,
        rules,
        safety,
        batch,
        source,
        fullReconcileEvery,
        MetricsDetail.DEFAULT);
  }

  public ZoneSettings {
    masters = List.copyOf(masters);
    java.util.Objects.requireNonNull(metrics, "metrics");
    if (fullReconcileEvery != null
        && (fullReconcileEvery.isNegative() || fullReconcileEvery.isZero())) {
      throw new IllegalArgumentException(
          "fullReconcileEvery must be positive or absent, got " + fullReconcileEvery);
    }
  }
}
