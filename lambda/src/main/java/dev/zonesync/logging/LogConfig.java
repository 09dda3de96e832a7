package dev.zonesync.logging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.event.Level;

/**
 * How zonesync's own slf4j backend writes: in Lambda one JSON object per line on stdout (the fields
 * Powertools' layout wrote before); for the CLI plain text on stderr (the report owns stdout). The
 * root level comes from {@code ZONESYNC_LOG_LEVEL} (default {@code info} in Lambda, {@code warn}
 * for the CLI; {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error}, {@code
 * off}); dnsjava, the AWS SDK and the EMF library are held at {@code warn}, as they are chatty
 * below it.
 */
public final class LogConfig {

  /** Environment variable with the root level. */
  public static final String LEVEL_ENV = "ZONESYNC_LOG_LEVEL";

  /** Loggers below these prefixes log at WARN and above only. */
  static final List<String> QUIET_PREFIXES =
      List.of("org.xbill", "software.amazon.awssdk", "software.amazon.cloudwatchlogs");

  static final int OFF = Integer.MAX_VALUE;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TEXT_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.systemDefault());

  private static volatile boolean text;
  private static volatile int rootLevel = parseLevel(System.getenv(LEVEL_ENV), Level.INFO.toInt());
  private static volatile String service = serviceName(System.getenv());
  private static final List<Consumer<LogEvent>> listeners = new CopyOnWriteArrayList<>();
  private static volatile boolean forceAll;
  private static final ThreadLocal<Boolean> discard = new ThreadLocal<>();

  private LogConfig() {}

  /**
   * The CLI's format: plain text on stderr, root level {@code ZONESYNC_LOG_LEVEL} or {@code warn}.
   * Call before anything logs (levels are re-read, so later calls take effect too).
   */
  public static void useText() {
    text = true;
    rootLevel = parseLevel(System.getenv(LEVEL_ENV), Level.WARN.toInt());
  }

  /** Lambda's format (the default): JSON lines on stdout, root level from the environment. */
  public static void useJson() {
    text = false;
    rootLevel = parseLevel(System.getenv(LEVEL_ENV), Level.INFO.toInt());
  }

  /** Sets the root level explicitly (tests; null restores the environment's). */
  public static void rootLevel(Level level) {
    int dflt = text ? Level.WARN.toInt() : Level.INFO.toInt();
    rootLevel = level == null ? parseLevel(System.getenv(LEVEL_ENV), dflt) : level.toInt();
  }

  /**
   * Delivers every event of every logger, at every level, to {@code listener} until the returned
   * handle is closed; while any listener is registered all loggers are enabled at TRACE and their
   * events are also written as usual. For tests that must see everything (the secret-leak suite).
   */
  public static AutoCloseable captureAll(Consumer<LogEvent> listener) {
    listeners.add(listener);
    forceAll = true;
    return () -> {
      listeners.remove(listener);
      forceAll = !listeners.isEmpty();
    };
  }

  /**
   * Until the handle is closed, events of the calling thread are formatted as usual but not written
   * (SnapStart priming exercises the logging path without putting canned lines in the function's
   * log).
   */
  public static AutoCloseable discardOnThisThread() {
    discard.set(Boolean.TRUE);
    return discard::remove;
  }

  /** The threshold of a logger named {@code name}, without a capture. */
  static int threshold(String name) {
    for (String p : QUIET_PREFIXES) {
      if (name.startsWith(p)) {
        return Math.max(Level.WARN.toInt(), rootLevel);
      }
    }
    return rootLevel;
  }

  static boolean enabled(String name, Level level) {
    return forceAll || level.toInt() >= threshold(name);
  }

  static void emit(LogEvent e) {
    for (Consumer<LogEvent> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ignored) {
        // a broken test listener must not break logging
      }
    }
    String line = text ? textLine(e) : jsonLine(e, LogFields.current(), service);
    if (discard.get() != null) {
      return;
    }
    // looked up per line: tests and the Lambda runtime replace System.out
    PrintStream out = text ? System.err : System.out;
    synchronized (LogConfig.class) {
      out.print(line);
      out.flush();
    }
  }

  static String serviceName(Map<String, String> env) {
    String s = env.get("POWERTOOLS_SERVICE_NAME");
    return s == null || s.isBlank() ? "service_undefined" : s;
  }

  /** Parses a level name; anything unknown gives {@code dflt} (logging must never fail startup). */
  static int parseLevel(String value, int dflt) {
    if (value == null || value.isBlank()) {
      return dflt;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "all", "trace" -> Level.TRACE.toInt();
      case "debug" -> Level.DEBUG.toInt();
      case "info" -> Level.INFO.toInt();
      case "warn", "warning" -> Level.WARN.toInt();
      case "error", "fatal" -> Level.ERROR.toInt();
      case "off" -> OFF;
      default -> dflt;
    };
  }

  /** {@code HH:mm:ss.SSS LEVEL Logger - message}, then the stack trace if any. */
  static String textLine(LogEvent e) {
    StringBuilder sb = new StringBuilder(128);
    String name = e.logger();
    sb.append(TEXT_TIME.format(e.time()))
        .append(' ')
        .append(String.format(Locale.ROOT, "%-5s", e.level().name()))
        .append(' ')
        .append(name.substring(name.lastIndexOf('.') + 1))
        .append(" - ")
        .append(e.message());
    e.keyValues().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append('\n');
    if (e.thrown() != null) {
      sb.append(stackTrace(e.thrown()));
    }
    return sb.toString();
  }

  /**
   * One JSON object and a newline: {@code level}, {@code message}, {@code error} ({@code message},
   * {@code name}, {@code stack}), the process-wide {@link LogFields}, {@code service}, {@code
   * timestamp}, the event's key-values, then every MDC entry not already written.
   */
  static String jsonLine(LogEvent e, Map<String, Object> fields, String service) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"level\":\"").append(e.level().name()).append('"');
    sb.append(",\"message\":");
    Json.string(sb, e.message());
    if (e.thrown() != null) {
      Throwable t = e.thrown();
      sb.append(",\"error\":{\"message\":");
      Json.string(sb, t.getMessage());
      sb.append(",\"name\":");
      Json.string(sb, t.getClass().getName());
      sb.append(",\"stack\":");
      Json.string(sb, stackTrace(t));
      sb.append('}');
    }
    for (Map.Entry<String, Object> f : fields.entrySet()) {
      sb.append(',');
      Json.string(sb, f.getKey());
      sb.append(':');
      Json.value(sb, f.getValue());
    }
    sb.append(",\"service\":");
    Json.string(sb, service);
    sb.append(",\"timestamp\":\"").append(TIMESTAMP.format(e.time())).append('"');
    for (Map.Entry<String, Object> kv : e.keyValues().entrySet()) {
      String k = kv.getKey();
      if (fields.containsKey(k) || RESERVED.contains(k)) {
        continue;
      }
      sb.append(',');
      Json.string(sb, k);
      sb.append(':');
      Json.value(sb, kv.getValue());
    }
    for (Map.Entry<String, String> m : e.mdc().entrySet()) {
      String k = m.getKey();
      // the call's own key-values are more specific than the thread's context
      if (fields.containsKey(k) || RESERVED.contains(k) || e.keyValues().containsKey(k)) {
        continue;
      }
      sb.append(',');
      Json.string(sb, k);
      sb.append(':');
      Json.string(sb, m.getValue());
    }
    return sb.append("}\n").toString();
  }

  private static final java.util.Set<String> RESERVED =
      java.util.Set.of("level", "message", "error", "service", "timestamp");

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** For tests: the event as the JSON line would be written now. */
  public static String formatJson(LogEvent e) {
    return jsonLine(e, LogFields.current(), service);
  }

  /** Re-reads {@code POWERTOOLS_SERVICE_NAME} (tests). */
  static void service(String name) {
    service = name;
  }
}
