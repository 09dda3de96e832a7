package dev.zonesync.cli;

import dev.zonesync.plan.Batch;
import dev.zonesync.sync.Progress;
import java.io.PrintWriter;

/**
 * A progress line on stderr while a zone's batches are applied: rewritten in place on a terminal,
 * otherwise one line at most every few seconds (so logs of long initial loads show progress). Zones
 * run concurrently report from several threads: one line is drawn at a time, the latest zone's.
 */
final class ProgressLine implements Progress {

  private static final long QUIET_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private long lastPrint = System.nanoTime();
  private boolean dirty;

  ProgressLine(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void batchApplied(String zone, int index, int total, Batch batch) {
    if (total < 2) {
      return;
    }
    String line =
        String.format(
            "%s: applied batch %d/%d (%d changes)", zone, index, total, batch.changes().size());
    if (terminal) {
      err.print("\r\u001b[K" + line);
      dirty = index < total;
      if (!dirty) {
        err.print("\r\u001b[K");
      }
      err.flush();
    } else if (System.nanoTime() - lastPrint > QUIET_NANOS || index == total) {
      err.println(line);
      err.flush();
      lastPrint = System.nanoTime();
    }
  }
}
