package dev.zonesync.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes one summary line per zone, its fields as MDC keys (JSON keys in the Lambda's logs). The
 * line is what the stack's saved Logs Insights queries and the dashboard's per-zone table read (the
 * fields {@code outcome}, {@code succeeded} and {@code changes} exist for them), so per-zone detail
 * needs no per-zone metric: its fields are a stable interface (docs/logs.md).
 */
final class ZoneResultLog {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  private ZoneResultLog() {}

  /** One summary line per zone whose fields (as MDC) become JSON keys in the Lambda's logs. */
  static void log(ZoneReport r) {
    Map<String, String> fields = new LinkedHashMap<>();
    Outcome outcome = Outcome.of(r);
    fields.put("status", r.status().name());
    // the status, but NOT_STARTED for a zone the deadline kept from starting: the one field a
    // query filters on (and the only field that marks a summary line)
    fields.put("outcome", outcome.name());
    // 1/0 so that a query can keep the time of the last success without a conditional
    fields.put("succeeded", outcome.succeeded() ? "1" : "0");
    fields.put("transfer", r.transfer().name());
    if (r.path() != null) {
      fields.put("path", r.path());
    }
    if (r.master() != null) {
      fields.put("master", r.master());
    }
    if (r.sourceSerial() != null) {
      fields.put("sourceSerial", r.sourceSerial().toString());
    }
    if (r.previousSerial() != null) {
      fields.put("previousSerial", r.previousSerial().toString());
    }
    if (r.changes() != null) {
      fields.put("created", Long.toString(r.changes().create()));
      fields.put("updated", Long.toString(r.changes().update()));
      fields.put("deleted", Long.toString(r.changes().delete()));
    }
    boolean sent = r.status() == Status.APPLIED || r.status() == Status.PARTIAL;
    long changes =
        sent && r.changes() != null
            ? r.changes().create() + r.changes().update() + r.changes().delete()
            : 0;
    fields.put("changes", Long.toString(changes));
    if (r.skippedTotal() != null) {
      fields.put("skipped", r.skippedTotal().toString());
    }
    if (r.batches() != null) {
      fields.put("batches", r.batches().toString());
    }
    fields.put(
        "route53Calls", String.valueOf(r.apiCalls() == null ? 0 : r.apiCalls().get("total")));
    fields.put("durationMs", Long.toString(r.durationMs()));
    if (Boolean.TRUE.equals(r.fullReconcileOverdue())) {
      fields.put("fullReconcileOverdue", "true");
    }
    if (r.lastFullReconcile() != null) {
      fields.put("lastFullReconcile", r.lastFullReconcile());
    }
    if (r.warnings() != null && !r.warnings().isEmpty()) {
      fields.put(
          "warnings",
          String.join(",", r.warnings().stream().map(ZoneReport.Warning::code).toList()));
    }
    fields.forEach(MDC::put);
    try {
      if (r.status() == Status.FAILED
          || r.status() == Status.REJECTED
          || r.status() == Status.PARTIAL) {
        LOG.warn("zone {}: {}: {}", r.zone(), r.status(), r.error());
      } else {
        LOG.info("zone {}: {} ({})", r.zone(), r.status(), r.reason());
      }
    } finally {
      fields.keySet().forEach(MDC::remove);
    }
  }
}
