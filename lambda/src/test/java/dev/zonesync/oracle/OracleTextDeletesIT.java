package dev.zonesync.oracle;

import dev.zonesync.testing.MotoServer.DeleteMatch;

/** {@link OracleIT}'s histories with DELETE values compared as the text Route 53 stores. */
class OracleTextDeletesIT extends OracleIT {
  OracleTextDeletesIT() {
    super(DeleteMatch.TEXT);
  }
}
