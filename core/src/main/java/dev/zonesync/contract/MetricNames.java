package dev.zonesync.contract;

import java.util.List;

/**
 * The CloudWatch metrics the function writes (Embedded Metric Format) and the CDK app's alarms and
 * dashboard read. Renaming one is a breaking change for deployed alarms.
 *
 * <p>Two families, one namespace. The <b>function-level</b> metrics ({@link #FUNCTION_METRICS},
 * dimension {@link #FUNCTION_DIMENSION} only) are written once per invocation that synced zones,
 * whatever the zone count: they are what the deployment-wide alarms watch. The <b>per-zone</b>
 * metrics ({@link #ZONE_METRICS}, dimension {@link #ZONE_DIMENSION}) are written only for zones
 * configured {@code metrics: detailed}: CloudWatch bills every name and dimension value as one
 * custom metric, so writing them for every zone would make the bill grow with the zone count.
 */
public final class MetricNames {

  public static final String NAMESPACE = "ZoneSync";

  /** The per-zone dimension: the zone name with its trailing dot. */
  public static final String ZONE_DIMENSION = "Zone";

  /**
   * The dimension of function-level metrics ({@link #FUNCTION_METRICS}, {@link
   * #CONFIGURATION_ERRORS}): the function name, so two deployments in one account keep separate
   * alarms.
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

  // Function-level counts of one invocation's zones by how they ended: every zone the invocation
  // ran is in exactly one of them (dry runs write none).
  public static final String ZONES_APPLIED = "ZonesApplied";
  public static final String ZONES_UP_TO_DATE = "ZonesUpToDate";

  /** Zones that ran and ended FAILED (zones the deadline kept from starting are not in it). */
  public static final String ZONES_FAILED = "ZonesFailed";

  public static final String ZONES_REJECTED = "ZonesRejected";
  public static final String ZONES_PARTIAL = "ZonesPartial";

  /**
   * Zones the invocation's deadline kept from starting (reported FAILED with the error "not
   * started: ..."): a schedule with more zones than its run can reach.
   */
  public static final String ZONES_NOT_STARTED = "ZonesNotStarted";

  /**
   * 1 in every function-level document: an invocation that ran its zones and finished its report (a
   * crash or a timeout writes nothing). Summed over a period, the runs the schedules completed: the
   * heartbeat alarm compares it with the runs the schedules should have made.
   */
  public static final String RUNS_COMPLETED = "RunsCompleted";

  /**
   * Every function-level metric, in the order the function writes them. {@link #RECORDS_CREATED}
   * ... {@link #DRIFT_DETECTED} are the sums over the invocation's zones of the per-zone metrics of
   * the same names; {@link #SYNC_DURATION} is the invocation's whole run.
   */
  /**
   * Function-level: delegations of the invocation's zones that nothing resolves in the VPC
   * (warnings {@code UNRESOLVED_CUT}: every run that knows the zone's cuts reports them, so the
   * count holds between full reconciles), 0 when none.
   */
  public static final String UNRESOLVED_CUTS = "UnresolvedCuts";

  /**
   * Function-level: catalogs of the invocation that ended REJECTED or FAILED (broken, unreadable).
   */
  public static final String CATALOGS_FAILED = "CatalogsFailed";

  /** Function-level: members of the invocation's catalogs that left and are quarantined. */
  public static final String MEMBERS_QUARANTINED = "MembersQuarantined";

  /** Function-level: how long the longest-quarantined member has been (seconds), 0 when none. */
  public static final String OLDEST_QUARANTINE = "OldestQuarantineSeconds";

  public static final List<String> FUNCTION_METRICS =
      List.of(
          ZONES_APPLIED,
          ZONES_UP_TO_DATE,
          ZONES_FAILED,
          ZONES_REJECTED,
          ZONES_PARTIAL,
          ZONES_NOT_STARTED,
          RECORDS_CREATED,
          RECORDS_UPDATED,
          RECORDS_DELETED,
          RECORDS_SKIPPED,
          ROUTE53_CALLS,
          ROUTE53_THROTTLES,
          ROUTE53_RETRIES,
          DRIFT_DETECTED,
          SYNC_DURATION,
          RUNS_COMPLETED,
          FULL_RECONCILE_OVERDUE,
          FULL_RECONCILE_FAILING,
          UNRESOLVED_CUTS,
          CATALOGS_FAILED,
          MEMBERS_QUARANTINED,
          OLDEST_QUARANTINE,
          ROUTE53_LEARNED_CHANGE_RATE);

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
