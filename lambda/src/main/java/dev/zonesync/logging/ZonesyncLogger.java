package dev.zonesync.logging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * A logger of zonesync's slf4j backend: level check and formatting in {@link LogConfig}. Events of
 * the fluent API ({@code atInfo().addKeyValue(...)}) arrive whole through {@link
 * LoggingEventAware}, so their key-values become fields of the JSON line instead of text in front
 * of the message.
 */
final class ZonesyncLogger extends LegacyAbstractLogger implements LoggingEventAware {
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

  @Override
  public void log(LoggingEvent event) {
    Level level = event.getLevel();
    if (!LogConfig.enabled(name, level)) {
      return;
    }
    Object[] args = event.getArgumentArray();
    String message = event.getMessage();
    Throwable thrown = event.getThrowable();
    if (args != null && args.length > 0) {
      FormattingTuple t = MessageFormatter.arrayFormat(message, args);
      message = t.getMessage();
      thrown = thrown == null ? t.getThrowable() : thrown;
    }
    Map<String, Object> keyValues = new LinkedHashMap<>();
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        keyValues.put(p.key, p.value);
      }
    }
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    LogConfig.emit(new LogEvent(Instant.now(), level, name, message, mdc, thrown, keyValues));
  }
}
