package dev.zonesync.logging;

import java.time.Instant;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger of zonesync's slf4j backend: level check and formatting in {@link LogConfig}. */
final class ZonesyncLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  ZonesyncLogger(String name) {
    this.name = name;
  }

  @Override
  public boolean isTraceEnabled() {
    return LogConfig.enabled(name, Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return LogConfig.enabled(name, Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return LogConfig.enabled(name, Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return LogConfig.enabled(name, Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return LogConfig.enabled(name, Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
    String message =
        args == null || args.length == 0
            ? pattern
            : MessageFormatter.basicArrayFormat(pattern, args);
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    LogConfig.emit(new LogEvent(Instant.now(), level, name, message, mdc, thrown));
  }
}
