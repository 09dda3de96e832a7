package dev.zonesync.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses plans that change too much of a zone at once (docs/architecture.md, invariant 6). Pure.
 */
public final class SafetyCheck {

  private SafetyCheck() {}

  public static SafetyVerdict check(Plan plan, SafetyLimits limits, boolean force) {
    List<String> exceeded = new ArrayList<>();
    int base = plan.managedCurrent();
    if (base >= limits.minZoneRRsets() && base > 0) {
      exceeded.addAll(
          over("delete", plan.deletes(), base, limits.maxDeleteFraction(), "maxDeleteFraction"));
      exceeded.addAll(
          over("update", plan.updates(), base, limits.maxUpdateFraction(), "maxUpdateFraction"));
    }
    if (exceeded.isEmpty()) {
      return new SafetyVerdict.Accepted("");
    }
    String what = String.join("; ", exceeded);
    if (force) {
      return new SafetyVerdict.Accepted(what + " (overridden by force)");
    }
    return new SafetyVerdict.Rejected(
        "zone "
            + plan.zone()
            + ": "
            + what
            + ". Nothing was changed. If the source zone really changed this much, re-run with"
            + " force (CLI --force, request \"force\": true) or raise the zone's safety limits;"
            + " otherwise check the master (truncated or wrong zone?).");
  }

  private static List<String> over(String verb, long count, int base, double max, String field) {
    if (count <= max * base) {
      return List.of();
    }
    return List.of(
        String.format(
            Locale.ROOT,
            "plan would %s %d of %d managed RRsets (%.1f %%), above safety.%s = %.0f %%",
            verb,
            count,
            base,
            100.0 * count / base,
            field,
            100.0 * max));
  }
}
