package dev.zonesync.handler;

import dev.zonesync.config.ConfigException;
import dev.zonesync.config.SecretUnavailableException;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.sync.SourceFactory;
import dev.zonesync.sync.ZoneMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Configuration failures at run time — the configuration (an SSM parameter edited by hand) no
 * longer parses or validates, or a TSIG secret cannot be read — made visible: an ERROR line saying
 * what to fix and one EMF document with {@value ZoneMetrics#CONFIGURATION_ERRORS} (dimension
 * {@value ZoneMetrics#FUNCTION_DIMENSION}) for the stack's alarm. Zone failures of other kinds (an
 * unreachable master, Route 53 errors) have their own per-zone metrics.
 */
final class ConfigFailures {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigFailures.class);

  /** One failure: where (configuration location or zone) and the exception. */
  record Failure(String where, String fix, RuntimeException error) {}

  private final List<Failure> failures = new ArrayList<>();

  static boolean isConfigFailure(Throwable t) {
    return t instanceof ConfigException || t instanceof SecretUnavailableException;
  }

  /** The configuration at {@code location} could not be loaded; nothing ran. */
  synchronized void loadFailed(String location, RuntimeException e) {
    String fix =
        e instanceof SecretUnavailableException
            ? "make the secret readable (exists, holds the base64 TSIG secret, the function's role"
                + " may read it) or correct the key's secret.secretsManagerArn in "
                + location
            : "correct " + location + " (the configuration named in ZONESYNC_CONFIG); nothing ran";
    failures.add(new Failure(location, fix, e));
    error("configuration error in " + location, fix, e, Map.of("configLocation", location));
  }

  /** A zone's source could not be created (its TSIG secret is unreadable); the zone FAILED. */
  synchronized void zoneFailed(ZoneSettings zone, RuntimeException e) {
    String key = zone.tsig() == null ? "(none)" : zone.tsig().name().text();
    String fix =
        "make the secret of TSIG key "
            + key
            + " readable, or correct tsigKeys["
            + key
            + "].secret in the configuration; zone "
            + zone.name()
            + " fails on every run until then";
    failures.add(new Failure("zone " + zone.name(), fix, e));
    error(
        "configuration error in zone " + zone.name(),
        fix,
        e,
        Map.of("zone", zone.name().text(), "tsigKey", key));
  }

  private static void error(String what, String fix, RuntimeException e, Map<String, String> mdc) {
    mdc.forEach(MDC::put);
    MDC.put("errorType", e.getClass().getSimpleName());
    try {
      LOG.error("{}: {} — fix: {}", what, e.getMessage(), fix);
    } finally {
      mdc.keySet().forEach(MDC::remove);
      MDC.remove("errorType");
    }
  }

  synchronized List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** Wraps a source factory so that unreadable secrets are recorded here (and still thrown). */
  SourceFactory observe(SourceFactory delegate) {
    return zone -> {
      try {
        return delegate.create(zone);
      } catch (RuntimeException e) {
        if (isConfigFailure(e)) {
          zoneFailed(zone, e);
        }
        throw e;
      }
    };
  }

  /** The EMF document for these failures, or null when there are none. */
  synchronized String document(String functionName) {
    if (failures.isEmpty()) {
      return null;
    }
    MetricsContext ctx = new MetricsContext();
    ctx.setNamespace(ZoneMetrics.NAMESPACE);
    ctx.setDimensions(
        DimensionSet.of(
            ZoneMetrics.FUNCTION_DIMENSION, functionName == null ? "unknown" : functionName));
    ctx.putMetric(ZoneMetrics.CONFIGURATION_ERRORS, failures.size(), Unit.COUNT);
    Map<String, String> where = new LinkedHashMap<>();
    for (Failure f : failures) {
      String m = String.valueOf(f.error().getMessage());
      where.put(f.where(), m.length() > 500 ? m.substring(0, 500) : m);
    }
    ctx.putProperty("configurationErrors", where);
    try {
      return String.join("\n", ctx.serialize());
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the configuration-error metric: " + e, e);
    }
  }
}
