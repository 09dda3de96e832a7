package dev.zonesync.app;

import dev.zonesync.contract.MetricNames;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.WarningCodes;
import dev.zonesync.sync.ZoneMetrics;
import dev.zonesync.sync.ZoneReport;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.config.Configuration;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Publishes each zone's {@link ZoneMetrics} as one CloudWatch Embedded Metric Format document: in
 * Lambda through Powertools (a log line CloudWatch turns into metrics, no PutMetricData); for the
 * CLI as the same JSON documents, to print. With a function name, one more document carries the
 * invocation's function-level metrics {@value MetricNames#FULL_RECONCILE_OVERDUE} and {@value
 * MetricNames#FULL_RECONCILE_FAILING}.
 */
public final class EmfMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(EmfMetrics.class);
  private static final EmfMetricsProvider PROVIDER = new EmfMetricsProvider();

  static {
    // Outside Lambda (a local invocation, tests) the EMF library would probe EC2 metadata and then
    // an agent socket; write to stdout exactly as in Lambda instead.
    Configuration config = EnvironmentConfigurationProvider.getConfig();
    if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null
        && config.getEnvironmentOverride() == Environments.Unknown) {
      config.setEnvironmentOverride(Environments.Lambda);
    }
  }

  private EmfMetrics() {}

  /** Zone names listed in the function-level document (a property, for the runbook). */
  static final int MAX_LISTED_ZONES = 50;

  /** One EMF document per zone, through Powertools (Lambda: to stdout, read by CloudWatch). */
  public static void publish(RunReport run) {
    publish(run, null);
  }

  /**
   * As {@link #publish(RunReport)}, then the function-level document of {@code functionName} (none
   * when it is null or the run synced no zone).
   */
  public static void publish(RunReport run, String functionName) {
    publishZones(run);
    try {
      String doc = functionDocument(run, functionName);
      if (doc != null) {
        // The same stream Powertools writes the zone documents to in Lambda.
        System.out.println(doc);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not publish the function-level metrics: {}", e.toString());
    }
  }

  private static void publishZones(RunReport run) {
    for (ZoneReport z : run.zones()) {
      ZoneMetrics zm = ZoneMetrics.of(z);
      if (zm == null) {
        continue;
      }
      try {
        Metrics m = PROVIDER.getMetricsInstance();
        m.setNamespace(ZoneMetrics.NAMESPACE);
        m.setDefaultDimensions(
            software.amazon.lambda.powertools.metrics.model.DimensionSet.of(
                ZoneMetrics.DIMENSION, zm.zone()));
        for (ZoneMetrics.Metric x : zm.metrics()) {
          m.addMetric(x.name(), x.value(), powertoolsUnit(x.unit()));
        }
        zm.properties().forEach(m::addMetadata);
        m.flush();
      } catch (RuntimeException e) {
        // metrics must never fail a sync; the report and logs still carry everything
        LOG.warn("could not publish metrics for zone {}: {}", z.zone(), e.toString());
      }
    }
  }

  /** The same documents as JSON text (for the CLI's --metrics), without the function-level one. */
  public static List<String> documents(RunReport run) {
    return documents(run, null);
  }

  /** The documents {@link #publish(RunReport, String)} writes, as JSON text. */
  public static List<String> documents(RunReport run, String functionName) {
    List<String> out = zoneDocuments(run);
    String doc = functionDocument(run, functionName);
    if (doc != null) {
      out.add(doc);
    }
    return out;
  }

  /**
   * {@value MetricNames#FULL_RECONCILE_OVERDUE}: the zones of this run whose report says their full
   * reconcile is overdue (0 when none, so the alarm sees every run), dimension {@value
   * MetricNames#FUNCTION_DIMENSION}; the first {@value #MAX_LISTED_ZONES} such zones as a property.
   * Null when {@code functionName} is null or no zone was synced (a dry run publishes nothing).
   */
  static String functionDocument(RunReport run, String functionName) {
    if (functionName == null) {
      return null;
    }
    List<String> overdue = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    boolean synced = false;
    for (ZoneReport z : run.zones()) {
      if (ZoneMetrics.of(z) == null) {
        continue;
      }
      synced = true;
      if (Boolean.TRUE.equals(z.fullReconcileOverdue())) {
        overdue.add(z.zone());
      }
      if (z.warnings() != null
          && z.warnings().stream()
              .anyMatch(w -> w.code().equals(WarningCodes.FULL_RECONCILE_FAILING))) {
        failing.add(z.zone());
      }
    }
    if (!synced) {
      return null;
    }
    try {
      MetricsContext ctx = new MetricsContext();
      ctx.setNamespace(MetricNames.NAMESPACE);
      ctx.setDimensions(DimensionSet.of(MetricNames.FUNCTION_DIMENSION, functionName));
      ctx.putMetric(MetricNames.FULL_RECONCILE_OVERDUE, overdue.size(), Unit.COUNT);
      ctx.putMetric(MetricNames.FULL_RECONCILE_FAILING, failing.size(), Unit.COUNT);
      if (run.route53Pacing() != null) {
        ctx.putMetric(
            MetricNames.ROUTE53_LEARNED_CHANGE_RATE,
            run.route53Pacing().changesPerSecond(),
            Unit.COUNT_SECOND);
      }
      if (!overdue.isEmpty()) {
        ctx.putProperty(
            "fullReconcileOverdueZones",
            overdue.subList(0, Math.min(overdue.size(), MAX_LISTED_ZONES)));
      }
      if (!failing.isEmpty()) {
        ctx.putProperty(
            "fullReconcileFailingZones",
            failing.subList(0, Math.min(failing.size(), MAX_LISTED_ZONES)));
      }
      return String.join("\n", ctx.serialize());
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the function-level metrics: " + e, e);
    }
  }

  private static List<String> zoneDocuments(RunReport run) {
    List<String> out = new ArrayList<>();
    for (ZoneReport z : run.zones()) {
      ZoneMetrics zm = ZoneMetrics.of(z);
      if (zm == null) {
        continue;
      }
      try {
        MetricsContext ctx = new MetricsContext();
        ctx.setNamespace(ZoneMetrics.NAMESPACE);
        ctx.setDimensions(DimensionSet.of(ZoneMetrics.DIMENSION, zm.zone()));
        for (ZoneMetrics.Metric x : zm.metrics()) {
          ctx.putMetric(x.name(), x.value(), emfUnit(x.unit()));
        }
        zm.properties().forEach(ctx::putProperty);
        out.addAll(ctx.serialize());
      } catch (Exception e) {
        throw new IllegalStateException("cannot build metrics for zone " + z.zone() + ": " + e, e);
      }
    }
    return out;
  }

  private static MetricUnit powertoolsUnit(ZoneMetrics.Unit u) {
    return switch (u) {
      case COUNT -> MetricUnit.COUNT;
      case MILLISECONDS -> MetricUnit.MILLISECONDS;
      case NONE -> MetricUnit.NONE;
    };
  }

  private static Unit emfUnit(ZoneMetrics.Unit u) {
    return switch (u) {
      case COUNT -> Unit.COUNT;
      case MILLISECONDS -> Unit.MILLISECONDS;
      case NONE -> Unit.NONE;
    };
  }
}
