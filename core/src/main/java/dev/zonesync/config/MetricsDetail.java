package dev.zonesync.config;

import java.util.Locale;

/**
 * The {@code metrics} key of a zone (or of {@code defaults}): which CloudWatch metrics its runs
 * publish. Every run counts in the function-level document whatever this says; only a {@code
 * detailed} zone also gets a document of its own (dimension {@code Zone}) and, from the CDK app,
 * alarms of its own. CloudWatch bills every metric name and dimension value as one custom metric,
 * so per-zone metrics for every zone would make the bill grow with the zone count.
 */
public enum MetricsDetail {
  /** The zone's runs count in the function-level metrics only (the default). */
  SUMMARY,
  /** As {@link #SUMMARY}, plus the zone's own per-zone metrics and alarms. */
  DETAILED;

  public static final MetricsDetail DEFAULT = SUMMARY;

  /** The value as written in the configuration. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value of {@code at}: {@code fallback} when {@code text} is null; otherwise {@code summary}
   * or {@code detailed} (case and surrounding blanks do not matter). Anything else adds a problem
   * naming {@code at} and gives {@code fallback}, so that every other problem is still reported.
   */
  static MetricsDetail parse(String at, String text, MetricsDetail fallback, Problems problems) {
    if (text == null) {
      return fallback;
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (MetricsDetail d : values()) {
      if (d.key().equals(t)) {
        return d;
      }
    }
    problems.add(
        at
            + ": '"
            + text
            + "' is not summary or detailed (summary: the zone counts in the function-level"
            + " metrics only; detailed: it also gets per-zone metrics and alarms)");
    return fallback;
  }
}
