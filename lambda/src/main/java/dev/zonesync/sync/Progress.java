package dev.zonesync.sync;

import dev.zonesync.plan.Batch;

/** Receives apply progress (the CLI draws a progress line from it). */
@FunctionalInterface
public interface Progress {
  void batchApplied(String zone, int index, int total, Batch batch);

  Progress NONE = (zone, index, total, batch) -> {};
}
