package dev.zonesync.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * zonesync's slf4j 2 backend (found through {@code META-INF/services}): a few classes in place of
 * log4j-core, its JSON template layout and Powertools logging (≈ 4.4 MB of the package and a slower
 * first log line; the numbers are in the README). See {@link LogConfig}.
 */
public final class ZonesyncServiceProvider implements SLF4JServiceProvider {

  private ILoggerFactory loggers;
  private IMarkerFactory markers;
  private MDCAdapter mdc;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    loggers = new Factory();
    markers = new BasicMarkerFactory();
    mdc = new BasicMDCAdapter();
  }

  private static final class Factory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, ZonesyncLogger::new);
    }
  }
}
