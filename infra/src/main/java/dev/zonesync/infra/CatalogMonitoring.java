package dev.zonesync.infra;

import dev.zonesync.config.Durations;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.FleetAlarmPlan;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryVisualizationType;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.logs.CfnQueryDefinition;
import software.constructs.Construct;

/**
 * What watches the catalogs, only when the configuration has some, in the {@link Monitoring}
 * construct's scope: two alarms on the function-level catalog metrics (a fixed pair, whatever the
 * catalog and member counts), two saved Logs Insights queries, and a row of the dashboard.
 *
 * <p>The function writes no log line per member and state: a member's sync writes the summary line
 * of any zone (the {@code <name>/zones} queries list members with the configured zones), the
 * catalog's run writes {@code catalog <name>: ...} lines, and the function-level document names the
 * failed catalogs and up to 50 quarantined members ({@code failedCatalogs}, {@code
 * quarantinedMembers}). The queries read those.
 */
final class CatalogMonitoring {

  /** The catalogs' log lines, newest first: what happened to which catalog, and why. */
  static final LogQueries.Query CATALOG_LINES =
      new LogQueries.Query(
          "catalogs",
          String.join(
              "\n",
              "fields @timestamp, level, message",
              "| filter message like /^catalog /",
              "| sort @timestamp desc",
              "| limit 500"));

  /**
   * The function-level documents that counted quarantined members, newest first: each names the
   * catalog run's quarantined members ({@code quarantinedMembers}, the first 50).
   */
  static final LogQueries.Query QUARANTINE =
      new LogQueries.Query(
          "catalog-quarantine",
          String.join(
              "\n",
              "fields @timestamp, "
                  + MetricNames.MEMBERS_QUARANTINED
                  + ", "
                  + MetricNames.OLDEST_QUARANTINE
                  + ", @message",
              "| filter " + MetricNames.MEMBERS_QUARANTINED + " > 0",
              "| sort @timestamp desc",
              "| limit 50"));

  private static final String RUNBOOK =
      " Runbook: README.md, Operations, \"Alarms and dashboard\".";

  private final List<Alarm> alarms = new ArrayList<>();
  private final Map<String, CfnQueryDefinition> queries = new LinkedHashMap<>();

  private CatalogMonitoring() {}

  /**
   * Adds the catalogs' alarms (when alarms are on), queries and dashboard row (when there is a
   * dashboard) to {@code monitoring}; nothing without catalogs.
   *
   * @return what was added (empty without catalogs)
   */
  static CatalogMonitoring addTo(
      Monitoring monitoring,
      ZoneSyncConfig config,
      String functionName,
      String logGroupName,
      Optional<Dashboard> dashboard) {
    CatalogMonitoring m = new CatalogMonitoring();
    if (config.catalogs().isEmpty()) {
      return m;
    }
    Deployment d = config.deployment();
    Construct queryScope = new Construct(monitoring, "CatalogLogQuery");
    for (LogQueries.Query q : List.of(CATALOG_LINES, QUARANTINE)) {
      String name = LogQueries.savedName(d.name(), q);
      m.queries.put(
          name,
          CfnQueryDefinition.Builder.create(queryScope, q.name())
              .name(name)
              .queryString(q.text())
              .logGroupNames(List.of(logGroupName))
              .build());
    }
    if (monitoring.plan().isPresent() && monitoring.alarmTopic().isPresent()) {
      FleetAlarmPlan plan = monitoring.plan().get();
      String log = " (log group " + logGroupName + ")";
      m.alarms.add(catalogsFailed(monitoring, d, plan, functionName, log));
      m.alarms.add(quarantineAge(monitoring, d, functionName, log));
      SnsAction action = new SnsAction(monitoring.alarmTopic().get());
      for (Alarm alarm : m.alarms) {
        alarm.addAlarmAction(action);
        if (d.alarms().notifyOk()) {
          alarm.addOkAction(action);
        }
      }
    }
    dashboard.ifPresent(db -> m.addWidgets(db, config, functionName, logGroupName));
    return m;
  }

