package dev.zonesync.infra;

import dev.zonesync.config.Durations;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.infra.config.Deployment;
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
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
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
 * The deployment's CloudWatch dashboard: alarm lists (only alarms in ALARM), fleet graphs and the
 * graphs of the zone picked in its selector. Built in the {@link Monitoring} construct's scope.
 *
 * <p>The dashboard's size does not grow with the zone count except for the alarm lists (100 alarms
 * per widget, the most an alarm status widget takes) and the zone selector's values: fleet graphs
 * are Metrics Insights queries returning the top {@value #TOP_ZONES} zones (or one total), and the
 * per-zone graphs follow a dashboard variable. A SEARCH graph would return one series per zone (at
 * most 500 per search, and a dashboard loads at most 2,500 metrics), so it stops working somewhere
 * between 100 and 500 zones.
 */
final class OperationsDashboard {

  /** Series per fleet graph. */
  static final int TOP_ZONES = 10;

  /** An alarm status widget lists at most 100 alarms. */
  static final int ALARMS_PER_WIDGET = 100;

  private static final Duration GRAPH_PERIOD = Duration.minutes(5);

  private final ZoneSyncConfig config;
  private final Deployment d;
  private final Monitoring monitoring;
  private final Dashboard dashboard;

  /**
   * The dashboard, when {@code deployment.dashboard.enabled}: in {@code monitoring}'s scope, after
   * the nested stacks, whose alarms it lists by name.
   */
  static Optional<Dashboard> addTo(
      Monitoring monitoring,
      ZoneSyncConfig config,
      List<? extends Construct> zoneStacks,
      IFunction function,
      IQueue deadLetterQueue) {
    if (!config.deployment().dashboard().enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        new OperationsDashboard(monitoring, config, zoneStacks, function, deadLetterQueue)
            .dashboard);
  }

  private OperationsDashboard(
      Monitoring monitoring,
      ZoneSyncConfig config,
      List<? extends Construct> zoneStacks,
      IFunction function,
      IQueue deadLetterQueue) {
    this.config = config;
    this.d = config.deployment();
    this.monitoring = monitoring;
    List<Zone> zones =
        config.zones().stream().sorted(Comparator.comparing(Zone::metricName)).toList();
    String first = zones.get(0).metricName();
    List<VariableValue> values =
        zones.stream()
            .map(z -> VariableValue.builder().value(z.metricName()).label(z.metricName()).build())
            .toList();
    this.dashboard =
        Dashboard.Builder.create(monitoring, "Dashboard")
            .dashboardName(Monitoring.dashboardName(d))
            .defaultInterval(Duration.hours(6))
            .periodOverride(PeriodOverride.AUTO)
            .variables(
                List.of(
                    DashboardVariable.Builder.create()
                        .id("zone")
                        .type(VariableType.PROPERTY)
                        .value(ZoneAlarms.DIMENSION)
                        .label("Zone")
                        .inputType(VariableInputType.SELECT)
                        .values(Values.fromValues(values.toArray(VariableValue[]::new)))
                        .defaultValue(DefaultValue.value(first))
                        .visible(true)
                        .build()))
            .build();
    // The alarm lists name alarms of the nested stacks: create those first.
    zoneStacks.forEach(s -> dashboard.getNode().addDependency(s));

    Deployment.Alarms a = d.alarms();
    String header =
        "# zonesync "
            + d.name()
            + " ("
            + d.region()
            + ", "
            + zones.size()
            + " zones)\n"
            + (a.enabled()
                ? "Each zone has three alarms: **failed** (a run failed), **rejected** (the"
                    + " safety check refused a plan), **stale** (no successful sync for its"
                    + " staleAfter, default "
                    + Durations.format(a.staleAfterSeconds())
                    + "). The lists below show only alarms **in ALARM**.\n"
                : "Alarms are disabled (deployment.alarms.enabled: false).\n")
            + "**All zones:** Metrics Insights graphs of the top "
            + TOP_ZONES
            + " zones per metric (they cover the last two weeks at most). **One zone:** pick it"
            + " in the *Zone* selector at the top; the graphs at the bottom follow it.\n"
            + "Runbook: README.md, Operations, *Alarms and dashboard*. This dashboard is deployed"
            + " by the CDK stack "
            + d.name()
            + ": console edits are overwritten by the next deploy.";
    if (a.enabled()) {
      dashboard.addWidgets(
          TextWidget.Builder.create().markdown(header).width(18).height(5).build(),
          AlarmStatusWidget.Builder.create()
              .title("Deployment-wide alarms")
              .alarms(
                  List.of(
                      monitoring.deadLetterAlarm().orElseThrow(),
                      monitoring.configurationAlarm().orElseThrow(),
                      monitoring.fullReconcileOverdueAlarm().orElseThrow()))
              .width(6)
              .height(5)
              .build());
      addAlarmLists(zones);
    } else {
      dashboard.addWidgets(
          TextWidget.Builder.create().markdown(header).width(24).height(4).build());
    }

    dashboard.addWidgets(
        TextWidget.Builder.create()
            .markdown("## All zones: totals and the top " + TOP_ZONES + " zones per metric")
            .width(24)
            .height(1)
            .build());
    dashboard.addWidgets(
        graph(
            "Runs by outcome, all zones",
            true,
            total(MetricNames.APPLIED, "applied"),
            total(MetricNames.UP_TO_DATE, "up to date"),
            total(MetricNames.FAILED, "failed"),
            total(MetricNames.REJECTED, "rejected"),
            total(MetricNames.PARTIAL, "partial")),
        graph("Failed runs: top zones", false, top(MetricNames.FAILED, "SUM")),
        graph("Rejected plans: top zones", false, top(MetricNames.REJECTED, "SUM")),
        graph("Partial runs (deadline): top zones", false, top(MetricNames.PARTIAL, "SUM")));
    dashboard.addWidgets(
        graph(
            "Record changes (RRsets), all zones",
            true,
            total(MetricNames.RECORDS_CREATED, "created"),
            total(MetricNames.RECORDS_UPDATED, "updated"),
            total(MetricNames.RECORDS_DELETED, "deleted"),
            total(MetricNames.RECORDS_SKIPPED, "skipped")),
        graph("Records created: top zones", false, top(MetricNames.RECORDS_CREATED, "SUM")),
        graph("Records updated: top zones", false, top(MetricNames.RECORDS_UPDATED, "SUM")),
        graph("Records deleted: top zones", false, top(MetricNames.RECORDS_DELETED, "SUM")));
    dashboard.addWidgets(
        graph(
            "Sync duration (max, ms): slowest zones", false, top(MetricNames.SYNC_DURATION, "MAX")),
        graph(
            "Transfer duration (max, ms): slowest zones",
            false,
            top(MetricNames.TRANSFER_DURATION, "MAX")),
        graph("Route 53 throttles: top zones", false, top(MetricNames.ROUTE53_THROTTLES, "SUM")),
        graph("Route 53 retries: top zones", false, top(MetricNames.ROUTE53_RETRIES, "SUM")));
    dashboard.addWidgets(
        graph(
            "Route 53 calls, all zones",
            false,
            total(MetricNames.ROUTE53_CALLS, "calls"),
            total(MetricNames.ROUTE53_RETRIES, "retries"),
            total(MetricNames.ROUTE53_THROTTLES, "throttles")),
        graph("Drift detected: top zones", false, top(MetricNames.DRIFT_DETECTED, "SUM")),
        graph(
            "Function",
            false,
            function.metricInvocations(sum("invocations")),
            function.metricErrors(sum("errors")),
            function.metricThrottles(sum("throttles"))),
        graph(
            "Dead-letter queue",
            false,
            deadLetterQueue.metricApproximateNumberOfMessagesVisible(max("messages visible")),
            deadLetterQueue.metricApproximateAgeOfOldestMessage(max("age of oldest (s)"))));
    // Function-level, one value per run: the most zones one run found overdue in each period.
    dashboard.addWidgets(
        GraphWidget.Builder.create()
            .title("Zones overdue for a full reconcile (max per run)")
            .left(
                List.of(
                    Monitoring.fullReconcileOverdueMetric(function.getFunctionName(), GRAPH_PERIOD)
                        .with(MetricOptions.builder().label("zones overdue").build())))
            .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
            .period(GRAPH_PERIOD)
            .width(6)
            .height(6)
            .build());

    dashboard.addWidgets(
        TextWidget.Builder.create()
            .markdown("## One zone: the zone picked in the *Zone* selector (default " + first + ")")
            .width(24)
            .height(1)
            .build());
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

  /** Per kind, one alarm status widget per 100 zones, showing only the alarms in ALARM. */
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

  /** The top zones by {@code fn(metric)} over the graph's time range, one series per zone. */
  static MathExpression top(String metric, String fn) {
    return MathExpression.Builder.create()
        .expression(
            "SELECT "
                + fn
                + "("
                + metric
                + ") FROM SCHEMA("
                + ZoneAlarms.NAMESPACE
                + ", "
                + ZoneAlarms.DIMENSION
                + ") GROUP BY "
                + ZoneAlarms.DIMENSION
                + " ORDER BY "
                + fn
                + "() DESC LIMIT "
                + TOP_ZONES)
        .label("")
        .period(GRAPH_PERIOD)
        .build();
  }

  /** {@code metric} summed over every zone: one series. */
  static MathExpression total(String metric, String label) {
    return MathExpression.Builder.create()
        .expression(
            "SELECT SUM("
                + metric
                + ") FROM SCHEMA("
                + ZoneAlarms.NAMESPACE
                + ", "
                + ZoneAlarms.DIMENSION
                + ")")
        .label(label)
        .period(GRAPH_PERIOD)
        .build();
  }

  /** A metric of one zone; the dashboard's Zone variable replaces the zone. */
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
