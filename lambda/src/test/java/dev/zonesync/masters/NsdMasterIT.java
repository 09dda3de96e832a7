package dev.zonesync.masters;

import dev.zonesync.sync.TransferKind;
import dev.zonesync.testing.DnsMaster;
import dev.zonesync.testing.NsdServer;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.ZoneFiles;

/**
 * NSD 4.6 (Debian 12) with hmac-sha256; changes by a new zone file and a reload, served by IXFR
 * ({@code create-ixfr}). NSD 4.6 re-adds unchanged apex RRsets in its differences: set semantics,
 * not drift.
 */
class NsdMasterIT extends MasterContract {

  @Override
  String label() {
    return "NSD";
  }

  @Override
  String algorithm() {
    return "hmac-sha256";
  }

  @Override
  DnsMaster start(DnsMaster.Key key, DnsMaster.Zone... zones) {
    return NsdServer.start(key, zones);
  }

  @Override
  long change(DnsMaster master) {
    long serial = SAMPLE_SERIAL + 1;
    String text =
        ZoneFiles.bumpSerial(SyncHarness.sampleZone(), serial)
                .replace(
                    "mail2     600   IN  A     192.0.2.26", "mail2     600   IN  A     192.0.2.27")
            + "www2 300 IN A 192.0.2.99\n";
    ((NsdServer) master).replaceZone(ZONE, text);
    return serial;
  }

  @Override
  TransferKind changeTransfer() {
    return TransferKind.IXFR;
  }
}