  /**
   * Raised when some catalog ended REJECTED or FAILED in every period of {@code failingFor}, like
   * the zone-outcome alarms: a catalog that stays broken, not one failed transfer (the next run
   * retries). Missing data is not breaching: no runs at all is the heartbeat's to report.
   */
  private static Alarm catalogsFailed(
      Construct scope, Deployment d, FleetAlarmPlan plan, String functionName, String log) {
    String periods =
        plan.failingPeriods()
            + " period(s) of "
            + Durations.format(plan.periodSeconds())
            + " in a row";
    return Alarm.Builder.create(scope, "CatalogsFailedAlarm")
        .alarmName(d.name() + " catalogs failed")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": catalogs ended REJECTED or FAILED in every run for "
                + Durations.format(plan.failingWindowSeconds())
                + " ("
                + MetricNames.CATALOGS_FAILED
                + " >= 1 in "
                + periods
                + "). REJECTED: the catalog is broken (its version, a member with two PTRs, two"
                + " labels for one member) or shrank past catalogs[].shrink; FAILED: it could not"
                + " be transferred or its state records read. Either way no member was added or"
                + " quarantined, and the members of its last valid reading keep syncing. Which:"
                + " Logs Insights saved query "
                + LogQueries.savedName(d.name(), CATALOG_LINES)
                + log
                + ", or the function-level document's failedCatalogs. First: zonesync catalog"
                + " --config (reads only) shows each catalog's status and error; a shrink that is"
                + " intended: one run with {\"catalogs\": [\"<catalog>\"], \"force\": true}."
                + RUNBOOK)
        .metric(
            Monitoring.functionMetric(
                functionName,
                MetricNames.CATALOGS_FAILED,
                "Sum",
                Duration.seconds(plan.periodSeconds())))
        .threshold(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(plan.failingPeriods())
        .datapointsToAlarm(plan.failingPeriods())
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  /**
   * Raised when an hour's catalog runs reported a member quarantined for longer than {@code
   * deployment.alarms.quarantineAge}. Maximum: each run reports its own catalog's oldest. A level,
   * like the full-reconcile alarms: missing data keeps the state (only catalog runs write it).
   */
  private static Alarm quarantineAge(
      Construct scope, Deployment d, String functionName, String log) {
    int age = d.alarms().quarantineAgeSeconds();
    return Alarm.Builder.create(scope, "QuarantineAgeAlarm")
        .alarmName(d.name() + " quarantine age")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": a catalog member has been quarantined for more than "
                + Durations.format(age)
                + " ("
                + MetricNames.OLDEST_QUARANTINE
                + " > "
                + age
                + " within 1h; deployment.alarms.quarantineAge). It left its catalog: its hosted"
                + " zone is kept, tagged and no longer synced (zonesync never deletes one), and"
                + " still answers in the VPCs it is associated with. Which: Logs Insights saved"
                + " query "
                + LogQueries.savedName(d.name(), QUARANTINE)
                + log
                + " (quarantinedMembers), or zonesync catalog --config. First: a member removed"
                + " for good: retire its hosted zone by hand; one removed by mistake: add it back"
                + " to the catalog on the master, and the next run resumes it."
                + RUNBOOK)
        .metric(
            Monitoring.functionMetric(
                functionName, MetricNames.OLDEST_QUARANTINE, "Maximum", Monitoring.OVERDUE_PERIOD))
        .threshold(age)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .evaluationPeriods(1)
        .datapointsToAlarm(1)
        .treatMissingData(TreatMissingData.IGNORE)
        .build();
  }

  /** A row under the dashboard's others: the catalog alarms, metrics and log lines. */
  private void addWidgets(
      Dashboard dashboard, ZoneSyncConfig config, String functionName, String logGroupName) {
    Deployment d = config.deployment();
    Duration period = Duration.minutes(5);
    dashboard.addWidgets(
        TextWidget.Builder.create()
            .markdown(
                "## Catalogs ("
                    + config.catalogs().size()
                    + "): failed catalogs, quarantined members (saved queries **"
                    + LogQueries.savedName(d.name(), CATALOG_LINES)
                    + "**, **"
                    + LogQueries.savedName(d.name(), QUARANTINE)
                    + "**); members' syncs are in the zones' table and graphs")
            .width(24)
            .height(1)
            .build());
    List<IWidget> row = new ArrayList<>();
    if (!alarms.isEmpty()) {
      row.add(
          AlarmStatusWidget.Builder.create()
              .title("Catalog alarms")
              .alarms(new ArrayList<IAlarm>(alarms))
              .width(6)
              .height(6)
              .build());
    }
    row.add(
        GraphWidget.Builder.create()
            .title("Catalogs failed, members quarantined")
            .left(
                List.of(
                    Monitoring.functionMetric(
                            functionName, MetricNames.CATALOGS_FAILED, "Sum", period)
                        .with(MetricOptions.builder().label("catalogs failed").build()),
                    Monitoring.functionMetric(
                            functionName, MetricNames.MEMBERS_QUARANTINED, "Maximum", period)
                        .with(MetricOptions.builder().label("members quarantined").build())))
            .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
            .period(period)
            .width(6)
            .height(6)
            .build());
    row.add(
        GraphWidget.Builder.create()
            .title("Oldest quarantine (s)")
            .left(
                List.of(
                    Monitoring.functionMetric(
                            functionName, MetricNames.OLDEST_QUARANTINE, "Maximum", period)
                        .with(MetricOptions.builder().label("oldest quarantine").build())))
            .leftAnnotations(
                List.of(
                    HorizontalAnnotation.builder()
                        .value(d.alarms().quarantineAgeSeconds())
                        .label("quarantineAge (alarm)")
                        .build()))
            .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
            .period(period)
            .width(6)
            .height(6)
            .build());
    row.add(
        LogQueryWidget.Builder.create()
            .title(
                "Catalog log lines (saved query "
                    + LogQueries.savedName(d.name(), CATALOG_LINES)
                    + ")")
            .logGroupNames(List.of(logGroupName))
            .region(d.region())
            .queryString(CATALOG_LINES.text())
            .view(LogQueryVisualizationType.TABLE)
            .width(alarms.isEmpty() ? 12 : 6)
            .height(6)
            .build());
    dashboard.addWidgets(row.toArray(IWidget[]::new));
  }

  /** The catalog alarms, in creation order (none without catalogs or with alarms off). */
  List<Alarm> alarms() {
    return List.copyOf(alarms);
  }

  /** The catalogs' saved queries by full name (none without catalogs). */
  Map<String, CfnQueryDefinition> queries() {
    return java.util.Collections.unmodifiableMap(queries);
  }
}
