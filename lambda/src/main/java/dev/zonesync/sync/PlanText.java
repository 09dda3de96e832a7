package dev.zonesync.sync;

import java.util.List;
import java.util.Locale;

/**
 * The human summary of a run, terraform-style: {@code +} create, {@code ~} update (old → new),
 * {@code -} delete, {@code !} skipped. ANSI colours only when asked for.
 */
public final class PlanText {

  private final boolean color;

  public PlanText(boolean color) {
    this.color = color;
  }

  public String format(RunReport run) {
    StringBuilder sb = new StringBuilder();
    for (ZoneReport z : run.zones()) {
      zone(sb, z);
    }
    return sb.toString();
  }

  private void zone(StringBuilder sb, ZoneReport z) {
    sb.append(bold(z.zone()))
        .append(" (")
        .append(z.hostedZoneId())
        .append("): ")
        .append(statusColor(z.status()))
        .append('\n');
    line(sb, "transfer", z.transfer() + (z.master() == null ? "" : " from " + z.master()));
    if (z.sourceSerial() != null || z.previousSerial() != null) {
      line(sb, "serial", z.previousSerial() + " -> " + z.sourceSerial());
    }
    if (z.reason() != null) {
      line(sb, "why", z.reason());
    }
    if (z.plan() != null) {
      for (ZoneReport.PlannedChange c : z.plan()) {
        change(sb, c);
      }
      if (Boolean.TRUE.equals(z.planTruncated())) {
        sb.append("    ... (list truncated at ").append(ReportBuilder.MAX_LISTED).append(")\n");
      }
    }
    if (z.skipped() != null) {
      for (ZoneReport.SkippedEntry s : z.skipped()) {
        sb.append(paint("  ! ", "33"))
            .append(s.name())
            .append(' ')
            .append(s.type())
            .append(": ")
            .append(s.detail())
            .append('\n');
      }
    }
    if (z.changes() != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %d to create, %d to update, %d to delete, %d skipped",
              z.changes().create(),
              z.changes().update(),
              z.changes().delete(),
              z.skippedTotal() == null ? 0 : z.skippedTotal()));
      if (z.batches() != null) {
        sb.append(", ").append(z.batches()).append(" batch(es)");
        if (z.batchesApplied() != null && z.status() != Status.DRY_RUN) {
          sb.append(" (").append(z.batchesApplied()).append(" applied)");
        }
      }
      sb.append('\n');
    }
    if (z.apiCalls() != null) {
      line(sb, "route53 calls", z.apiCalls().toString());
    }
    if (z.error() != null) {
      sb.append(paint("  error: ", "31")).append(z.error()).append('\n');
    }
    sb.append('\n');
  }

  private void change(StringBuilder sb, ZoneReport.PlannedChange c) {
    switch (c.action()) {
      case "create" ->
          sb.append(paint("  + ", "32"))
              .append(c.name())
              .append(' ')
              .append(c.type())
              .append(' ')
              .append(c.ttl())
              .append(' ')
              .append(values(c.values()))
              .append('\n');
      case "delete" ->
          sb.append(paint("  - ", "31"))
              .append(c.name())
              .append(' ')
              .append(c.type())
              .append(' ')
              .append(c.oldTtl())
              .append(' ')
              .append(values(c.oldValues()))
              .append('\n');
      default -> {
        sb.append(paint("  ~ ", "33")).append(c.name()).append(' ').append(c.type());
        if (!c.ttl().equals(c.oldTtl())) {
          sb.append(" ttl ").append(c.oldTtl()).append(" -> ").append(c.ttl());
        }
        if (!c.values().equals(c.oldValues())) {
          sb.append(' ').append(values(c.oldValues())).append(" -> ").append(values(c.values()));
        }
        sb.append('\n');
      }
    }
  }

  private static String values(List<String> v) {
    if (v == null) {
      return "";
    }
    return v.size() == 1 ? v.get(0) : v.toString();
  }

  private void line(StringBuilder sb, String label, String text) {
    sb.append("  ").append(label).append(": ").append(text).append('\n');
  }

  private String statusColor(Status s) {
    String code =
        switch (s) {
          case APPLIED, UP_TO_DATE -> "32";
          case DRY_RUN -> "36";
          case REJECTED, PARTIAL -> "33";
          case FAILED -> "31";
        };
    return paint(s.name(), code);
  }

  private String bold(String s) {
    return color ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  private String paint(String s, String code) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
