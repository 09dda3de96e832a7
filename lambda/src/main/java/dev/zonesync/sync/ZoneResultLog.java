package dev.zonesync.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Writes one summary line per zone, its fields as MDC keys (JSON keys in the Lambda's logs). */
final class ZoneResultLog {

  // the per-zone lines keep the synchronizer's logger name, as operators filter on it
  private static final Logger LOG = LoggerFactory.getLogger(ZoneSynchronizer.class);

  private ZoneResultLog() {}

  /** One summary line per zone whose fields (as MDC) become JSON keys in the Lambda's logs. */
  static void log(ZoneReport r) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("status", r.status().name());
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
    if (r.skippedTotal() != null) {
      fields.put("skipped", r.skippedTotal().toString());
    }
    if (r.batches() != null) {
      fields.put("batches", r.batches().toString());
    }
    fields.put(
        "route53Calls", String.valueOf(r.apiCalls() == null ? 0 : r.apiCalls().get("total")));
    fields.put("durationMs", Long.toString(r.durationMs()));
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
