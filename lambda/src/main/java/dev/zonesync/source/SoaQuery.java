package dev.zonesync.source;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.Serial;
import dev.zonesync.sync.port.SourceSerial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** Asks one master for the zone's SOA: cheap, and decides whether a transfer is needed at all. */
final class SoaQuery {

  private SoaQuery() {}

  static SourceSerial query(
      DnsName zone, Master master, InetSocketAddress address, TSIG tsig, Duration timeout) {
    String context = "zone " + zone + ", master " + master;
    Name zoneName = Name.fromConstantString(zone.text());
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setTimeout(timeout);
    if (tsig != null) {
      resolver.setTSIGKey(tsig);
    }
    Message response;
    try {
      response =
          UdpThenTcp.send(
              resolver, () -> Message.newQuery(Record.newRecord(zoneName, Type.SOA, DClass.IN)));
    } catch (IOException e) {
      throw new SourceException(
          context
              + ": SOA query failed ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ") within "
              + timeout.toMillis()
              + " ms; check the master is reachable on port "
              + master.port()
              + " (UDP and TCP) and timeouts.query",
          e);
    }
    if (response.getRcode() != Rcode.NOERROR) {
      throw new SourceException(
          context + ": SOA query " + XfrSession.describeRcode(response, tsig != null));
    }
    requireSignedAndAuthoritative(
        response,
        tsig,
        context,
        "SOA answer",
        "answer is not authoritative; the master does not serve this zone");
    List<Record> answers = response.getSection(Section.ANSWER);
    for (Record r : answers) {
      if (r instanceof SOARecord soa && r.getName().equals(zoneName)) {
        return new SourceSerial(Serial.of(soa.getSerial()), Records.name(soa.getHost()), master);
      }
    }
    throw new SourceException(context + ": answer has no SOA for the zone");
  }

  /**
   * A query's answer must carry a valid TSIG signature when a key is configured, and come from a
   * server authoritative for the zone; else the master (or something on the path) cannot be trusted
   * with it.
   */
  static void requireSignedAndAuthoritative(
      Message response, TSIG tsig, String context, String what, String notAuthoritative) {
    if (tsig != null && !response.isVerified()) {
      throw new TransferVerificationException(
          context
              + ": "
              + what
              + " is not signed with a valid TSIG signature (wrong secret, or a middlebox"
              + " answered)");
    }
    if (!response.getHeader().getFlag(Flags.AA)) {
      throw new SourceException(context + ": " + notAuthoritative);
    }
  }
}
