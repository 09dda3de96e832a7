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

/**
 * A zone's report as its run moves from step to step: each method is one transition (the master
 * answered, a transfer completed, a plan was made, the batches went out...), never a field written
 * from outside. {@link #build()} freezes it.
 */
final class ReportBuilder {

  /** Longest plan / skipped lists in a report; counts stay exact. */
  static final int MAX_LISTED = 1000;

  private final String zone;
  private final String hostedZoneId;
  private final long startNanos = System.nanoTime();
  private Status status = Status.FAILED;
  private TransferKind transfer = TransferKind.NONE;
  private final List<TransferKind> attempted = new ArrayList<>();
  private String reason;
  private Long sourceSerial;
  private Long previousSerial;
  private String master;
  private Plan plan;
  private Integer batches;
  private Integer batchesApplied;
  private Integer batchesLowerBound;
  private Map<String, Integer> apiCalls;
  private Integer throttled;
  private Integer retries;
  private Long transferMs;
  private Long records;
  private String reads;
  private Boolean drift;
  private SyncPath path;
  private String lastFullReconcile;
  private Boolean fullReconcileOverdue;
  private List<ZoneReport.RejectedChange> rejected;
  private String error;
  private final List<ZoneReport.Warning> warnings = new ArrayList<>();

  ReportBuilder(String zone, String hostedZoneId) {
    this.zone = zone;
    this.hostedZoneId = hostedZoneId;
  }

  /** The master answered the SOA query. */
  void masterAnswered(long serial, String master) {
    this.sourceSerial = serial;
    this.master = master;
  }

  /** What Route 53 was found (or known) to hold before the run changed anything. */
  void hostedHeld(Long serial) {
    this.previousSerial = serial;
  }

  /** Where the zone stands with its own full-reconcile period. */
  void fullReconcile(java.time.Instant last, boolean overdue, boolean scheduled) {
    this.lastFullReconcile = last == null ? null : last.toString();
    this.fullReconcileOverdue = scheduled ? overdue : null;
  }

  /** The path the run takes (it may change once: an optimistic request refused). */
  void path(SyncPath p) {
    this.path = p;
  }

  SyncPath path() {
    return path;
  }

  /** Why the run does what it does; later steps may replace or extend it. */
  void because(String why) {
    this.reason = why;
  }

  void alsoBecause(String more) {
    this.reason = reason == null ? more : reason + "; " + more;
  }

  /** A transfer was started (it may still fail). */
  void attempting(TransferKind kind) {
    attempted.add(kind);
  }

  /** A complete transfer arrived; the plan is built from it. */
  void transferred(
      TransferKind kind, long millis, long records, String master, long resultingSerial) {
    this.transfer = kind;
    this.transferMs = millis;
    this.records = records;
    if (master != null) {
      this.master = master;
    }
    this.sourceSerial = resultingSerial;
  }

  /** How the hosted zone was read: {@code none}, {@code targeted} or {@code full}. */
  void read(String kind) {
    this.reads = kind;
  }

  /** Route 53 did not hold what an earlier run left. */
  void drifted() {
    this.drift = Boolean.TRUE;
  }

  void upToDate(String why) {
    this.status = Status.UP_TO_DATE;
    this.reason = why;
  }

  void planned(Plan p) {
    this.plan = p;
  }

  void batched(int count, int lowerBound) {
    this.batches = count;
    this.batchesLowerBound = lowerBound;
  }

  void rejectedBySafety(String why) {
    this.status = Status.REJECTED;
    this.error = why;
  }

  void dryRun() {
    this.status = Status.DRY_RUN;
    this.batchesApplied = 0;
  }

  void nothingToSend() {
    this.status = Status.UP_TO_DATE;
    this.batchesApplied = 0;
    alsoBecause("nothing to change");
  }

  /** The batches went out: {@code applied} of them in full, with what Route 53 refused. */
  void sent(int applied, List<ZoneReport.RejectedChange> refused, Status outcome, String why) {
    this.batchesApplied = applied;
    this.rejected = refused == null || refused.isEmpty() ? null : List.copyOf(refused);
    this.status = outcome;
    this.error = why;
  }

  /** A finding that does not change the status (README, "Warnings"); one per code. */
  void warn(String code, String message) {
    warnings.removeIf(w -> w.code().equals(code));
    warnings.add(new ZoneReport.Warning(code, message));
  }

  /** Findings of one code, one per subject (they replace the earlier ones of that code). */
  void warnEach(String code, List<String> messages) {
    warnings.removeIf(w -> w.code().equals(code));
    for (String m : messages) {
      warnings.add(new ZoneReport.Warning(code, m));
    }
  }

  /** A finding that no longer holds (a full reconcile that kept failing has succeeded). */
  void unwarn(String code) {
    warnings.removeIf(w -> w.code().equals(code));
  }

  List<ZoneReport.Warning> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * A full reconcile ended short of success and the run goes on another way (README, "Full
   * reconcile"): what it planned and sent no longer describes the run; what it read, the calls it
   * made, the transfers it tried and the warnings stay.
   */
  void fullReconcileFailed(String summary) {
    plan = null;
    batches = null;
    batchesApplied = null;
    batchesLowerBound = null;
    rejected = null;
    error = null;
    status = Status.FAILED;
    transfer = TransferKind.NONE;
    transferMs = null;
    records = null;
    path = null;
    reads = null;
    alsoBecause(summary);
  }

  Status status() {
    return status;
  }

  String error() {
    return error;
  }

  Integer batchesApplied() {
    return batchesApplied;
  }

  void failed(String why) {
    this.status = Status.FAILED;
    this.error = why;
  }

  void calls(Map<String, Integer> byOperation, int throttled, int retries) {
    this.apiCalls = byOperation;
    this.throttled = throttled;
    this.retries = retries;
  }

  Plan plan() {
    return plan;
  }

  TransferKind transfer() {
    return transfer;
  }

  String reason() {
    return reason;
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
        path == null ? null : path.text(),
        lastFullReconcile,
        fullReconcileOverdue,
        (System.nanoTime() - startNanos) / 1_000_000,
        rejected,
        error,
        warnings.isEmpty() ? null : List.copyOf(warnings),
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
