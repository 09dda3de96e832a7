package dev.zonesync.infra.config;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates EventBridge Scheduler {@code rate(...)} and {@code cron(...)} expressions at synth. */
public final class ScheduleExpressions {
  private static final Pattern RATE = Pattern.compile("rate\\((\\d{1,6}) (minute|hour|day)(s?)\\)");
  private static final Pattern CRON = Pattern.compile("cron\\(([^()]+)\\)");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?,/#\\-]+");

  private ScheduleExpressions() {}

  /**
   * The time between two runs of a valid {@code rate(...)} expression, in seconds; empty for a
   * {@code cron(...)} expression, whose gaps may vary.
   */
  public static OptionalLong intervalSeconds(String expression) {
    Matcher rate = RATE.matcher(expression);
    if (!rate.matches()) {
      return OptionalLong.empty();
    }
    long unit =
        switch (rate.group(2)) {
          case "minute" -> 60;
          case "hour" -> 3600;
          default -> 86400;
        };
    return OptionalLong.of(Long.parseLong(rate.group(1)) * unit);
  }

  /** Returns {@code expression} if valid; otherwise fails naming {@code field}. */
  public static String validate(String field, String expression) {
    Matcher rate = RATE.matcher(expression);
    if (rate.matches()) {
      long n = Long.parseLong(rate.group(1));
      boolean plural = !rate.group(3).isEmpty();
      if (n < 1) {
        throw new ConfigException(field, "'" + expression + "': a rate must be at least 1");
      }
      if ((n == 1) == plural) {
        throw new ConfigException(
            field,
            "'"
                + expression
                + "': use the singular unit for 1 and the plural otherwise, e.g. rate(1 minute),"
                + " rate(5 minutes)");
      }
      return expression;
    }
    Matcher cron = CRON.matcher(expression);
    if (cron.matches()) {
      String[] parts = cron.group(1).trim().split("\\s+");
      if (parts.length != 6) {
        throw new ConfigException(
            field,
            "'"
                + expression
                + "': a cron expression has 6 fields (minutes hours day-of-month month day-of-week"
                + " year), e.g. cron(0 3 * * ? *)");
      }
      for (String part : parts) {
        if (!CRON_FIELD.matcher(part).matches()) {
          throw new ConfigException(field, "'" + expression + "': bad cron field '" + part + "'");
        }
      }
      if (!parts[2].equals("?") && !parts[4].equals("?")) {
        throw new ConfigException(
            field,
            "'"
                + expression
                + "': one of day-of-month (3rd field) and day-of-week (5th field) must be '?'");
      }
      return expression;
    }
    throw new ConfigException(
        field,
        "'"
            + expression
            + "' is not a schedule expression: expected rate(N minutes|hours|days) or cron(6"
            + " fields)");
  }
}
