package dev.zonesync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One zone's result, as the JSON report shows it (field names are a stable interface, see README).
 * {@code transfer} is the transfer the plan was built from; {@code attempted} every transfer the
 * run started, in order (also those that failed). {@code skippedTruncated} is set only where a list
 * may be cut after the run (the function's response: see {@code app.ResponseBudget}); the engine
 * leaves it out, and {@code skippedTotal} always counts every skipped RRset.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ZoneReport(
    String zone,
    String hostedZoneId,
    Status status,
    TransferKind transfer,
    List<TransferKind> attempted,
    String reason,
    Long sourceSerial,
    Long previousSerial,
    String master,
    Counts changes,
    List<SkippedEntry> skipped,
    Integer skippedTotal,
    Boolean skippedTruncated,
    Integer batches,
    Integer batchesApplied,
    Integer batchesLowerBound,
    Map<String, Integer> apiCalls,
    Integer throttled,
    Integer retries,
    Long transferMs,
    Long records,
    String reads,
    Boolean drift,
    String path,
    String lastFullReconcile,
    Boolean fullReconcileOverdue,
    long durationMs,
    List<RejectedChange> rejected,
    String error,
    List<Warning> warnings,
    List<PlannedChange> plan,
    Boolean planTruncated) {

  /** A report without {@code skippedTruncated}, as the engine builds it. */
  public ZoneReport(
      String zone,
      String hostedZoneId,
      Status status,
      TransferKind transfer,
      List<TransferKind> attempted,
      String reason,
      Long sourceSerial,
      Long previousSerial,
      String master,
      Counts changes,
      List<SkippedEntry> skipped,
      Integer skippedTotal,
      Integer batches,
      Integer batchesApplied,
      Integer batchesLowerBound,
      Map<String, Integer> apiCalls,
      Integer throttled,
      Integer retries,
      Long transferMs,
      Long records,
      String reads,
      Boolean drift,
      String path,
      String lastFullReconcile,
      Boolean fullReconcileOverdue,
      long durationMs,
      List<RejectedChange> rejected,
      String error,
      List<Warning> warnings,
      List<PlannedChange> plan,
      Boolean planTruncated) {
    this(
        zone,
        hostedZoneId,
        status,
        transfer,
        attempted,
        reason,
        sourceSerial,
        previousSerial,
        master,
        changes,
        skipped,
        skippedTotal,
        null,
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
        durationMs,
        rejected,
        error,
        warnings,
        plan,
        planTruncated);
  }

  /**
   * This report with other {@code plan} and {@code skipped} lists and their flags; every count and
   * every other field unchanged.
   */
  public ZoneReport withLists(
      List<PlannedChange> plan,
      Boolean planTruncated,
      List<SkippedEntry> skipped,
      Boolean skippedTruncated) {
    return new ZoneReport(
        zone,
        hostedZoneId,
        status,
        transfer,
        attempted,
        reason,
        sourceSerial,
        previousSerial,
        master,
        changes,
        skipped,
        skippedTotal,
        skippedTruncated,
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
        durationMs,
        rejected,
        error,
        warnings,
        plan,
        planTruncated);
  }

  /** A zone the run did not start because its deadline was reached first. */
  public static ZoneReport notStarted(String zone, String hostedZoneId) {
    ReportBuilder report = new ReportBuilder(zone, hostedZoneId);
    report.failed(NOT_STARTED);
    return report.build();
  }

  /** The error of a zone the run did not start. */
  public static final String NOT_STARTED =
      "not started: the run's deadline was reached; it runs again on its schedule";

  /** Data changes by kind (the serial commit is not counted). */
  public record Counts(long create, long update, long delete) {}

  /** One name's changes the hosted zone refused, with its message. */
  public record RejectedChange(String name, List<String> changes, String message) {
    public RejectedChange {
      changes = changes == null ? null : List.copyOf(changes);
    }
  }

  /**
   * A finding that did not stop the run but needs an operator's eye (README, "Warnings"): a weak
   * TSIG algorithm, a full reconcile that keeps failing, an SOA edited outside zonesync...
   *
   * @param code stable, upper case with underscores (alarms and queries match on it)
   * @param message what was found and what to do
   */
  public record Warning(String code, String message) {
    public Warning {
      java.util.Objects.requireNonNull(code, "code");
      java.util.Objects.requireNonNull(message, "message");
    }
  }

  /** A source RRset left out, and why. */
  public record SkippedEntry(String name, String type, String reason, String detail) {}

  /** One planned change, readable. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlannedChange(
      String action,
      String name,
      String type,
      Long ttl,
      List<String> values,
      Long oldTtl,
      List<String> oldValues) {}
}
