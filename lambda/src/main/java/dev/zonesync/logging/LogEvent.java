package dev.zonesync.logging;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * One log event as the backend formats it.
 *
 * @param mdc the caller thread's MDC at the time of the call (never null)
 * @param thrown the exception passed to the logger, or null
 * @param keyValues the key-values of slf4j's fluent API, in the order given (never null; null
 *     values left out); {@link RawJson} values are written as JSON
 */
public record LogEvent(
    Instant time,
    Level level,
    String logger,
    String message,
    Map<String, String> mdc,
    Throwable thrown,
    Map<String, Object> keyValues) {

  public LogEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    message = message == null ? "null" : message;
    mdc = mdc == null ? Map.of() : mdc;
    keyValues = withoutNulls(keyValues);
  }

  /** An event without key-values (the classic slf4j calls). */
  public LogEvent(
      Instant time,
      Level level,
      String logger,
      String message,
      Map<String, String> mdc,
      Throwable thrown) {
    this(time, level, logger, message, mdc, thrown, Map.of());
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> values) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            copy.put(k, v);
          }
        });
    return Collections.unmodifiableMap(copy);
  }
}
