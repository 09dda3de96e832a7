package dev.zonesync.app;

import dev.zonesync.sync.CatalogReport;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.ZoneReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keeps the function's response within a byte budget. Lambda fails an invocation whose response is
 * over 6 MB, and only after the work is done: a run that succeeded would look failed and leave a
 * dead-letter message. Zone reports list up to 1000 planned changes and 1000 skipped RRsets each,
 * so fifty zones on a first load are megabytes.
 *
 * <p>Only the per-zone {@code plan} and {@code skipped} lists are cut, always from their tails, by
 * a fair share: every list keeps the entries that fit within one common byte allowance, the largest
 * allowance with which the whole response fits, and a list smaller than it stays whole. So the
 * largest lists are cut first and most, and no zone loses its list to make room for another's.
 * Counts ({@code changes}, {@code skippedTotal}) and every other field stay as they are; {@code
 * planTruncated} and {@code skippedTruncated} say a list is incomplete (cut here, or at the
 * report's own 1000 entries), {@code truncated} whether this budget cut anything. The zones it cut
 * are in {@link Fitted#cuts()}, for the log ({@link CutLog}).
 *
 * <p>If the report is over the budget even with every list empty (a zone's summary is some 650
 * bytes: more than about 1 500 zones, which one catalog's members can be), whole entries go, those
 * that need no one's eye first: the catalogs' {@code mirrored} members (counted in {@code
 * membersOmitted}), then zone reports by status — {@code UP_TO_DATE}, {@code DRY_RUN}, {@code
 * APPLIED}, {@code PARTIAL}, {@code REJECTED}, {@code FAILED} — the last in the report first within
 * a status, counted by status in {@code zonesOmitted}. Every zone's run writes its summary line to
 * the log, so nothing is lost. Only a budget too small for the report's frame leaves {@link
 * Fitted#withinBudget()} false. {@code rejected} and {@code warnings} are never cut: the applier
 * gives up on a batch after a few refused names, so they stay short.
 */
public final class ResponseBudget {

  /** 1 MiB: far below Lambda's 6 MB, and still room for about 1 500 zone summaries. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  private final int maxBytes;

  /**
   * @param maxBytes the most bytes of compact JSON the response may have
   */
  public ResponseBudget(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("a response budget must be positive: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** {@code report} as the function returns it under a budget of {@code maxBytes}. */
  public static Fitted fit(RunReport report, int maxBytes) {
    return new ResponseBudget(maxBytes).fit(report);
  }

  /** {@code report} as the function returns it: compact JSON within this budget if it can be. */
  public Fitted fit(RunReport report) {
    Objects.requireNonNull(report, "report");
    RunReport whole = keep(report, null);
    byte[] json = ReportJson.compact(whole);
    if (json.length <= maxBytes) {
      return new Fitted(whole, json, List.of(), maxBytes, 0);
    }
    List<long[]> costs = new ArrayList<>();
    long full = 0;
    for (ZoneReport z : report.zones()) {
      for (List<?> list : lists(z)) {
        long[] c = prefixCosts(list);
        costs.add(c);
        full += c[c.length - 1];
      }
    }
    // The prefix costs count a comma per entry (one too many per non-empty list) and the flags
    // turning true shorten the JSON: the first share fits unless the arithmetic missed something,
    // and the loop takes off what it missed.
    long allowed = full - (json.length - maxBytes);
    while (true) {
      int[] kept = share(costs, allowed);
      RunReport cut = keep(report, kept);
      json = ReportJson.compact(cut);
      boolean nothingLeft = Arrays.stream(kept).allMatch(k -> k == 0);
      if (json.length <= maxBytes) {
        return new Fitted(cut, json, cuts(report, kept), maxBytes, 0);
      }
      if (nothingLeft) {
        return condense(cut, cuts(report, kept));
      }
      allowed -= json.length - maxBytes;
    }
  }

  /** Status order in which whole zone reports leave a response: the least urgent first. */
  private static final List<Status> LEAVE_FIRST =
      List.of(
          Status.UP_TO_DATE,
          Status.DRY_RUN,
          Status.APPLIED,
          Status.PARTIAL,
          Status.REJECTED,
          Status.FAILED);

  /** Whole entries out, those that need no one's eye first, until the report fits. */
  private Fitted condense(RunReport listless, List<Cut> cuts) {
    List<CatalogReport> catalogs =
        listless.catalogs() == null
            ? List.of()
            : listless.catalogs().stream().map(CatalogReport::withoutMirrored).toList();
    List<ZoneReport> zones = listless.zones();
    List<Integer> order = new ArrayList<>();
    for (Status status : LEAVE_FIRST) {
      for (int i = zones.size() - 1; i >= 0; i--) {
        if (zones.get(i).status() == status) {
          order.add(i);
        }
      }
    }
    long[] cost = new long[zones.size()];
    for (int i = 0; i < zones.size(); i++) {
      cost[i] = ReportJson.compact(zones.get(i)).length + 1L;
    }
    boolean[] out = new boolean[zones.size()];
    RunReport r = condensed(listless, zones, out, catalogs);
    byte[] json = ReportJson.compact(r);
    int next = 0;
    while (json.length > maxBytes && next < order.size()) {
      // take out at least what the excess costs, then measure again (the counts add a few bytes)
      long excess = json.length - maxBytes;
      while (excess > 0 && next < order.size()) {
        int i = order.get(next++);
        out[i] = true;
        excess -= cost[i];
      }
      r = condensed(listless, zones, out, catalogs);
      json = ReportJson.compact(r);
    }
    int omitted = 0;
    for (boolean o : out) {
      omitted += o ? 1 : 0;
    }
    // the lists of omitted zones were cut too: the log gets them whole like the others'
    return new Fitted(r, json, cuts, maxBytes, omitted);
  }

  private static RunReport condensed(
      RunReport listless, List<ZoneReport> zones, boolean[] out, List<CatalogReport> catalogs) {
    List<ZoneReport> kept = new ArrayList<>();
    Map<String, Integer> omitted = new TreeMap<>();
    for (int i = 0; i < zones.size(); i++) {
      if (out[i]) {
        omitted.merge(zones.get(i).status().name(), 1, Integer::sum);
      } else {
        kept.add(zones.get(i));
      }
    }
    return listless.condensed(kept, catalogs, omitted);
  }

  /** The zone's two lists, plan then skipped (empty when absent). */
  private static List<List<?>> lists(ZoneReport z) {
    return List.of(
        z.plan() == null ? List.of() : z.plan(), z.skipped() == null ? List.of() : z.skipped());
  }

  /** {@code c[k]}: the bytes of the first {@code k} entries, a comma each. */
  private static long[] prefixCosts(List<?> entries) {
    long[] c = new long[entries.size() + 1];
    for (int i = 0; i < entries.size(); i++) {
      c[i + 1] = c[i] + ReportJson.compact(entries.get(i)).length + 1;
    }
    return c;
  }

  /**
   * How many entries each list keeps: the prefixes within the largest common allowance whose total
   * is at most {@code allowed}.
   */
  static int[] share(List<long[]> costs, long allowed) {
    int[] kept = new int[costs.size()];
    if (allowed <= 0) {
      return kept;
    }
    long hi = 0;
    for (long[] c : costs) {
      hi = Math.max(hi, c[c.length - 1]);
    }
    long lo = 0;
    while (lo < hi) {
      long mid = lo + (hi - lo + 1) / 2;
      if (total(costs, mid) <= allowed) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    for (int i = 0; i < kept.length; i++) {
      kept[i] = within(costs.get(i), lo);
    }
    return kept;
  }

  private static long total(List<long[]> costs, long allowance) {
    long sum = 0;
    for (long[] c : costs) {
      sum += c[within(c, allowance)];
    }
    return sum;
  }

  /** The most entries whose cost is at most {@code allowance} (costs strictly increase). */
  private static int within(long[] c, long allowance) {
    int i = Arrays.binarySearch(c, allowance);
    return i >= 0 ? i : -i - 2;
  }

  /**
   * The report with the first {@code kept[2i]} plan and {@code kept[2i+1]} skipped entries of zone
   * {@code i} (all of them when {@code kept} is null), and every flag set.
   */
  private static RunReport keep(RunReport report, int[] kept) {
    List<ZoneReport> zones = new ArrayList<>(report.zones().size());
    boolean cut = false;
    for (int i = 0; i < report.zones().size(); i++) {
      ZoneReport z = report.zones().get(i);
      if (z.plan() == null && z.skipped() == null) {
        zones.add(z);
        continue;
      }
      List<ZoneReport.PlannedChange> plan = z.plan();
      Boolean planTruncated = z.planTruncated();
      if (plan != null) {
        int k = kept == null ? plan.size() : kept[2 * i];
        cut |= k < plan.size();
        planTruncated = Boolean.TRUE.equals(planTruncated) || k < plan.size();
        plan = List.copyOf(plan.subList(0, k));
      }
      List<ZoneReport.SkippedEntry> skipped = z.skipped();
      Boolean skippedTruncated = null;
      if (skipped != null) {
        int k = kept == null ? skipped.size() : kept[2 * i + 1];
        cut |= k < skipped.size();
        int total = z.skippedTotal() == null ? skipped.size() : z.skippedTotal();
        skippedTruncated = k < total;
        skipped = List.copyOf(skipped.subList(0, k));
      }
      zones.add(z.withLists(plan, planTruncated, skipped, skippedTruncated));
    }
    return report.withZones(zones, cut);
  }

  private static List<Cut> cuts(RunReport report, int[] kept) {
    List<Cut> cuts = new ArrayList<>();
    for (int i = 0; i < report.zones().size(); i++) {
      ZoneReport z = report.zones().get(i);
      List<List<?>> lists = lists(z);
      if (kept[2 * i] < lists.get(0).size() || kept[2 * i + 1] < lists.get(1).size()) {
        cuts.add(new Cut(z, kept[2 * i], kept[2 * i + 1]));
      }
    }
    return cuts;
  }

  /**
   * One zone whose lists the response holds only in part.
   *
   * @param zone the zone's report as the engine made it (its lists whole)
   * @param planKept how many of its {@code plan} entries the response holds
   * @param skippedKept how many of its {@code skipped} entries the response holds
   */
  public record Cut(ZoneReport zone, int planKept, int skippedKept) {
    public Cut {
      Objects.requireNonNull(zone, "zone");
      int plan = zone.plan() == null ? 0 : zone.plan().size();
      int skipped = zone.skipped() == null ? 0 : zone.skipped().size();
      if (planKept < 0 || planKept > plan || skippedKept < 0 || skippedKept > skipped) {
        throw new IllegalArgumentException(
            "kept %d of %d plan and %d of %d skipped entries of %s"
                .formatted(planKept, plan, skippedKept, skipped, zone.zone()));
      }
      if (planKept == plan && skippedKept == skipped) {
        throw new IllegalArgumentException("nothing of " + zone.zone() + " was cut");
      }
    }

    public boolean planCut() {
      return zone.plan() != null && planKept < zone.plan().size();
    }

    public boolean skippedCut() {
      return zone.skipped() != null && skippedKept < zone.skipped().size();
    }
  }

  /**
   * The response: the report to return and its JSON (the array is not copied: it is what the
   * function writes).
   *
   * @param report the report the JSON holds
   * @param json the report as compact UTF-8 JSON
   * @param cuts the zones whose lists were cut (their reports kept or omitted), in report order
   * @param maxBytes the budget it was fitted to
   * @param zonesOmitted how many zone reports the response leaves out
   */
  public record Fitted(
      RunReport report, byte[] json, List<Cut> cuts, int maxBytes, int zonesOmitted) {
    public Fitted {
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(json, "json");
      cuts = List.copyOf(cuts);
      if ((!cuts.isEmpty() || zonesOmitted > 0 || membersOmitted(report))
          != Boolean.TRUE.equals(report.truncated())) {
        throw new IllegalArgumentException("truncated must say whether anything was cut");
      }
    }

    private static boolean membersOmitted(RunReport report) {
      return report.catalogs() != null
          && report.catalogs().stream().anyMatch(c -> c.membersOmitted() != null);
    }

    /** Whether anything was cut: a list, a zone's report or catalog members. */
    public boolean truncated() {
      return Boolean.TRUE.equals(report.truncated());
    }

    public int bytes() {
      return json.length;
    }

    public boolean withinBudget() {
      return json.length <= maxBytes;
    }
  }
}
