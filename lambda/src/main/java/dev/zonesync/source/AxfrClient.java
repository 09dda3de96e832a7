package dev.zonesync.source;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.ZoneSnapshot;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * One AXFR from one master, verified as it streams (design.md invariant 2).
 *
 * <p>Not dnsjava's {@code ZoneTransferIn}: that accepts up to 99 unsigned messages in a row, ends
 * an AXFR at any SOA without comparing it with the opening one, and cannot bound what a master
 * makes us hold. This loop uses dnsjava for messages and TSIG, and adds: a TSIG-verified signature
 * on <em>every</em> message, opening and closing SOA equal, every name inside the zone, record and
 * byte limits, and a deadline on every read.
 */
final class AxfrClient {

  private final DnsName zone;
  private final Name zoneName;
  private final TSIG tsig;
  private final SourceLimits limits;

  AxfrClient(DnsName zone, TSIG tsig, SourceLimits limits) {
    this.zone = zone;
    this.zoneName = Name.fromConstantString(zone.text());
    this.tsig = tsig;
    this.limits = limits;
  }

  Transfer transfer(Master master, InetSocketAddress address, Deadline runDeadline) {
    String context = "zone " + zone + " from master " + master;
    Deadline deadline = Deadline.after(runDeadline.cap(limits.transferTimeout()));
    long started = System.nanoTime();
    Message query = Message.newQuery(Record.newRecord(zoneName, Type.AXFR, DClass.IN));
    query.getHeader().setOpcode(Opcode.QUERY);
    TSIG.StreamVerifier verifier = null;
    if (tsig != null) {
      tsig.apply(query, null);
      verifier = new TSIG.StreamVerifier(tsig, query.getTSIG());
    }
    int id = query.getHeader().getID();
    ZoneAssembler zoneData = new ZoneAssembler(zone, context);
    Records convert = new Records();
    long records = 0;
    long messages = 0;
    SOARecord opening = null;
    boolean closed = false;
    try (TcpDnsConnection conn = new TcpDnsConnection(deadline)) {
      conn.connect(address);
      conn.send(query.toWire(Message.MAXLENGTH));
      while (!closed) {
        byte[] wire = conn.receive();
        messages++;
        if (conn.bytesRead() > limits.maxBytes()) {
          throw new TransferVerificationException(
              context
                  + ": transfer exceeds "
                  + limits.maxBytes()
                  + " bytes (limits.maxTransferBytes); raise it if the zone is really that big");
        }
        Message msg = new Message(wire);
        checkHeader(msg, id, context, messages);
        if (verifier != null) {
          int err = verifier.verify(msg, wire, false);
          if (err != Rcode.NOERROR || !msg.isVerified()) {
            throw new TransferVerificationException(
                context
                    + ": TSIG verification failed on message "
                    + messages
                    + " ("
                    + (err != Rcode.NOERROR ? Rcode.TSIGstring(err) : "message not signed")
                    + "); every message of a transfer must carry a valid signature");
          }
        }
        List<Record> answers = msg.getSection(Section.ANSWER);
        for (Record r : answers) {
          if (closed) {
            throw new TransferVerificationException(
                context + ": data after the closing SOA; refusing the transfer");
          }
          records++;
          if (records > limits.maxRecords()) {
            throw new TransferVerificationException(
                context
                    + ": more than "
                    + limits.maxRecords()
                    + " records (limits.maxTransferRecords); raise it if the zone is really that"
                    + " big");
          }
          if (!Records.isIn(r)) {
            throw new TransferVerificationException(
                context + ": record " + Records.describe(r) + " is not class IN");
          }
          if (opening == null) {
            if (!(r instanceof SOARecord soa) || !r.getName().equals(zoneName)) {
              throw new TransferVerificationException(
                  context + ": transfer does not start with the zone's SOA record");
            }
            opening = soa;
            zoneData.soa(Records.soa(soa));
            continue;
          }
          if (r instanceof SOARecord soa && r.getName().equals(zoneName)) {
            if (!soa.equals(opening) || soa.getSerial() != opening.getSerial()) {
              throw new TransferVerificationException(
                  context
                      + ": closing SOA (serial "
                      + soa.getSerial()
                      + ") differs from the opening SOA (serial "
                      + opening.getSerial()
                      + "); the zone changed or the transfer is corrupt — the next run retries");
            }
            closed = true;
            continue;
          }
          zoneData.add(convert.owner(r.getName()), Records.type(r), r.getTTL(), Records.value(r));
        }
      }
      ZoneSnapshot snapshot = zoneData.finish();
      return new Transfer(
          snapshot,
          master,
          messages,
          conn.bytesRead(),
          records,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (SocketTimeoutException e) {
      throw new SourceException(
          context
              + ": no data for too long (transfer timeout or run deadline reached after "
              + records
              + " records); check the path to the master and timeouts.transfer",
          e);
    } catch (EOFException e) {
      throw new SourceException(
          context
              + ": connection closed after "
              + records
              + " records, before the closing SOA ("
              + e.getMessage()
              + "); the transfer is incomplete",
          e);
    } catch (IOException e) {
      throw new SourceException(
          context + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private void checkHeader(Message msg, int id, String context, long n) {
    if (msg.getHeader().getID() != id || !msg.getHeader().getFlag(Flags.QR)) {
      throw new TransferVerificationException(
          context + ": message " + n + " is not a response to our query (ID mismatch)");
    }
    int rcode = msg.getRcode();
    if (rcode != Rcode.NOERROR) {
      throw new SourceException(context + ": transfer " + describeRcode(msg, tsig != null));
    }
  }

  /** Human text for an error response, including the TSIG error if the master sent one. */
  static String describeRcode(Message msg, boolean keyConfigured) {
    int rcode = msg.getRcode();
    TSIGRecord t = msg.getTSIG();
    String rc = Rcode.string(rcode);
    if (t != null && t.getError() != Rcode.NOERROR) {
      String tsigErr = Rcode.TSIGstring(t.getError());
      String hint =
          switch (tsigErr) {
            case "BADKEY" -> "the master does not know this TSIG key name";
            case "BADSIG" -> "the TSIG secret does not match the master's";
            case "BADTIME" -> "clocks differ by more than the TSIG fudge; check NTP";
            default -> "TSIG error";
          };
      return "rejected: " + rc + "/" + tsigErr + " (" + hint + ")";
    }
    return switch (rc) {
      case "REFUSED" ->
          "refused (REFUSED): check allow-transfer on the master for our address"
              + (keyConfigured ? " and key" : "")
              + ", and that it serves this zone";
      case "NOTAUTH" ->
          "rejected (NOTAUTH): the master is not authoritative for the zone, or rejected our TSIG"
              + " key";
      case "NXDOMAIN" -> "failed (NXDOMAIN): the master does not know this zone";
      case "SERVFAIL" -> "failed (SERVFAIL): the master cannot serve the zone (not loaded?)";
      default -> "failed (" + rc + ")";
    };
  }
}
