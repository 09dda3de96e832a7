package dev.zonesync.logging;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * One log event as the backend formats it.
 *
 * @param mdc the caller thread's MDC at the time of the call (never null)
 * @param thrown the exception passed to the logger, or null
 */
public record LogEvent(
    Instant time,
    Level level,
    String logger,
    String message,
    Map<String, String> mdc,
    Throwable thrown) {

  public LogEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    message = message == null ? "null" : message;
    mdc = mdc == null ? Map.of() : mdc;
  }
}
