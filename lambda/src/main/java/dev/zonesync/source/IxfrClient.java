package dev.zonesync.source;

import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.InvalidRdataException;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.Transfer;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * One IXFR (RFC 1995) from one master. The answer is one of: a single SOA (nothing newer), a
 * sequence of differences (old SOA, deletions, new SOA, additions, … , final SOA), or the whole
 * zone AXFR-style. Differences are folded into one net {@link RRsetDelta} per RRset as they stream;
 * the serial chain must be unbroken from our serial to the master's.
 */
final class IxfrClient {

  private final DnsName zone;
  private final Name zoneName;
  private final XfrSession session;

  IxfrClient(DnsName zone, TSIG tsig, SourceLimits limits) {
    this.zone = zone;
    this.zoneName = XfrSession.name(zone);
    this.session = new XfrSession(zone, tsig, limits);
  }

  /**
   * @param from the serial Route 53 holds (the differences start there)
   * @param current the serial the master's SOA answer gave: an answer that opens with another one
   *     (a single stale SOA, another server behind the address) is refused at once instead of being
   *     waited on
   */
  IxfrOutcome transfer(
      Master master, InetSocketAddress address, Serial from, Serial current, Deadline deadline) {
    String context = "zone " + zone + " from master " + master;
    Message query = Message.newQuery(Record.newRecord(zoneName, Type.IXFR, DClass.IN));
    query.addRecord(
        new SOARecord(zoneName, DClass.IN, 0, Name.root, Name.root, from.value(), 0, 0, 0, 0),
        Section.AUTHORITY);
    Parser parser = new Parser(context, from, current);
    XfrSession.Stats stats = session.run("IXFR", query, master, address, deadline, parser::accept);
    return switch (parser.kind) {
      case UP_TO_DATE -> new IxfrOutcome.UpToDate(Serial.of(parser.newest.getSerial()), master);
      case WHOLE_ZONE ->
          new IxfrOutcome.WholeZone(
              new Transfer(
                  parser.whole.finish(),
                  master,
                  stats.messages(),
                  stats.bytes(),
                  stats.records(),
                  stats.duration()));
      case INCREMENTAL ->
          new IxfrOutcome.Incremental(
              parser.delta(), master, stats.messages(), stats.records(), stats.duration());
      default -> throw new IllegalStateException("IXFR ended in state " + parser.kind);
    };
  }

  private enum Kind {
    FIRST,
    SECOND,
    UP_TO_DATE,
    INCREMENTAL,
    WHOLE_ZONE
  }

  private enum Section2 {
    DELETE_SOA,
    DELETING,
    ADDING
  }

  /** The RFC 1995 state machine over the answer records. */
  private final class Parser {
    private final String context;
    private final Serial from;
    private final Serial current;
    private final Records convert = new Records();
    private final Map<RRsetKey, RRsetDelta.Builder> deltas = new HashMap<>();
    private final Map<RRsetKey, String> unconvertible = new HashMap<>();
    private Kind kind = Kind.FIRST;
    private Section2 section;
    private SOARecord newest;
    private long applied;
    private AxfrClient.FullZoneCollector whole;

    Parser(String context, Serial from, Serial current) {
      this.context = context;
      this.from = from;
      this.current = current;
    }

    boolean accept(Record r) {
      boolean apexSoa = r instanceof SOARecord && r.getName().equals(zoneName);
      switch (kind) {
        case FIRST -> {
          if (!apexSoa) {
            throw new TransferVerificationException(
                context + ": IXFR answer does not start with the zone's SOA record");
          }
          newest = (SOARecord) r;
          if (newest.getSerial() != current.value()) {
            throw new TransferVerificationException(
                context
                    + ": IXFR answer opens with serial "
                    + newest.getSerial()
                    + " but the master's SOA answer said "
                    + current
                    + " (a stale single SOA, or the zone changed in between)");
          }
          if (!Serial.of(newest.getSerial()).isNewerThan(from)) {
            kind = Kind.UP_TO_DATE;
            return true;
          }
          kind = Kind.SECOND;
          return false;
        }
        case SECOND -> {
          if (apexSoa && ((SOARecord) r).getSerial() == from.value()) {
            kind = Kind.INCREMENTAL;
            section = Section2.DELETING;
            applied = from.value();
            return false;
          }
          // AXFR-style: the whole zone follows the opening SOA
          kind = Kind.WHOLE_ZONE;
          whole = new AxfrClient.FullZoneCollector(zone, context);
          whole.opened(newest);
          return whole.accept(r);
        }
        case WHOLE_ZONE -> {
          return whole.accept(r);
        }
        case INCREMENTAL -> {
          return incremental(r, apexSoa);
        }
        default -> throw new IllegalStateException("record after the end of the IXFR");
      }
    }

    private boolean incremental(Record r, boolean apexSoa) {
      if (!apexSoa) {
        if (section == Section2.DELETE_SOA) {
          throw new TransferVerificationException(
              context + ": IXFR difference does not start with an SOA record");
        }
        if (!r.getName().subdomain(zoneName)) {
          throw new TransferVerificationException(
              context + ": record " + r.getName() + " in the IXFR is outside the zone");
        }
        if (r.getType() == Type.SOA) {
          throw new TransferVerificationException(
              context + ": unexpected SOA record at " + r.getName() + " inside the IXFR");
        }
        DnsName name = convert.owner(r.getName());
        RRsetDelta.Builder b =
            deltas.computeIfAbsent(
                new RRsetKey(name, RrType.of(r.getType())), k -> new RRsetDelta.Builder());
        String value;
        try {
          value = Records.value(r);
        } catch (InvalidRdataException e) {
          unconvertible.putIfAbsent(new RRsetKey(name, RrType.of(r.getType())), e.getMessage());
          return false;
        }
        if (section == Section2.DELETING) {
          b.delete(value, r.getTTL());
        } else {
          b.add(value, r.getTTL());
        }
        return false;
      }
      long serial = ((SOARecord) r).getSerial();
      switch (section) {
        case DELETING -> {
          // the SOA that ends the deletions carries the version the additions lead to
          if (!Serial.of(serial).isNewerThan(Serial.of(applied))) {
            throw new TransferVerificationException(
                context + ": IXFR difference goes from serial " + applied + " to " + serial);
          }
          applied = serial;
          section = Section2.ADDING;
          return false;
        }
        case ADDING -> {
          if (serial == newest.getSerial() && applied == newest.getSerial()) {
            return true; // the final SOA
          }
          if (serial != applied) {
            throw new TransferVerificationException(
                context
                    + ": IXFR out of sequence: next difference starts at serial "
                    + serial
                    + ", expected "
                    + applied);
          }
          section = Section2.DELETING;
          return false;
        }
        default -> throw new IllegalStateException();
      }
    }

    ZoneDelta delta() {
      Map<RRsetKey, RRsetDelta> out = new HashMap<>();
      deltas.forEach(
          (k, b) -> {
            RRsetDelta d = b.build();
            if (!d.isEmpty()) {
              out.put(k, d);
            }
          });
      return new ZoneDelta(zone, from, Records.soa(newest), out, unconvertible);
    }
  }
}
