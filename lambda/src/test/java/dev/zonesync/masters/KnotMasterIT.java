package dev.zonesync.masters;

import dev.zonesync.sync.TransferKind;
import dev.zonesync.testing.DnsMaster;
import dev.zonesync.testing.KnotServer;

/** Knot DNS 3.2 (Debian 12) with hmac-sha512; changes by a knotc transaction, served by IXFR. */
class KnotMasterIT extends MasterContract {

  @Override
  String label() {
    return "Knot DNS";
  }

  @Override
  String algorithm() {
    return "hmac-sha512";
  }

  @Override
  DnsMaster start(DnsMaster.Key key, DnsMaster.Zone... zones) {
    return KnotServer.start(key, zones);
  }

  @Override
  long change(DnsMaster master) {
    return ((KnotServer) master)
        .transaction(
            ZONE,
            "unset mail2 A 192.0.2.26",
            "set mail2 600 A 192.0.2.27",
            "set www2 300 A 192.0.2.99");
  }

  @Override
  TransferKind changeTransfer() {
    return TransferKind.IXFR;
  }
}
