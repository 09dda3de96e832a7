package dev.zonesync.sync;

import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.plan.Change;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.Planner;
import dev.zonesync.plan.Skipped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Fills a {@link ZoneReport} as a zone's run progresses. */
final class ReportBuilder {

  /** Longest plan / skipped lists in a report; counts stay exact. */
  static final int MAX_LISTED = 1000;

  private final String zone;
  private final String hostedZoneId;
  private final long startNanos = System.nanoTime();
  Status status = Status.FAILED;
  TransferKind transfer = TransferKind.NONE;
  final List<TransferKind> attempted = new ArrayList<>();
  String reason;
  Long sourceSerial;
  Long previousSerial;
  String master;
  Plan plan;
  Integer batches;
  Integer batchesApplied;
  Integer batchesLowerBound;
  Map<String, Integer> apiCalls;
  Integer throttled;
  Integer retries;
  Long transferMs;
  Long records;
  String reads;
  Boolean drift;
  String path;
  String lastFullReconcile;
  Boolean fullReconcileOverdue;
  List<ZoneReport.RejectedChange> rejected;
  String error;

  ReportBuilder(String zone, String hostedZoneId) {
    this.zone = zone;
    this.hostedZoneId = hostedZoneId;
  }

  ZoneReport build() {
    ZoneReport.Counts counts = null;
    List<ZoneReport.SkippedEntry> skipped = null;
    Integer skippedTotal = null;
    List<ZoneReport.PlannedChange> planned = null;
    Boolean truncated = null;
    if (plan != null) {
      counts = new ZoneReport.Counts(plan.creates(), plan.updates(), plan.deletes());
      skipped = new ArrayList<>();
      for (Skipped s : plan.skipped()) {
        if (skipped.size() >= MAX_LISTED) {
          break;
        }
        skipped.add(
            new ZoneReport.SkippedEntry(
                s.name().text(), s.type().mnemonic(), s.reason().name(), s.detail()));
      }
      skippedTotal = plan.skipped().size();
      planned = new ArrayList<>();
      for (Change c : firstInOrder(plan.changes(), MAX_LISTED - plan.commit().size())) {
        planned.add(describe(c));
      }
      for (Change c : plan.commit()) {
        planned.add(describe(c));
      }
      truncated = plan.changes().size() + plan.commit().size() > MAX_LISTED;
    }
    return new ZoneReport(
        zone,
        hostedZoneId,
        status,
        transfer,
        attempted.isEmpty() ? null : List.copyOf(attempted),
        reason,
        sourceSerial,
        previousSerial,
        master,
        counts,
        skipped,
        skippedTotal,
        batches,
        batchesApplied,
        batchesLowerBound,
        apiCalls,
        throttled,
        retries,
        transferMs,
        records,
        reads,
        drift,
        path,
        lastFullReconcile,
        fullReconcileOverdue,
        (System.nanoTime() - startNanos) / 1_000_000,
        rejected,
        error,
        planned,
        truncated);
  }

  /** The first {@code n} changes in readable order, without sorting all of a huge plan. */
  static List<Change> firstInOrder(List<Change> changes, int n) {
    if (changes.size() <= n) {
      List<Change> all = new ArrayList<>(changes);
      all.sort(Planner.CHANGE_ORDER);
      return all;
    }
    PriorityQueue<Change> keep = new PriorityQueue<>(n + 1, Planner.CHANGE_ORDER.reversed());
    for (Change c : changes) {
      keep.add(c);
      if (keep.size() > n) {
        keep.poll();
      }
    }
    List<Change> out = new ArrayList<>(keep);
    out.sort(Planner.CHANGE_ORDER);
    return out;
  }

  static ZoneReport.PlannedChange describe(Change c) {
    return switch (c) {
      case Change.Create cr -> {
        RRset d = cr.desired();
        yield new ZoneReport.PlannedChange(
            "create", d.name().text(), d.type().mnemonic(), d.ttl(), d.values(), null, null);
      }
      case Change.Update u -> {
        RRset d = u.desired();
        HostedRRset h = u.current();
        yield new ZoneReport.PlannedChange(
            "update",
            d.name().text(),
            d.type().mnemonic(),
            d.ttl(),
            d.values(),
            h.ttl(),
            h.values());
      }
      case Change.Delete del -> {
        HostedRRset h = del.current();
        yield new ZoneReport.PlannedChange(
            "delete", h.name().text(), h.type().mnemonic(), null, null, h.ttl(), h.values());
      }
    };
  }
}
