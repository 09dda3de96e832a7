package dev.zonesync.oracle;

import dev.zonesync.testing.MotoServer.DeleteMatch;

/** {@link OracleIT}'s histories with DELETE values compared as parsed data. */
class OracleDataDeletesIT extends OracleIT {
  OracleDataDeletesIT() {
    super(DeleteMatch.DATA);
  }
}
