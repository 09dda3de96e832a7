package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.CutPolicy;
import dev.zonesync.plan.NamePattern;
import dev.zonesync.plan.OwnershipRules;
import dev.zonesync.plan.SafetyLimits;
import dev.zonesync.plan.TtlPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a zone zonesync discovers at run time (a catalog member) is synced with: the catalog's or
 * its group's masters and TSIG key, and the per-zone options of the catalog's {@code defaults} or
 * the group's, validated like a configured zone's.
 *
 * @param tsig the key, or null for {@code tsig: none}
 * @param fullReconcileEvery null: never reconciled in full on its own
 * @param cutsDelegate {@code zoneCuts: delegate} (members list no {@code delegations}: only a
 *     configured zone can, so a member's cuts are reported, never mirrored)
 */
public record ZoneTemplate(
    List<Master> masters,
    TsigKeySpec tsig,
    Set<RrType> types,
    List<NamePattern> preserve,
    TtlPolicy ttl,
    SafetyLimits safety,
    BatchLimits batch,
    SourceLimits source,
    Duration fullReconcileEvery,
    MetricsDetail metrics,
    boolean cutsDelegate) {

  /** A template whose zones skip their cuts ({@code zoneCuts: skip}). */
  public ZoneTemplate(
      List<Master> masters,
      TsigKeySpec tsig,
      Set<RrType> types,
      List<NamePattern> preserve,
      TtlPolicy ttl,
      SafetyLimits safety,
      BatchLimits batch,
      SourceLimits source,
      Duration fullReconcileEvery,
      MetricsDetail metrics) {
    this(
        masters,
        tsig,
        types,
        preserve,
        ttl,
        safety,
        batch,
        source,
        fullReconcileEvery,
        metrics,
        false);
  }

  public ZoneTemplate {
    masters = List.copyOf(masters);
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("a zone needs at least one master");
    }
    types = Set.copyOf(types);
    preserve = List.copyOf(preserve);
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(safety, "safety");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * The settings of one member zone in its own hosted zone.
   *
   * @param mirroredZones every zone the deployment mirrors (a cut whose child is one is covered)
   */
  public ZoneSettings zone(DnsName name, String hostedZoneId, Set<DnsName> mirroredZones) {
    OwnershipRules rules =
        new OwnershipRules(
            name,
            name,
            types,
            preserve,
            List.of(),
            ttl,
            new CutPolicy(cutsDelegate, Set.of(), Set.of(), mirroredZones));
    return new ZoneSettings(
        name,
        hostedZoneId,
        name,
        masters,
        null,
        tsig,
        rules,
        safety,
        batch,
        source,
        fullReconcileEvery,
        metrics);
  }
}
