package dev.zonesync.contract;

import java.util.List;

/**
 * The CloudWatch metrics the function writes (Embedded Metric Format) and the CDK app's alarms and
 * dashboard read. Renaming one is a breaking change for deployed alarms.
 */
public final class MetricNames {

  public static final String NAMESPACE = "ZoneSync";

  /** The per-zone dimension: the zone name with its trailing dot. */
  public static final String ZONE_DIMENSION = "Zone";

  /**
   * The dimension of function-level metrics ({@link #CONFIGURATION_ERRORS}): the function name, so
   * two deployments in one account keep separate alarms.
   */
  public static final String FUNCTION_DIMENSION = "Function";

  public static final String SUCCEEDED = "Succeeded";
  public static final String APPLIED = "Applied";
  public static final String UP_TO_DATE = "UpToDate";
  public static final String FAILED = "Failed";
  public static final String REJECTED = "Rejected";
  public static final String PARTIAL = "Partial";
  public static final String RECORDS_CREATED = "RecordsCreated";
  public static final String RECORDS_UPDATED = "RecordsUpdated";
  public static final String RECORDS_DELETED = "RecordsDeleted";
  public static final String RECORDS_SKIPPED = "RecordsSkipped";
  public static final String BATCHES = "Batches";
  public static final String ROUTE53_CALLS = "Route53Calls";
  public static final String ROUTE53_THROTTLES = "Route53Throttles";
  public static final String ROUTE53_RETRIES = "Route53Retries";
  public static final String TRANSFER_DURATION = "TransferDuration";
  public static final String SYNC_DURATION = "SyncDuration";
  public static final String SOURCE_SERIAL = "SourceSerial";
  public static final String DRIFT_DETECTED = "DriftDetected";

  /**
   * Written (value 1, dimension {@link #FUNCTION_DIMENSION}) when an invocation fails before any
   * zone runs because the configuration or a secret it names cannot be loaded: no per-zone metric
   * exists then, so only this one can raise an alarm quickly.
   */
  public static final String CONFIGURATION_ERRORS = "ConfigurationErrors";

  /**
   * Written (dimension {@link #FUNCTION_DIMENSION}) once per invocation that synced zones (never by
   * a dry run): how many of its zones have not been reconciled in full for more than 1.25 times
   * their {@code fullReconcileEvery}, 0 when none. Alarm on its Maximum &ge; 1.
   */
  public static final String FULL_RECONCILE_OVERDUE = "FullReconcileOverdue";

  /**
   * Written beside {@link #FULL_RECONCILE_OVERDUE}: how many of the invocation's zones report full
   * reconciles that keep failing (warning {@code FULL_RECONCILE_FAILING}: their incremental syncs
   * go on, the full reconcile backs off), 0 when none.
   */
  public static final String FULL_RECONCILE_FAILING = "FullReconcileFailing";

  /**
   * Written beside {@link #FULL_RECONCILE_OVERDUE} when the run's report carries the learned rates:
   * the record changes per second the function paces its ChangeResourceRecordSets to at the end of
   * the invocation, as learned from Route 53's Throttling answers (at most {@code
   * route53.changesPerSecond}). It drops when Route 53 throttles, e.g. while other tools use the
   * account's change bucket.
   */
  public static final String ROUTE53_LEARNED_CHANGE_RATE = "Route53LearnedChangeRate";

  /** Every per-zone metric, in the order the function writes them. */
  public static final List<String> ZONE_METRICS =
      List.of(
          SUCCEEDED,
          APPLIED,
          UP_TO_DATE,
          FAILED,
          REJECTED,
          PARTIAL,
          RECORDS_CREATED,
          RECORDS_UPDATED,
          RECORDS_DELETED,
          RECORDS_SKIPPED,
          BATCHES,
          ROUTE53_CALLS,
          ROUTE53_THROTTLES,
          ROUTE53_RETRIES,
          TRANSFER_DURATION,
          SYNC_DURATION,
          SOURCE_SERIAL,
          DRIFT_DETECTED);

  private MetricNames() {}
}
