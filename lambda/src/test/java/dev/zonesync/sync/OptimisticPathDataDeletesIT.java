package dev.zonesync.sync;

import dev.zonesync.testing.MotoServer.DeleteMatch;

/** {@link OptimisticPathIT}'s cases with DELETE values compared as parsed data. */
class OptimisticPathDataDeletesIT extends OptimisticPathIT {
  OptimisticPathDataDeletesIT() {
    super(DeleteMatch.DATA);
  }
}
