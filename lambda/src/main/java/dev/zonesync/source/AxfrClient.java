package dev.zonesync.source;

import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.ZoneSnapshot;
import dev.zonesync.sync.port.Transfer;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** One AXFR from one master, verified as it streams (see {@link XfrSession}). */
final class AxfrClient {

  private final DnsName zone;
  private final XfrSession session;

  AxfrClient(DnsName zone, TSIG tsig, SourceLimits limits) {
    this.zone = zone;
    this.session = new XfrSession(zone, tsig, limits);
  }

  Transfer transfer(Master master, InetSocketAddress address, Deadline deadline) {
    return transfer(master, address, deadline, soa -> {});
  }

  /**
   * @param opening checks the opening SOA before the rest of the zone is read; throws to abandon
   *     the transfer
   */
  Transfer transfer(
      Master master, InetSocketAddress address, Deadline deadline, Consumer<SOARecord> opening) {
    Message query = Message.newQuery(Record.newRecord(XfrSession.name(zone), Type.AXFR, DClass.IN));
    FullZoneCollector collector =
        new FullZoneCollector(zone, "zone " + zone + " from master " + master);
    collector.check(opening);
    XfrSession.Stats stats =
        session.run("AXFR", query, master, address, deadline, collector::accept);
    return new Transfer(
        collector.finish(),
        master,
        stats.messages(),
        stats.bytes(),
        stats.records(),
        stats.duration());
  }

  /**
   * Collects a whole zone: the opening SOA, the data, and a closing SOA equal to the opening one.
   * Used for AXFR and for IXFR answers that carry the whole zone.
   */
  static final class FullZoneCollector {
    private final Name zoneName;
    private final String context;
    private final ZoneAssembler zoneData;
    private final Records convert = new Records();
    private SOARecord opening;
    private Consumer<SOARecord> check = soa -> {};

    FullZoneCollector(DnsName zone, String context) {
      this.zoneName = XfrSession.name(zone);
      this.context = context;
      this.zoneData = new ZoneAssembler(zone, context);
    }

    /** Runs {@code check} on the opening SOA as soon as it arrives. */
    void check(Consumer<SOARecord> check) {
      this.check = check;
    }

    /** The opening SOA when it was already read by someone else (IXFR). */
    void opened(SOARecord soa) {
      opening = soa;
      zoneData.soa(Records.soa(soa));
    }

    boolean accept(Record r) {
      if (opening == null) {
        if (!(r instanceof SOARecord soa) || !r.getName().equals(zoneName)) {
          throw new TransferVerificationException(
              context + ": transfer does not start with the zone's SOA record");
        }
        check.accept(soa);
        opened(soa);
        return false;
      }
      if (r instanceof SOARecord soa && r.getName().equals(zoneName)) {
        if (!soa.equals(opening) || soa.getSerial() != opening.getSerial()) {
          throw new TransferVerificationException(
              context
                  + ": closing SOA differs from the opening SOA ("
                  + difference(opening, soa)
                  + "); the zone changed or the transfer is corrupt — the next run retries");
        }
        return true;
      }
      convert.addTo(zoneData, r);
      return false;
    }

    ZoneSnapshot finish() {
      return zoneData.finish();
    }

    private static String difference(SOARecord a, SOARecord b) {
      if (a.getSerial() != b.getSerial()) {
        return "serial " + a.getSerial() + " then " + b.getSerial();
      }
      String[] fa = a.rdataToString().split("\\s+");
      String[] fb = b.rdataToString().split("\\s+");
      String[] names = {"mname", "rname", "serial", "refresh", "retry", "expire", "minimum"};
      for (int i = 0; i < Math.min(fa.length, fb.length) && i < names.length; i++) {
        if (!fa[i].equalsIgnoreCase(fb[i])) {
          return "serial "
              + a.getSerial()
              + " both, but "
              + names[i]
              + " "
              + fa[i]
              + " then "
              + fb[i];
        }
      }
      return "serial " + a.getSerial() + " both, but other SOA data differs";
    }
  }
}
