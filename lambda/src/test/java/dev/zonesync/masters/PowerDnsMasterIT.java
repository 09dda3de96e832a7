package dev.zonesync.masters;

import dev.zonesync.sync.TransferKind;
import dev.zonesync.testing.DnsMaster;
import dev.zonesync.testing.PowerDnsServer;
import java.util.List;

/**
 * PowerDNS Authoritative 4.7 (Debian 12) on SQLite with hmac-sha256; changes by pdnsutil. It
 * answers IXFR with the whole zone (opening SOA alone in the first message): zonesync applies that
 * as a full transfer.
 */
class PowerDnsMasterIT extends MasterContract {

  @Override
  String label() {
    return "PowerDNS";
  }

  @Override
  String algorithm() {
    return "hmac-sha256";
  }

  /**
   * pdnsutil 4.7 does not complete a relative SVCB target with the origin ({@code api-backend}
   * would be served as {@code api-backend.}): the same zone, with that one name written absolute.
   */
  @Override
  String sampleText() {
    String text = super.sampleText();
    String relative = "SVCB  1 api-backend alpn";
    if (!text.contains(relative)) {
      throw new IllegalStateException("the sample's SVCB record changed; update this workaround");
    }
    return text.replace(relative, "SVCB  1 api-backend.corp.example. alpn");
  }

  @Override
  DnsMaster start(DnsMaster.Key key, DnsMaster.Zone... zones) {
    return PowerDnsServer.start(key, zones);
  }

  @Override
  long change(DnsMaster master) {
    return ((PowerDnsServer) master)
        .replaceRrsets(
            ZONE,
            List.of(
                List.of("mail2", "A", "600", "192.0.2.27"),
                List.of("www2", "A", "300", "192.0.2.99")));
  }

  @Override
  TransferKind changeTransfer() {
    return TransferKind.AXFR;
  }
}
