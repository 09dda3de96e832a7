package dev.zonesync.infra;

import dev.zonesync.config.Durations;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.infra.config.CutAlarmPlan;
import dev.zonesync.infra.config.Deployment;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.constructs.Construct;

/**
 * The deployment's alarm on delegations nothing resolves (README, "Delegations and other
 * accounts"): the function-level {@code UnresolvedCuts} (cuts reported with warning {@code
 * UNRESOLVED_CUT}, on every run of a zone with one) at least 1 in the fleet alarms' period ({@link
 * CutAlarmPlan}). One alarm whatever the zone count; which zones: the saved query {@link
 * LogQueries#UNRESOLVED_CUTS}.
 */
final class UnresolvedCutsAlarm {

  static final String ID = "UnresolvedCutsAlarm";

  /** The graph's period when alarms are off. */
  private static final int DEFAULT_GRAPH_PERIOD = 3600;

  private UnresolvedCutsAlarm() {}

  /**
   * The alarm, in {@code scope} (the {@link Monitoring} construct, beside the other fixed alarms).
   *
   * @param savedQuery the full name of the saved query that lists the zones
   * @param log where the query reads, as the other alarms' descriptions say it
   */
  static Alarm create(
      Construct scope,
      Deployment d,
      CutAlarmPlan plan,
      String functionName,
      String savedQuery,
      String log) {
    String window = Durations.format(plan.windowSeconds());
    return Alarm.Builder.create(scope, ID)
        .alarmName(d.name() + " unresolved zone cuts")
        .alarmDescription(
            "zonesync "
                + d.name()
                + ": runs found delegations (zone cuts) that nothing resolves in the VPC"
                + " (UnresolvedCuts >= 1 in the last "
                + window
                + ", warning UNRESOLVED_CUT): the private hosted zone answers NXDOMAIN for every"
                + " name below such a cut. Which zones: Logs Insights saved query "
                + savedQuery
                + log
                + "; the zone's report warning names the cut, its name servers and the names"
                + " below it (a dry run with \"mode\": \"full\" shows it). First: zoneCuts:"
                + " delegate with delegations: [<cut>] and deployment.resolver (a DELEGATE rule),"
                + " mirror the child zone, or list the cut in resolvedElsewhere. Clears "
                + window
                + " after the last run that reported one. Runbook: README.md, Operations,"
                + " \"Alarms and dashboard\"; \"Delegations and other accounts\".")
        .metric(metric(functionName, plan.periodSeconds()))
        .threshold(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .evaluationPeriods(plan.evaluationPeriods())
        .datapointsToAlarm(1)
        // every run writes the metric (0 when it found none); hours without runs are not a cut
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  /** The dashboard's graph: unresolved cuts per hour, with the alarm's threshold. */
  static GraphWidget graph(String functionName, Optional<CutAlarmPlan> plan) {
    int period = plan.map(CutAlarmPlan::periodSeconds).orElse(DEFAULT_GRAPH_PERIOD);
    GraphWidget.Builder b =
        GraphWidget.Builder.create()
            .title("Unresolved zone cuts (max per period)")
            .left(
                List.of(
                    metric(functionName, period)
                        .with(MetricOptions.builder().label("unresolved cuts").build())))
            .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
            .period(Duration.seconds(period))
            .width(6)
            .height(6);
    plan.ifPresent(
        p ->
            b.leftAnnotations(
                List.of(HorizontalAnnotation.builder().value(1).label("alarm").build())));
    return b.build();
  }

  private static software.amazon.awscdk.services.cloudwatch.Metric metric(
      String functionName, int periodSeconds) {
    return Monitoring.functionMetric(
        functionName, MetricNames.UNRESOLVED_CUTS, "Maximum", Duration.seconds(periodSeconds));
  }
}
