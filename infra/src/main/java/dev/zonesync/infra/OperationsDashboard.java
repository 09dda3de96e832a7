package dev.zonesync.infra;

import dev.zonesync.contract.MetricNames;
import dev.zonesync.infra.config.CutAlarmPlan;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.FleetAlarmPlan;
import dev.zonesync.infra.config.Zone;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmState;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidgetSortBy;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.DashboardVariable;
import software.amazon.awscdk.services.cloudwatch.DefaultValue;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryVisualizationType;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.PeriodOverride;
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.Values;
import software.amazon.awscdk.services.cloudwatch.VariableInputType;
import software.amazon.awscdk.services.cloudwatch.VariableType;
import software.amazon.awscdk.services.cloudwatch.VariableValue;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The deployment's CloudWatch dashboard, built in the {@link Monitoring} construct's scope:
 *
 * <ul>
 *   <li>the deployment's alarms (a fixed set);
 *   <li><b>per-zone detail from the logs</b>: a Logs Insights table over the per-zone summary line
 *       (latest outcome and path, Route 53 calls, RRsets changed, last success per zone; {@link
 *       LogQueries#ZONES}), for any number of zones, including zones nobody listed at deploy time;
 *   <li>the function-level graphs (dimension Function only: one series per metric whatever the zone
 *       count);
 *   <li>only when zones are configured {@code metrics: detailed}: their alarms (lists of alarms in
 *       ALARM) and their per-zone graphs, one zone at a time through the <i>Zone</i> selector.
 * </ul>
 *
 * Its size does not grow with the zone count except for the detailed zones' alarm lists (100 alarms
 * per widget, the most an alarm status widget takes) and the selector's values.
 */
final class OperationsDashboard {

  /** An alarm status widget lists at most 100 alarms. */
  static final int ALARMS_PER_WIDGET = 100;

  private static final Duration GRAPH_PERIOD = Duration.minutes(5);

  private final Deployment d;
  private final Monitoring monitoring;
  private final Dashboard dashboard;

  /**
   * The dashboard, when {@code deployment.dashboard.enabled}: in {@code monitoring}'s scope, after
   * the detailed zones' nested stacks, whose alarms it lists by name.
   */
  static Optional<Dashboard> addTo(
      Monitoring monitoring,
      ZoneSyncConfig config,
      List<? extends Construct> zoneStacks,
      IFunction function,
      IQueue deadLetterQueue,
      String logGroupName) {
    if (!config.deployment().dashboard().enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        new OperationsDashboard(
                monitoring, config, zoneStacks, function, deadLetterQueue, logGroupName)
            .dashboard);
  }

  private OperationsDashboard(
      Monitoring monitoring,
      ZoneSyncConfig config,
      List<? extends Construct> zoneStacks,
      IFunction function,
      IQueue deadLetterQueue,
      String logGroupName) {
    this.d = config.deployment();
    this.monitoring = monitoring;
    List<Zone> detailed =
        config.zones().stream()
            .filter(Zone::detailed)
            .sorted(Comparator.comparing(Zone::metricName))
            .toList();
    Dashboard.Builder builder =
        Dashboard.Builder.create(monitoring, "Dashboard")
            .dashboardName(Monitoring.dashboardName(d))
            .defaultInterval(Duration.hours(6))
            .periodOverride(PeriodOverride.AUTO);
    if (!detailed.isEmpty()) {
      builder.variables(List.of(zoneSelector(detailed)));
    }
    this.dashboard = builder.build();
    // The alarm lists name alarms of the nested stacks: create those first.
    zoneStacks.forEach(s -> dashboard.getNode().addDependency(s));

    Deployment.Alarms a = d.alarms();
    Optional<FleetAlarmPlan> plan = monitoring.plan();
    String functionName = function.getFunctionName();
    String header =
        "# zonesync "
            + d.name()
            + " ("
            + d.region()
            + ", "
            + config.zones().size()
            + " zones, "
            + detailed.size()
            + " with metrics: detailed)\n"
            + (a.enabled()
                ? "**Alarms** (right): one per kind for all zones, a fixed set. Which zones: the"
                    + " table below, and the saved Logs Insights queries **"
                    + d.name()
                    + "/...** each alarm's description names.\n"
                : "Alarms are disabled (deployment.alarms.enabled: false).\n")
            + "**Zones**: one row per zone, from the summary line each run logs (Logs Insights"
            + " over the time range: zones whose last success is oldest first; 1970 = none in"
            + " the range). **Graphs**: function-level metrics, all zones together."
            + (detailed.isEmpty()
                ? ""
                : " **Detailed zones** (bottom): pick one in the *Zone* selector.")
            + "\nRunbook: README.md, Operations, *Alarms and dashboard*. Deployed by the CDK"
            + " stack "
            + d.name()
            + ": console edits are overwritten by the next deploy.";
    if (a.enabled()) {
      dashboard.addWidgets(
          TextWidget.Builder.create().markdown(header).width(16).height(6).build(),
          AlarmStatusWidget.Builder.create()
              .title("Deployment alarms")
              .alarms(new ArrayList<IAlarm>(monitoring.alarms()))
              .width(8)
              .height(6)
              .build());
    } else {
      dashboard.addWidgets(
          TextWidget.Builder.create().markdown(header).width(24).height(5).build());
    }
    dashboard.addWidgets(
        LogQueryWidget.Builder.create()
            .title(
                "Zones: last outcome and path, Route 53 calls, RRsets changed, last success"
                    + " (saved query "
                    + LogQueries.savedName(d.name(), LogQueries.ZONES)
                    + ")")
            .logGroupNames(List.of(logGroupName))
            // the stack's region as written, not a token: the widget is read as deployed
            .region(d.region())
            .queryString(LogQueries.ZONES.text())
            .view(LogQueryVisualizationType.TABLE)
            .width(24)
            .height(9)
            .build());

    Duration period = plan.map(p -> Duration.seconds(p.periodSeconds())).orElse(GRAPH_PERIOD);
    dashboard.addWidgets(
        graph(
            "Zones by outcome",
            true,
            fn(functionName, MetricNames.ZONES_APPLIED, "Sum", "applied"),
            fn(functionName, MetricNames.ZONES_UP_TO_DATE, "Sum", "up to date"),
            fn(functionName, MetricNames.ZONES_FAILED, "Sum", "failed"),
            fn(functionName, MetricNames.ZONES_REJECTED, "Sum", "rejected"),
            fn(functionName, MetricNames.ZONES_PARTIAL, "Sum", "partial"),
            fn(functionName, MetricNames.ZONES_NOT_STARTED, "Sum", "not started")),
        graph(
            "Record changes (RRsets)",
            false,
            fn(functionName, MetricNames.RECORDS_CREATED, "Sum", "created"),
            fn(functionName, MetricNames.RECORDS_UPDATED, "Sum", "updated"),
            fn(functionName, MetricNames.RECORDS_DELETED, "Sum", "deleted"),
            fn(functionName, MetricNames.RECORDS_SKIPPED, "Sum", "skipped")),
        GraphWidget.Builder.create()
            .title("Route 53 requests")
            .left(
                List.of(
                    fn(functionName, MetricNames.ROUTE53_CALLS, "Sum", "calls"),
                    fn(functionName, MetricNames.ROUTE53_RETRIES, "Sum", "retries"),
                    fn(functionName, MetricNames.ROUTE53_THROTTLES, "Sum", "throttles")))
            // the rate learned from Route 53's Throttling answers: low while other tools share
            // the account's change bucket
            .right(
                List.of(
                    fn(
                        functionName,
                        MetricNames.ROUTE53_LEARNED_CHANGE_RATE,
                        "Minimum",
                        "learned changes/s")))
            .rightYAxis(YAxisProps.builder().min(0).showUnits(false).build())
            .period(GRAPH_PERIOD)
            .width(6)
            .height(6)
            .build(),
        runsCompleted(functionName, period, plan));
    dashboard.addWidgets(
        GraphWidget.Builder.create()
            .title("Run duration (ms, longest per period)")
            .left(List.of(fn(functionName, MetricNames.SYNC_DURATION, "Maximum", "run")))
            .leftAnnotations(
                List.of(
                    HorizontalAnnotation.builder()
                        .value(d.function().timeoutSeconds() * 1000.0)
                        .label("function timeout")
                        .build()))
            .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
            .period(GRAPH_PERIOD)
            .width(6)
            .height(6)
            .build(),
        GraphWidget.Builder.create()
            .title("Drift and full reconciles (zones)")
            .left(
                List.of(
                    fn(functionName, MetricNames.DRIFT_DETECTED, "Sum", "drift found"),
                    fn(functionName, MetricNames.FULL_RECONCILE_OVERDUE, "Maximum", "overdue"),
                    fn(functionName, MetricNames.FULL_RECONCILE_FAILING, "Maximum", "failing")))
            .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
            .period(GRAPH_PERIOD)
            .width(6)
            .height(6)
            .build(),
        GraphWidget.Builder.create()
            .title("Function")
            .left(
                List.of(
                    function.metricInvocations(sum("invocations")),
                    function.metricErrors(sum("errors")),
                    function.metricThrottles(sum("throttles"))))
            .right(
                List.of(
                    function.metric(
                        "AsyncEventAge",
                        MetricOptions.builder()
                            .statistic("Maximum")
                            .period(GRAPH_PERIOD)
                            .label("queued, oldest (ms)")
                            .build())))
            .period(GRAPH_PERIOD)
            .width(6)
            .height(6)
            .build(),
        graph(
            "Dead-letter queue",
            false,
            deadLetterQueue.metricApproximateNumberOfMessagesVisible(max("messages visible")),
            deadLetterQueue.metricApproximateAgeOfOldestMessage(max("age of oldest (s)"))));
    dashboard.addWidgets(UnresolvedCutsAlarm.graph(functionName, plan.map(CutAlarmPlan::of)));

    if (!detailed.isEmpty()) {
      addDetailedZones(detailed);
    }
  }

  /** Completed runs per alarm period, against the runs the schedules should complete. */
  private static GraphWidget runsCompleted(
      String functionName, Duration period, Optional<FleetAlarmPlan> plan) {
    GraphWidget.Builder b =
        GraphWidget.Builder.create()
            .title("Runs completed (per " + period.toHumanString() + ")")
            .left(
                List.of(
                    fn(functionName, MetricNames.RUNS_COMPLETED, "Sum", "completed")
                        .with(MetricOptions.builder().period(period).build())))
            .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
            .period(period)
            .width(6)
            .height(6);
    plan.ifPresent(
        p ->
            b.leftAnnotations(
                List.of(
                    HorizontalAnnotation.builder()
                        .value(p.expectedRuns())
                        .label("the schedules' runs (heartbeat)")
                        .build())));
    return b.build();
  }

  /** The detailed zones: their alarms in ALARM and the graphs of the zone in the selector. */
  private void addDetailedZones(List<Zone> detailed) {
    String first = detailed.get(0).metricName();
    dashboard.addWidgets(
        TextWidget.Builder.create()
            .markdown(
                "## Zones with metrics: detailed (the zone picked in the *Zone* selector, default "
                    + first
                    + ")")
            .width(24)
            .height(1)
            .build());
    if (d.alarms().enabled()) {
      addAlarmLists(detailed);
    }
    dashboard.addWidgets(
        graph(
            "Runs by outcome",
            true,
            zoneMetric(first, MetricNames.APPLIED, "Sum", "applied"),
            zoneMetric(first, MetricNames.UP_TO_DATE, "Sum", "up to date"),
            zoneMetric(first, MetricNames.FAILED, "Sum", "failed"),
            zoneMetric(first, MetricNames.REJECTED, "Sum", "rejected"),
            zoneMetric(first, MetricNames.PARTIAL, "Sum", "partial")),
        graph(
            "Record changes (RRsets)",
            false,
            zoneMetric(first, MetricNames.RECORDS_CREATED, "Sum", "created"),
            zoneMetric(first, MetricNames.RECORDS_UPDATED, "Sum", "updated"),
            zoneMetric(first, MetricNames.RECORDS_DELETED, "Sum", "deleted"),
            zoneMetric(first, MetricNames.RECORDS_SKIPPED, "Sum", "skipped")),
        graph(
            "Duration (max, ms)",
            false,
            zoneMetric(first, MetricNames.SYNC_DURATION, "Maximum", "sync"),
            zoneMetric(first, MetricNames.TRANSFER_DURATION, "Maximum", "transfer")),
        SingleValueWidget.Builder.create()
            .title("Source SOA serial (latest)")
            .metrics(List.of(zoneMetric(first, MetricNames.SOURCE_SERIAL, "Maximum", "serial")))
            .fullPrecision(true)
            .width(6)
            .height(6)
            .build());
    dashboard.addWidgets(
        graph(
            "Route 53 calls",
            false,
            zoneMetric(first, MetricNames.ROUTE53_CALLS, "Sum", "calls"),
            zoneMetric(first, MetricNames.BATCHES, "Sum", "batches"),
            zoneMetric(first, MetricNames.ROUTE53_RETRIES, "Sum", "retries"),
            zoneMetric(first, MetricNames.ROUTE53_THROTTLES, "Sum", "throttles")),
        graph(
            "Source SOA serial",
            false,
            zoneMetric(first, MetricNames.SOURCE_SERIAL, "Maximum", "serial")),
        graph(
            "Successful runs and drift",
            false,
            zoneMetric(first, MetricNames.SUCCEEDED, "Sum", "succeeded"),
            zoneMetric(first, MetricNames.DRIFT_DETECTED, "Sum", "drift detected")));
  }

  private static DashboardVariable zoneSelector(List<Zone> detailed) {
    List<VariableValue> values =
        detailed.stream()
            .map(z -> VariableValue.builder().value(z.metricName()).label(z.metricName()).build())
            .toList();
    return DashboardVariable.Builder.create()
        .id("zone")
        .type(VariableType.PROPERTY)
        .value(ZoneAlarms.DIMENSION)
        .label("Zone")
        .inputType(VariableInputType.SELECT)
        .values(Values.fromValues(values.toArray(VariableValue[]::new)))
        .defaultValue(DefaultValue.value(detailed.get(0).metricName()))
        .visible(true)
        .build();
  }

  /** Per kind, one alarm status widget per 100 detailed zones, showing only alarms in ALARM. */
  private void addAlarmLists(List<Zone> zones) {
    Stack stack = Stack.of(monitoring);
    Construct refs = new Construct(monitoring, "AlarmRef");
    for (int from = 0; from < zones.size(); from += ALARMS_PER_WIDGET) {
      List<Zone> chunk = zones.subList(from, Math.min(zones.size(), from + ALARMS_PER_WIDGET));
      String range =
          zones.size() <= ALARMS_PER_WIDGET
              ? ""
              : " (zones " + (from + 1) + "–" + (from + chunk.size()) + " of " + zones.size() + ")";
      List<IWidget> row = new ArrayList<>();
      for (ZoneAlarms.Kind kind :
          List.of(ZoneAlarms.Kind.STALE, ZoneAlarms.Kind.FAILED, ZoneAlarms.Kind.REJECTED)) {
        List<IAlarm> alarms = new ArrayList<>();
        for (Zone z : chunk) {
          String name = ZoneAlarms.alarmName(d.name(), z.metricName(), kind.suffix);
          alarms.add(
              Alarm.fromAlarmArn(
                  refs,
                  kind.id + z.index(),
                  stack.formatArn(
                      ArnComponents.builder()
                          .service("cloudwatch")
                          .resource("alarm")
                          .resourceName(name)
                          .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                          .build())));
        }
        row.add(
            AlarmStatusWidget.Builder.create()
                .title("In ALARM: " + kind.suffix + range)
                .alarms(alarms)
                .states(List.of(AlarmState.ALARM))
                .sortBy(AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP)
                .width(8)
                .height(4)
                .build());
      }
      dashboard.addWidgets(row.toArray(IWidget[]::new));
    }
  }

  private static GraphWidget graph(String title, boolean stacked, IMetric... metrics) {
    return GraphWidget.Builder.create()
        .title(title)
        .left(List.of(metrics))
        .stacked(stacked)
        .period(GRAPH_PERIOD)
        .width(6)
        .height(6)
        .build();
  }

  /** A function-level metric of this deployment's function. */
  private static Metric fn(String functionName, String metric, String statistic, String label) {
    return Monitoring.functionMetric(functionName, metric, statistic, GRAPH_PERIOD)
        .with(MetricOptions.builder().label(label).build());
  }

  /** A metric of one detailed zone; the dashboard's Zone variable replaces the zone. */
  private static Metric zoneMetric(String zone, String metric, String statistic, String label) {
    return Metric.Builder.create()
        .namespace(ZoneAlarms.NAMESPACE)
        .metricName(metric)
        .dimensionsMap(Map.of(ZoneAlarms.DIMENSION, zone))
        .statistic(statistic)
        .period(GRAPH_PERIOD)
        .label(label)
        .build();
  }

  private static MetricOptions sum(String label) {
    return MetricOptions.builder().statistic("Sum").period(GRAPH_PERIOD).label(label).build();
  }

  private static MetricOptions max(String label) {
    return MetricOptions.builder().statistic("Maximum").period(GRAPH_PERIOD).label(label).build();
  }
}
