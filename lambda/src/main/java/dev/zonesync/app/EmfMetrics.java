package dev.zonesync.app;

import dev.zonesync.config.MetricsDetail;
import dev.zonesync.config.Settings;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.sync.FunctionMetrics;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.ZoneMetrics;
import dev.zonesync.sync.ZoneReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * Publishes an invocation's CloudWatch metrics as Embedded Metric Format documents (in Lambda a log
 * line CloudWatch turns into metrics, no PutMetricData; for the CLI the same JSON, to print):
 *
 * <ul>
 *   <li>one function-level document ({@link FunctionMetrics}, dimension {@value
 *       MetricNames#FUNCTION_DIMENSION}) per invocation that synced zones: the same handful of
 *       metrics whatever the zone count;
 *   <li>one document per zone configured {@code metrics: detailed} ({@link ZoneMetrics}, dimension
 *       {@value MetricNames#ZONE_DIMENSION}), through Powertools; none for the other zones.
 * </ul>
 *
 * Dry runs publish nothing. Publishing never fails a sync: the report and the logs carry
 * everything.
 */
public final class EmfMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(EmfMetrics.class);
  private static final EmfMetricsProvider PROVIDER = new EmfMetricsProvider();

  /** The dimension value of the CLI's function-level document ({@code --metrics}). */
  public static final String CLI_FUNCTION_NAME = "zonesync-cli";

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

  /** The zones of {@code settings} configured {@code metrics: detailed}, by report zone name. */
  public static Predicate<String> detailedZones(Settings settings) {
    Set<String> detailed =
        settings.zones().stream()
            .filter(z -> z.metrics() == MetricsDetail.DETAILED)
            .map(ZoneSettings::name)
            .map(n -> n.text())
            .collect(Collectors.toUnmodifiableSet());
    return detailed::contains;
  }

  /**
   * Writes the documents of {@link #documents} to stdout: the per-zone ones through Powertools, the
   * function-level one directly (in Lambda both reach the function's log group).
   *
   * @param detailed the zones (by report name) that get per-zone documents
   * @param durationMs how long the run of all its zones took
   */
  public static void publish(
      RunReport run, String functionName, Predicate<String> detailed, long durationMs) {
    publishZones(run, detailed);
    try {
      String doc = functionDocument(run, functionName, durationMs);
      if (doc != null) {
        // The same stream Powertools writes the zone documents to in Lambda.
        System.out.println(doc);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not publish the function-level metrics: {}", e.toString());
    }
  }

  private static void publishZones(RunReport run, Predicate<String> detailed) {
    for (ZoneReport z : run.zones()) {
      ZoneMetrics zm = detailed.test(z.zone()) ? ZoneMetrics.of(z) : null;
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

  /**
   * The documents {@link #publish} writes, as JSON text: the per-zone documents of the {@code
   * detailed} zones, then the function-level document of {@code functionName} (none when it is null
   * or the run synced no zone).
   */
  public static List<String> documents(
      RunReport run, String functionName, Predicate<String> detailed, long durationMs) {
    List<String> out = zoneDocuments(run, detailed);
    String doc = functionDocument(run, functionName, durationMs);
    if (doc != null) {
      out.add(doc);
    }
    return out;
  }

  /**
   * The function-level document: {@link FunctionMetrics} with the single dimension {@value
   * MetricNames#FUNCTION_DIMENSION}, its zone lists as properties. Null when {@code functionName}
   * is null or no zone was synced (a dry run publishes nothing).
   */
  static String functionDocument(RunReport run, String functionName, long durationMs) {
    if (functionName == null) {
      return null;
    }
    FunctionMetrics fm = FunctionMetrics.of(run, durationMs);
    if (fm == null) {
      return null;
    }
    try {
      MetricsContext ctx = new MetricsContext();
      ctx.setNamespace(MetricNames.NAMESPACE);
      ctx.setDimensions(DimensionSet.of(MetricNames.FUNCTION_DIMENSION, functionName));
      for (ZoneMetrics.Metric x : fm.metrics()) {
        ctx.putMetric(x.name(), x.value(), emfUnit(x.unit()));
      }
      fm.properties().forEach(ctx::putProperty);
      // one document: a function-level document is never split, whatever the zone count
      List<String> parts = ctx.serialize();
      if (parts.size() != 1) {
        throw new IllegalStateException(
            "the function-level metrics took " + parts.size() + " documents");
      }
      return parts.get(0);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the function-level metrics: " + e, e);
    }
  }

  private static List<String> zoneDocuments(RunReport run, Predicate<String> detailed) {
    List<String> out = new ArrayList<>();
    for (ZoneReport z : run.zones()) {
      ZoneMetrics zm = detailed.test(z.zone()) ? ZoneMetrics.of(z) : null;
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
      case SECONDS -> MetricUnit.SECONDS;
      case COUNT_PER_SECOND -> MetricUnit.COUNT_SECOND;
      case NONE -> MetricUnit.NONE;
    };
  }

  private static Unit emfUnit(ZoneMetrics.Unit u) {
    return switch (u) {
      case COUNT -> Unit.COUNT;
      case MILLISECONDS -> Unit.MILLISECONDS;
      case SECONDS -> Unit.SECONDS;
      case COUNT_PER_SECOND -> Unit.COUNT_SECOND;
      case NONE -> Unit.NONE;
    };
  }
}
