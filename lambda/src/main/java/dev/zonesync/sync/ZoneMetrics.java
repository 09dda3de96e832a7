package dev.zonesync.sync;

import dev.zonesync.contract.MetricNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudWatch metrics of one zone's run (namespace {@value #NAMESPACE}, dimension {@value
 * #DIMENSION}), derived from its report. Dry runs produce none: they change nothing and must not
 * count as syncs. The metric names are a stable interface (the CDK app's alarms and dashboard use
 * them).
 */
public record ZoneMetrics(String zone, List<Metric> metrics, Map<String, Object> properties) {

  public static final String NAMESPACE = MetricNames.NAMESPACE;
  public static final String DIMENSION = MetricNames.ZONE_DIMENSION;

  /**
   * Count of configuration failures of one invocation (an invalid configuration, an unreadable
   * secret), written only when there are some, with the single dimension {@value
   * #FUNCTION_DIMENSION} (the function's name): alarm on its Sum &ge; 1, missing data not
   * breaching.
   */
  public static final String CONFIGURATION_ERRORS = MetricNames.CONFIGURATION_ERRORS;

  /** Dimension of {@value #CONFIGURATION_ERRORS}: the Lambda function name. */
  public static final String FUNCTION_DIMENSION = MetricNames.FUNCTION_DIMENSION;

  /** CloudWatch units used here. */
  public enum Unit {
    COUNT,
    MILLISECONDS,
    SECONDS,
    COUNT_PER_SECOND,
    NONE
  }

  /** One value. */
  public record Metric(String name, double value, Unit unit) {}

  public ZoneMetrics {
    metrics = List.copyOf(metrics);
    properties = Map.copyOf(properties);
  }

  /** The metrics of a report, or null for a dry run. */
  public static ZoneMetrics of(ZoneReport r) {
    if (r.status() == Status.DRY_RUN) {
      return null;
    }
    List<Metric> m = new ArrayList<>();
    Status s = r.status();
    count(m, MetricNames.SUCCEEDED, s == Status.APPLIED || s == Status.UP_TO_DATE);
    count(m, MetricNames.APPLIED, s == Status.APPLIED);
    count(m, MetricNames.UP_TO_DATE, s == Status.UP_TO_DATE);
    count(m, MetricNames.FAILED, s == Status.FAILED);
    count(m, MetricNames.REJECTED, s == Status.REJECTED);
    count(m, MetricNames.PARTIAL, s == Status.PARTIAL);
    boolean applied = s == Status.APPLIED || s == Status.PARTIAL;
    ZoneReport.Counts c = r.changes();
    m.add(
        new Metric(MetricNames.RECORDS_CREATED, applied && c != null ? c.create() : 0, Unit.COUNT));
    m.add(
        new Metric(MetricNames.RECORDS_UPDATED, applied && c != null ? c.update() : 0, Unit.COUNT));
    m.add(
        new Metric(MetricNames.RECORDS_DELETED, applied && c != null ? c.delete() : 0, Unit.COUNT));
    m.add(
        new Metric(
            MetricNames.RECORDS_SKIPPED,
            r.skippedTotal() == null ? 0 : r.skippedTotal(),
            Unit.COUNT));
    m.add(
        new Metric(
            MetricNames.BATCHES, r.batchesApplied() == null ? 0 : r.batchesApplied(), Unit.COUNT));
    Integer total = r.apiCalls() == null ? null : r.apiCalls().get("total");
    m.add(new Metric(MetricNames.ROUTE53_CALLS, total == null ? 0 : total, Unit.COUNT));
    m.add(
        new Metric(
            MetricNames.ROUTE53_THROTTLES, r.throttled() == null ? 0 : r.throttled(), Unit.COUNT));
    m.add(
        new Metric(MetricNames.ROUTE53_RETRIES, r.retries() == null ? 0 : r.retries(), Unit.COUNT));
    if (r.transferMs() != null) {
      m.add(new Metric(MetricNames.TRANSFER_DURATION, r.transferMs(), Unit.MILLISECONDS));
    }
    m.add(new Metric(MetricNames.SYNC_DURATION, r.durationMs(), Unit.MILLISECONDS));
    if (r.sourceSerial() != null) {
      m.add(new Metric(MetricNames.SOURCE_SERIAL, r.sourceSerial(), Unit.NONE));
    }
    count(m, MetricNames.DRIFT_DETECTED, Boolean.TRUE.equals(r.drift()));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("status", s.name());
    props.put("transfer", r.transfer().name());
    if (r.hostedZoneId() != null) {
      props.put("hostedZoneId", r.hostedZoneId());
    }
    if (r.previousSerial() != null) {
      props.put("previousSerial", r.previousSerial());
    }
    if (r.error() != null) {
      props.put("error", r.error().length() > 1000 ? r.error().substring(0, 1000) : r.error());
    }
    return new ZoneMetrics(r.zone(), m, props);
  }

  private static void count(List<Metric> m, String name, boolean yes) {
    m.add(new Metric(name, yes ? 1 : 0, Unit.COUNT));
  }
}
