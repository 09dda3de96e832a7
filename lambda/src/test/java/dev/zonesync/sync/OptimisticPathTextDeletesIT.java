package dev.zonesync.sync;

import dev.zonesync.testing.MotoServer.DeleteMatch;

/** {@link OptimisticPathIT}'s cases with DELETE values compared as exact text (the default). */
class OptimisticPathTextDeletesIT extends OptimisticPathIT {
  OptimisticPathTextDeletesIT() {
    super(DeleteMatch.TEXT);
  }
}
