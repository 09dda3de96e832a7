package dev.zonesync.source;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.InvalidRdataException;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.TransferException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one master for the RRsets an incremental transfer touched, as they are at the serial the
 * transfer ended at: one authoritative query per RRset, then the zone's SOA again to prove the
 * answers belong to that serial. Anything that is not a plain authoritative answer (a referral, a
 * DNAME, an unsigned reply when a key is configured, a serial that moved) fails, and the sync reads
 * Route 53 instead.
 */
final class RRsetQuery {

  private final DnsName zone;
  private final TSIG tsig;
  private final Duration timeout;

  RRsetQuery(DnsName zone, TSIG tsig, Duration timeout) {
    this.zone = zone;
    this.tsig = tsig;
    this.timeout = timeout;
  }

  /**
   * @param mayBeGone keys whose name may no longer exist: an answer there may be synthesised from a
   *     wildcard (RFC 4592) and is checked
   */
  Map<RRsetKey, RRset> query(
      SourceSerial at,
      InetSocketAddress address,
      Set<RRsetKey> keys,
      Set<RRsetKey> mayBeGone,
      Deadline deadline) {
    Master master = at.master();
    String context = "zone " + zone + ", master " + master;
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setEDNS(0, 1232, 0, List.of());
    if (tsig != null) {
      resolver.setTSIGKey(tsig);
    }
    Map<RRsetKey, RRset> out = new HashMap<>();
    for (RRsetKey key : keys) {
      if (deadline.isExpired()) {
        throw new TransferException(context + ": run deadline reached while querying RRsets");
      }
      resolver.setTimeout(deadline.cap(timeout));
      RRset r = one(resolver, key, context);
      if (r != null) {
        out.put(key, r);
      }
    }
    var after = SoaQuery.query(zone, master, address, tsig, deadline.cap(timeout));
    if (!after.serial().equals(at.serial())) {
      throw new TransferException(
          context
              + ": serial moved from "
              + at.serial()
              + " to "
              + after.serial()
              + " while querying the changed RRsets");
    }
    return out;
  }

  private RRset one(SimpleResolver resolver, RRsetKey key, String context) {
    Name qname;
    try {
      qname = Name.fromString(key.name().text());
    } catch (TextParseException e) {
      throw new TransferException(context + ": cannot query " + key + ": " + e.getMessage(), e);
    }
    int qtype = key.type().code();
    Message response;
    try {
      response = resolver.send(Message.newQuery(Record.newRecord(qname, qtype, DClass.IN)));
    } catch (IOException e) {
      throw new TransferException(context + ": query for " + key + " failed: " + e, e);
    }
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      throw new TransferException(
          context + ": query for " + key + " " + XfrSession.describeRcode(response, tsig != null));
    }
    SoaQuery.requireSignedAndAuthoritative(
        response,
        tsig,
        context,
        "the answer for " + key,
        "the answer for " + key + " is not authoritative (a referral below a cut?)");
    List<String> values = new ArrayList<>();
    long ttl = -1;
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() == Type.DNAME) {
        throw new TransferException(context + ": answer for " + key + " passes a DNAME");
      }
      if (r.getType() != qtype || r.getDClass() != DClass.IN || !r.getName().equals(qname)) {
        continue; // e.g. the CNAME a name holds instead of the type asked for
      }
      if (ttl >= 0 && r.getTTL() != ttl) {
        throw new TransferException(context + ": answer for " + key + " mixes TTLs");
      }
      ttl = r.getTTL();
      try {
        values.add(Records.value(r));
      } catch (InvalidRdataException e) {
        throw new TransferException(context + ": " + e.getMessage(), e);
      }
    }
    return values.isEmpty() ? null : RRset.of(key.name(), RrType.of(qtype), ttl, values);
  }
}
