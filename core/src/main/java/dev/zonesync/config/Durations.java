package dev.zonesync.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}, a number of seconds, or ISO-8601. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("p")) {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      }
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
      }
      if (s.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
      }
      if (s.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).strip()) * 60);
      }
      if (s.endsWith("h")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).strip()) * 3600);
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 500ms, 3s, 2m, 1h or PT3S");
    }
  }

  /**
   * The shortest exact form of whole seconds: whole hours as {@code h}, whole minutes as {@code m},
   * else {@code s} (how messages quote durations back to the operator).
   */
  public static String format(long seconds) {
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
