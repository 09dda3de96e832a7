package dev.zonesync.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields written on every JSON log line of this process (after {@code level}, {@code message} and
 * {@code error}): the Lambda handler puts the invocation's request id, function name, cold start
 * and init type here. Process-wide rather than per thread (MDC): a Lambda container runs one
 * invocation at a time, and threads the engine starts must carry the same fields.
 */
public final class LogFields {

  private static volatile Map<String, Object> fields = Map.of();

  private LogFields() {}

  /** Replaces all fields; values are strings, numbers or booleans (null values are left out). */
  public static void set(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    fields = Collections.unmodifiableMap(copy);
  }

  public static void clear() {
    fields = Map.of();
  }

  /** The current fields, in the order they were given. */
  public static Map<String, Object> current() {
    return fields;
  }
}
