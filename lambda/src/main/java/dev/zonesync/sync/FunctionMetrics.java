package dev.zonesync.sync;

import dev.zonesync.contract.MetricNames;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function-level CloudWatch metrics of one invocation (namespace {@value
 * MetricNames#NAMESPACE}, the one dimension {@value MetricNames#FUNCTION_DIMENSION}), derived from
 * its report: {@link MetricNames#FUNCTION_METRICS}, always all of them (zeros included, so that a
 * healthy run clears what an unhealthy one raised). Their number does not depend on the zone count,
 * and neither does the bill. The zones behind a non-zero count are listed as properties (the first
 * {@value #MAX_LISTED_ZONES} of each), so the document's log line answers "which zones"; the
 * per-zone summary log lines answer it for any number.
 *
 * @param metrics in the order of {@link MetricNames#FUNCTION_METRICS}
 * @param properties zone lists, only those that are not empty
 */
public record FunctionMetrics(List<ZoneMetrics.Metric> metrics, Map<String, Object> properties) {

  /** Zone names listed per property. */
  public static final int MAX_LISTED_ZONES = 50;

  public FunctionMetrics {
    metrics = List.copyOf(metrics);
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * The metrics of {@code run}, which took {@code durationMs}; null when it synced no zone (a dry
   * run changes nothing and must neither raise nor clear an alarm).
   */
  public static FunctionMetrics of(RunReport run, long durationMs) {
    return of(run, durationMs, java.time.Instant.now());
  }

  /** As above, the quarantines' age measured at {@code now}. */
  public static FunctionMetrics of(RunReport run, long durationMs, java.time.Instant now) {
    Map<Outcome, List<String>> byOutcome = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      byOutcome.put(o, new ArrayList<>());
    }
    long created = 0;
    long updated = 0;
    long deleted = 0;
    long skipped = 0;
    long calls = 0;
    long throttles = 0;
    long retries = 0;
    List<String> drift = new ArrayList<>();
    List<String> overdue = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    List<String> cuts = new ArrayList<>();
    long unresolved = 0;
    boolean synced = false;
    for (ZoneReport z : run.zones()) {
      Outcome outcome = Outcome.of(z);
      if (outcome == Outcome.DRY_RUN) {
        continue;
      }
      synced = true;
      byOutcome.get(outcome).add(z.zone());
      // as the per-zone metrics count them (ZoneMetrics): changes of runs that sent them
      if ((z.status() == Status.APPLIED || z.status() == Status.PARTIAL) && z.changes() != null) {
        created += z.changes().create();
        updated += z.changes().update();
        deleted += z.changes().delete();
      }
      skipped += z.skippedTotal() == null ? 0 : z.skippedTotal();
      Integer total = z.apiCalls() == null ? null : z.apiCalls().get("total");
      calls += total == null ? 0 : total;
      throttles += z.throttled() == null ? 0 : z.throttled();
      retries += z.retries() == null ? 0 : z.retries();
      if (Boolean.TRUE.equals(z.drift())) {
        drift.add(z.zone());
      }
      if (Boolean.TRUE.equals(z.fullReconcileOverdue())) {
        overdue.add(z.zone());
      }
      if (z.warnings() != null
          && z.warnings().stream()
              .anyMatch(w -> w.code().equals(WarningCodes.FULL_RECONCILE_FAILING))) {
        failing.add(z.zone());
      }
      if (z.warnings() != null) {
        unresolved +=
            z.warnings().stream().filter(w -> w.code().equals(WarningCodes.UNRESOLVED_CUT)).count();
        if (z.warnings().stream().anyMatch(w -> w.code().equals(WarningCodes.UNRESOLVED_CUT))) {
          cuts.add(z.zone()); // once per zone: the property lists zones, the metric counts cuts
        }
      }
    }
    if (!synced) {
      return null;
    }
    List<ZoneMetrics.Metric> m = new ArrayList<>();
    count(m, MetricNames.ZONES_APPLIED, byOutcome.get(Outcome.APPLIED).size());
    count(m, MetricNames.ZONES_UP_TO_DATE, byOutcome.get(Outcome.UP_TO_DATE).size());
    count(m, MetricNames.ZONES_FAILED, byOutcome.get(Outcome.FAILED).size());
    count(m, MetricNames.ZONES_REJECTED, byOutcome.get(Outcome.REJECTED).size());
    count(m, MetricNames.ZONES_PARTIAL, byOutcome.get(Outcome.PARTIAL).size());
    count(m, MetricNames.ZONES_NOT_STARTED, byOutcome.get(Outcome.NOT_STARTED).size());
    count(m, MetricNames.RECORDS_CREATED, created);
    count(m, MetricNames.RECORDS_UPDATED, updated);
    count(m, MetricNames.RECORDS_DELETED, deleted);
    count(m, MetricNames.RECORDS_SKIPPED, skipped);
    count(m, MetricNames.ROUTE53_CALLS, calls);
    count(m, MetricNames.ROUTE53_THROTTLES, throttles);
    count(m, MetricNames.ROUTE53_RETRIES, retries);
    count(m, MetricNames.DRIFT_DETECTED, drift.size());
    m.add(
        new ZoneMetrics.Metric(
            MetricNames.SYNC_DURATION, durationMs, ZoneMetrics.Unit.MILLISECONDS));
    count(m, MetricNames.RUNS_COMPLETED, 1);
    count(m, MetricNames.FULL_RECONCILE_OVERDUE, overdue.size());
    count(m, MetricNames.FULL_RECONCILE_FAILING, failing.size());
    count(m, MetricNames.UNRESOLVED_CUTS, unresolved);
    List<String> badCatalogs = new ArrayList<>();
    List<String> quarantined = new ArrayList<>();
    long oldest = 0;
    for (CatalogReport c : run.catalogs() == null ? List.<CatalogReport>of() : run.catalogs()) {
      if (c.status() == Status.REJECTED || c.status() == Status.FAILED) {
        badCatalogs.add(c.name());
      }
      for (CatalogReport.Member mem : c.members()) {
        if (mem.state().equals("quarantined")) {
          quarantined.add(mem.name());
          if (mem.since() != null) {
            oldest =
                Math.max(
                    oldest,
                    java.time.Duration.between(java.time.Instant.parse(mem.since()), now)
                        .toSeconds());
          }
        }
      }
    }
    count(m, MetricNames.CATALOGS_FAILED, badCatalogs.size());
    count(m, MetricNames.MEMBERS_QUARANTINED, quarantined.size());
    m.add(new ZoneMetrics.Metric(MetricNames.OLDEST_QUARANTINE, oldest, ZoneMetrics.Unit.SECONDS));
    if (run.route53Pacing() != null) {
      // absent only where the Route 53 adapter does not learn rates (never in the function)
      m.add(
          new ZoneMetrics.Metric(
              MetricNames.ROUTE53_LEARNED_CHANGE_RATE,
              run.route53Pacing().changesPerSecond(),
              ZoneMetrics.Unit.COUNT_PER_SECOND));
    }

    Map<String, Object> props = new LinkedHashMap<>();
    list(props, "failedZones", byOutcome.get(Outcome.FAILED));
    list(props, "rejectedZones", byOutcome.get(Outcome.REJECTED));
    list(props, "partialZones", byOutcome.get(Outcome.PARTIAL));
    list(props, "notStartedZones", byOutcome.get(Outcome.NOT_STARTED));
    list(props, "driftZones", drift);
    list(props, "fullReconcileOverdueZones", overdue);
    list(props, "fullReconcileFailingZones", failing);
    list(props, "unresolvedCutZones", cuts);
    list(props, "failedCatalogs", badCatalogs);
    list(props, "quarantinedMembers", quarantined);
    return new FunctionMetrics(m, props);
  }

  private static void count(List<ZoneMetrics.Metric> m, String name, long value) {
    m.add(new ZoneMetrics.Metric(name, value, ZoneMetrics.Unit.COUNT));
  }

  private static void list(Map<String, Object> props, String key, List<String> zones) {
    if (!zones.isEmpty()) {
      props.put(key, List.copyOf(zones.subList(0, Math.min(zones.size(), MAX_LISTED_ZONES))));
    }
  }
}
