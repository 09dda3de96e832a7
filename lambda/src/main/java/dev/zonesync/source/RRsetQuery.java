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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
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
 *
 * <p>Wildcards. A master answers a query for a name that does not exist, below a wildcard, with
 * records synthesised from it (RFC 4592): owner the query name, AA set, nothing marks them. For a
 * key whose name may be gone and whose answer is not empty, one more query tells the two apart: the
 * same type at a child of the name that cannot exist ({@code zonesync-probe-<random hex>.<name>}).
 * If the name exists it is the child's closest encloser, and the child is NXDOMAIN (or synthesised
 * from {@code *.<name>}); if it does not, the child is covered by the same wildcard as the name and
 * gets the same TTL and values. So a NOERROR probe with the same TTL and value set means the answer
 * was synthesised and the key is absent; any other probe answer means it is real. The probe is
 * checked like every query (TSIG, AA). One case is read wrong: a name that really holds exactly the
 * RRset (TTL and values) that its own wildcard child {@code *.<name>} synthesises for the probe is
 * reported absent. The engine checks every answer against the transfer's differences (an absent
 * RRset the differences kept records in does not pass), and full reconciles (AXFR) never use these
 * queries.
 */
final class RRsetQuery {

  /** The probe's label before its random part; hex only when the name leaves no room for it. */
  private static final String PROBE_LABEL = "zonesync-probe-";

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
      if (r != null && mayBeGone.contains(key)) {
        if (deadline.isExpired()) {
          throw new TransferException(context + ": run deadline reached while querying RRsets");
        }
        resolver.setTimeout(deadline.cap(timeout));
        if (synthesised(resolver, key, r, context)) {
          continue; // the name is gone: a wildcard answered for it
        }
      }
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

  /** Whether {@code answer} (for {@code key}) came from a wildcard: see the class comment. */
  private boolean synthesised(SimpleResolver resolver, RRsetKey key, RRset answer, String context) {
    Name probe = probeName(key, context);
    int qtype = key.type().code();
    String what = "the wildcard probe " + probe + " for " + key;
    Message response;
    try {
      response =
          UdpThenTcp.send(
              resolver, () -> Message.newQuery(Record.newRecord(probe, qtype, DClass.IN)));
    } catch (IOException e) {
      throw new TransferException(context + ": " + what + " failed: " + e, e);
    }
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      throw new TransferException(
          context + ": " + what + " " + XfrSession.describeRcode(response, tsig != null));
    }
    SoaQuery.requireSignedAndAuthoritative(
        response, tsig, context, what, what + " is not authoritative");
    if (rcode != Rcode.NOERROR) {
      return false;
    }
    Set<String> values = new HashSet<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() != qtype || r.getDClass() != DClass.IN || !r.getName().equals(probe)) {
        continue; // a CNAME or DNAME on the way: not the wildcard's copy of the answer
      }
      if (r.getTTL() != answer.ttl()) {
        return false;
      }
      try {
        values.add(Records.value(r));
      } catch (InvalidRdataException e) {
        return false; // not what the answer held, which converted
      }
    }
    return values.equals(Set.copyOf(answer.values()));
  }

  /** A child of the key's name that no zone holds. */
  private static Name probeName(RRsetKey key, String context) {
    String hex = HexFormat.of().toHexDigits(RandomGenerator.getDefault().nextLong());
    Name parent = Name.fromConstantString(key.name().text());
    for (String label : List.of(PROBE_LABEL + hex, hex)) {
      try {
        return Name.concatenate(Name.fromConstantString(label), parent);
      } catch (NameTooLongException e) {
        // try the shorter label
      }
    }
    throw new TransferException(
        context
            + ": cannot tell whether the answer for "
            + key
            + " is synthesised from a wildcard: the name is too long to probe below it");
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
      Name asked = qname;
      response =
          UdpThenTcp.send(
              resolver, () -> Message.newQuery(Record.newRecord(asked, qtype, DClass.IN)));
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
