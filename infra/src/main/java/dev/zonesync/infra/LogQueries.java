package dev.zonesync.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.logs.CfnQueryDefinition;
import software.constructs.Construct;

/**
 * The saved CloudWatch Logs Insights queries ({@code AWS::Logs::QueryDefinition}) that answer
 * "which zones?" for the deployment's alarms, over the per-zone summary line the function writes
 * for every zone of every run (fields {@code zone}, {@code outcome}, {@code succeeded}, {@code
 * path}, {@code route53Calls}, {@code changes}, ...; docs/logs.md). They cost nothing until run
 * (Logs Insights bills the bytes a query scans), follow zones nobody listed at deploy time, and
 * need no per-zone metric. Each alarm's description names its query; the console lists them under
 * Logs Insights, "Saved queries", in a folder named after the deployment.
 */
final class LogQueries {

  /** A query's name without the deployment's folder, and its text. */
  record Query(String name, String text) {}

  /** Per-zone rows, as many as Logs Insights returns (10,000 at most). */
  static final int MAX_ROWS = 10000;

  /** The summary lines of real runs: only they carry {@code outcome}; dry runs are left out. */
  static final String SUMMARY_LINES = "filter ispresent(outcome) and outcome != \"DRY_RUN\"";

  /**
   * Per zone: the latest outcome and path, Route 53 calls and RRsets changed over the range, the
   * last success (the latest APPLIED or UP_TO_DATE run; 1970-01-01 when none in the range) and the
   * runs counted; zones whose last success is oldest first. {@code succeeded} (1 or 0) times the
   * line's time keeps the time of successful lines only, which a query language without
   * conditionals needs.
   */
  static final Query ZONES =
      new Query(
          "zones",
          String.join(
              "\n",
              "fields @timestamp, zone, outcome, path, route53Calls, changes,"
                  + " fromMillis(toMillis(@timestamp) * succeeded) as successAt",
              "| " + SUMMARY_LINES,
              "| stats latest(outcome) as lastOutcome, latest(path) as lastPath,"
                  + " sum(route53Calls) as calls, sum(changes) as changed,"
                  + " max(successAt) as lastSuccess, count(*) as runs by zone",
              "| sort lastSuccess asc",
              "| limit " + MAX_ROWS));

  /** Which zones ran last when: a schedule that stopped shows its zones first (the heartbeat). */
  static final Query LAST_RUN =
      new Query(
          "zones-last-run",
          String.join(
              "\n",
              "fields @timestamp, zone, outcome",
              "| " + SUMMARY_LINES,
              "| stats max(@timestamp) as lastRun, latest(outcome) as lastOutcome,"
                  + " count(*) as runs by zone",
              "| sort lastRun asc",
              "| limit " + MAX_ROWS));

  /** Zones whose full reconcile is overdue or keeps failing, and when it last succeeded. */
  static final Query FULL_RECONCILE =
      new Query(
          "full-reconcile",
          String.join(
              "\n",
              "fields @timestamp, zone, lastFullReconcile, fullReconcileOverdue, warnings",
              "| filter fullReconcileOverdue = \"true\" or warnings like /FULL_RECONCILE_FAILING/",
              "| stats latest(lastFullReconcile) as lastFull, latest(fullReconcileOverdue) as"
                  + " overdue, latest(warnings) as lastWarnings, max(@timestamp) as lastSeen"
                  + " by zone",
              "| sort lastFull asc",
              "| limit " + MAX_ROWS));

  /**
   * Zones whose full runs reported delegations nothing resolves in the VPC (warning
   * UNRESOLVED_CUT): how many such runs, the last one, the hosted zone; the zone that reported last
   * first. The cuts themselves are in the zone's report (a dry run in mode full names them).
   */
  static final Query UNRESOLVED_CUTS =
      new Query(
          "unresolved-cuts",
          String.join(
              "\n",
              "fields @timestamp, zone, hostedZoneId, warnings",
              "| " + SUMMARY_LINES + " and warnings like /UNRESOLVED_CUT/",
              "| stats count(*) as reportingRuns, max(@timestamp) as lastReported,"
                  + " latest(hostedZoneId) as hostedZone by zone",
              "| sort lastReported desc",
              "| limit " + MAX_ROWS));

  /**
   * ERROR lines (a configuration or secret that cannot be loaded, a zone's failure) and the Lambda
   * runtime's own lines of timeouts and crashes, newest first.
   */
  static final Query ERRORS =
      new Query(
          "errors",
          String.join(
              "\n",
              "fields @timestamp, zone, message, @message",
              "| filter level = \"ERROR\" or @message like /Task timed out|Runtime\\.\\w+Error"
                  + "|Status: timeout|Status: error/",
              "| sort @timestamp desc",
              "| limit 200"));

  /** Per zone that ended {@code outcome} in the range: how often, its last message, when. */
  static Query zonesWith(String outcome) {
    return new Query(
        "zones-" + outcome.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        String.join(
            "\n",
            "fields @timestamp, zone, hostedZoneId, master, path, message",
            "| filter outcome = \"" + outcome + "\"",
            "| stats count(*) as runs, latest(message) as lastMessage, latest(master) as"
                + " lastMaster, latest(path) as lastPath, max(@timestamp) as lastSeen by zone",
            "| sort runs desc",
            "| limit " + MAX_ROWS));
  }

  /** Every query, in the order they are created. */
  static List<Query> all() {
    return List.of(
        ZONES,
        zonesWith("FAILED"),
        zonesWith("REJECTED"),
        zonesWith("PARTIAL"),
        zonesWith("NOT_STARTED"),
        LAST_RUN,
        FULL_RECONCILE,
        UNRESOLVED_CUTS,
        ERRORS);
  }

  private LogQueries() {}

  /** A query's full name: in the deployment's folder of saved queries. */
  static String savedName(String deploymentName, Query q) {
    return deploymentName + "/" + q.name();
  }

  /** Creates every query under {@code scope}, over {@code logGroupName}; full name → resource. */
  static Map<String, CfnQueryDefinition> create(
      Construct scope, String deploymentName, String logGroupName) {
    Construct queries = new Construct(scope, "LogQuery");
    Map<String, CfnQueryDefinition> out = new LinkedHashMap<>();
    for (Query q : all()) {
      String name = savedName(deploymentName, q);
      out.put(
          name,
          CfnQueryDefinition.Builder.create(queries, q.name())
              .name(name)
              .queryString(q.text())
              .logGroupNames(List.of(logGroupName))
              .build());
    }
    return out;
  }
}
