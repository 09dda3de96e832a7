package dev.zonesync.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The human summary of a run, terraform-style: {@code +} create, {@code ~} update as value-level
 * changes ({@code -old +new (n unchanged)}, a TTL change on a line of its own), {@code -} delete,
 * {@code !} skipped with its reason code. Values in natural order ({@code .2} before {@code .10}).
 * ANSI colours only when asked for.
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
    if (run.catalogs() != null) {
      for (CatalogReport c : run.catalogs()) {
        catalog(sb, c);
      }
    }
    return sb.toString();
  }

  /** A catalog and its members as a table: name, hosted zone, state, why. */
  private void catalog(StringBuilder sb, CatalogReport c) {
    sb.append(bold("catalog " + c.name()))
        .append(": ")
        .append(statusColor(c.status()))
        .append(c.serial() == null ? "" : " (serial " + c.serial() + ")")
        .append('\n');
    if (c.error() != null) {
      sb.append(paint("  error: ", "31")).append(c.error()).append('\n');
    }
    int width = "MEMBER".length();
    int zoneWidth = "HOSTED ZONE".length();
    for (CatalogReport.Member m : c.members()) {
      width = Math.max(width, m.name().length());
      zoneWidth = Math.max(zoneWidth, m.hostedZoneId() == null ? 1 : m.hostedZoneId().length());
    }
    String row = "  %-" + width + "s  %-" + zoneWidth + "s  %-20s  %s%n";
    sb.append(String.format(Locale.ROOT, row, "MEMBER", "HOSTED ZONE", "STATE", "WHY"));
    for (CatalogReport.Member m : c.members()) {
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              m.name(),
              m.hostedZoneId() == null ? "-" : m.hostedZoneId(),
              m.state(),
              m.reason() == null ? "" : m.reason()));
    }
    sb.append('\n');
  }

  private void zone(StringBuilder sb, ZoneReport z) {
    sb.append(bold(z.zone()))
        .append(" (")
        .append(z.hostedZoneId())
        .append("): ")
        .append(statusColor(z.status()))
        .append('\n');
    line(sb, "transfer", transfer(z));
    if (z.sourceSerial() != null || z.previousSerial() != null) {
      line(sb, "serial", serial(z));
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
            .append(" (")
            .append(s.reason())
            .append("): ")
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
    if (z.warnings() != null) {
      for (ZoneReport.Warning w : z.warnings()) {
        sb.append(paint("  warning ", "33"))
            .append(w.code())
            .append(": ")
            .append(w.message())
            .append('\n');
      }
    }
    if (z.error() != null) {
      sb.append(paint("  error: ", "31")).append(z.error()).append('\n');
    }
    sb.append('\n');
  }

  private static String transfer(ZoneReport z) {
    String from = z.master() == null ? "" : " from " + z.master();
    List<TransferKind> tried = z.attempted() == null ? List.of() : z.attempted();
    if (z.transfer() != TransferKind.NONE) {
      return z.transfer() + from + (tried.size() > 1 ? " (tried " + joined(tried) + ")" : "");
    }
    if (tried.isEmpty()) {
      return "NONE" + (z.status() == Status.FAILED ? " attempted" : "");
    }
    return "none completed (tried " + joined(tried) + ")";
  }

  private static String joined(List<TransferKind> kinds) {
    return String.join(", ", kinds.stream().map(Enum::name).toList());
  }

  /** Only an applied (or up-to-date) run moved the serial; others say what they would do. */
  private static String serial(ZoneReport z) {
    String arrow = z.previousSerial() + " -> " + z.sourceSerial();
    return switch (z.status()) {
      case APPLIED, UP_TO_DATE -> arrow;
      case DRY_RUN -> arrow + " (planned)";
      default ->
          z.previousSerial()
              + (z.sourceSerial() == null ? "" : " (source " + z.sourceSerial())
              + (z.sourceSerial() == null ? "" : ", not applied)");
    };
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
        if (!c.ttl().equals(c.oldTtl())) {
          sb.append(paint("  ~ ", "33"))
              .append(c.name())
              .append(' ')
              .append(c.type())
              .append(": ttl ")
              .append(c.oldTtl())
              .append(" -> ")
              .append(c.ttl())
              .append('\n');
        }
        if (!c.values().equals(c.oldValues())) {
          sb.append(paint("  ~ ", "33"))
              .append(c.name())
              .append(' ')
              .append(c.type())
              .append(": ")
              .append(valueChanges(c.oldValues(), c.values()))
              .append('\n');
        }
      }
    }
  }

  /** {@code -removed +added (n unchanged)}, each side in natural order. */
  static String valueChanges(List<String> before, List<String> after) {
    Set<String> old = new HashSet<>(before);
    Set<String> now = new HashSet<>(after);
    List<String> removed = new ArrayList<>();
    for (String v : before) {
      if (!now.contains(v)) {
        removed.add(v);
      }
    }
    List<String> added = new ArrayList<>();
    int unchanged = 0;
    for (String v : after) {
      if (old.contains(v)) {
        unchanged++;
      } else {
        added.add(v);
      }
    }
    removed.sort(NATURAL);
    added.sort(NATURAL);
    StringBuilder sb = new StringBuilder();
    for (String v : removed) {
      sb.append(sb.isEmpty() ? "" : " ").append('-').append(v);
    }
    for (String v : added) {
      sb.append(sb.isEmpty() ? "" : " ").append('+').append(v);
    }
    if (unchanged > 0) {
      sb.append(" (").append(unchanged).append(" unchanged)");
    }
    return sb.toString();
  }

  private static String values(List<String> v) {
    if (v == null) {
      return "";
    }
    List<String> sorted = new ArrayList<>(v);
    sorted.sort(NATURAL);
    return String.join(" | ", sorted);
  }

  /** Text with runs of digits compared as numbers: {@code 192.0.2.2} before {@code 192.0.2.10}. */
  static final Comparator<String> NATURAL =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          char x = a.charAt(i);
          char y = b.charAt(j);
          if (Character.isDigit(x) && Character.isDigit(y)) {
            int si = i;
            int sj = j;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
              i++;
            }
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
              j++;
            }
            String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
            String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
            int c =
                na.length() != nb.length()
                    ? Integer.compare(na.length(), nb.length())
                    : na.compareTo(nb);
            if (c != 0) {
              return c;
            }
          } else {
            if (x != y) {
              return Character.compare(x, y);
            }
            i++;
            j++;
          }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
      };

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
