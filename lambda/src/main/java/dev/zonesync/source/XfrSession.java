package dev.zonesync.source;

import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * One zone-transfer conversation (AXFR or IXFR) over TCP, verified message by message
 * (docs/architecture.md, invariant 2): TSIG as RFC 8945 section 5.3.1 requires when a key is
 * configured, the response ID and QR flag, the rcode, class IN only, record and byte limits, and a
 * deadline on every read. Records are handed to a {@link Sink} one by one; the session ends when
 * the sink says the transfer is complete, and data after that is refused.
 *
 * <p>TSIG: the first and the last message must be signed, every signature must verify, and at most
 * 99 unsigned messages may follow each other; each signature covers the unsigned messages before it
 * (dnsjava's {@link TSIG.StreamVerifier} keeps the running digest). Masters that sign every Nth
 * message (NSD before 4.3, OpenDNSSEC's signer, some appliances) are conformant. Records of
 * unsigned messages reach the sink before the signature that covers them, but a transfer is only
 * returned once its last message verified, so nothing unverified is ever planned from.
 *
 * <p>Not dnsjava's {@code ZoneTransferIn}: that ends an AXFR at any SOA without comparing it with
 * the opening one, and cannot bound what a master makes us hold. dnsjava still parses the messages
 * and checks the signatures.
 */
final class XfrSession {

  /** Consumes the records of a transfer. */
  interface Sink {
    /** Handles one record; returns true when it was the transfer's last record. */
    boolean accept(Record r);
  }

  /** What the conversation cost. */
  record Stats(long messages, long bytes, long records, Duration duration) {}

  private final DnsName zone;
  private final TSIG tsig;
  private final SourceLimits limits;

  XfrSession(DnsName zone, TSIG tsig, SourceLimits limits) {
    this.zone = zone;
    this.tsig = tsig;
    this.limits = limits;
  }

  /**
   * Sends {@code query} and feeds the answer records to {@code sink} until it reports completion.
   *
   * @param what "AXFR" or "IXFR", for messages
   */
  Stats run(
      String what,
      Message query,
      Master master,
      InetSocketAddress address,
      Deadline runDeadline,
      Sink sink) {
    String context = "zone " + zone + " from master " + master;
    Deadline deadline = Deadline.after(runDeadline.cap(limits.transferTimeout()));
    long started = System.nanoTime();
    TSIG.StreamVerifier verifier = null;
    if (tsig != null) {
      tsig.apply(query, null);
      verifier = new TSIG.StreamVerifier(tsig, query.getTSIG());
    }
    int id = query.getHeader().getID();
    long records = 0;
    long messages = 0;
    boolean done = false;
    try (TcpDnsConnection conn = new TcpDnsConnection(deadline)) {
      conn.connect(address);
      conn.send(query.toWire(Message.MAXLENGTH));
      while (!done) {
        byte[] wire = conn.receive();
        messages++;
        if (conn.bytesRead() > limits.maxBytes()) {
          throw new TransferVerificationException(
              context
                  + ": "
                  + what
                  + " exceeds "
                  + limits.maxBytes()
                  + " bytes (limits.maxTransferBytes); raise it if the zone is really that big");
        }
        Message msg = new Message(wire);
        if (msg.getHeader().getID() != id || !msg.getHeader().getFlag(Flags.QR)) {
          throw new TransferVerificationException(
              context + ": message " + messages + " is not a response to our query (ID mismatch)");
        }
        if (msg.getRcode() != Rcode.NOERROR) {
          throw new MasterRefusedException(
              context + ": " + what + " " + describeRcode(msg, tsig != null));
        }
        if (verifier != null) {
          // false: which message is the last is known only once its records are read (below)
          int err = verifier.verify(msg, wire, false);
          if (err != Rcode.NOERROR) {
            throw new TransferVerificationException(
                context
                    + ": TSIG verification failed on message "
                    + messages
                    + " of the "
                    + what
                    + " ("
                    + tsigProblem(err, msg, messages)
                    + "); RFC 8945 requires a valid signature on the first and the last message"
                    + " and on at least every 100th");
          }
        }
        for (Record r : msg.getSection(Section.ANSWER)) {
          if (done) {
            throw new TransferVerificationException(
                context + ": data after the end of the " + what + "; refusing the transfer");
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
          if (r.getDClass() != DClass.IN) {
            throw new TransferVerificationException(
                context + ": record " + Records.describe(r) + " is not class IN");
          }
          done = sink.accept(r);
        }
        if (done && verifier != null && msg.getTSIG() == null) {
          throw new TransferVerificationException(
              context
                  + ": TSIG verification failed on message "
                  + messages
                  + " of the "
                  + what
                  + " (the last message is not signed); RFC 8945 requires a valid signature on"
                  + " the first and the last message and on at least every 100th");
        }
        if (!done && msg.getSection(Section.ANSWER).isEmpty()) {
          throw new TransferVerificationException(
              context
                  + (messages == 1
                      ? ": empty answer to the " + what + " (no records, not even an SOA)"
                      : ": empty message " + messages + " in the middle of the " + what));
        }
      }
      return new Stats(
          messages, conn.bytesRead(), records, Duration.ofNanos(System.nanoTime() - started));
    } catch (SocketTimeoutException e) {
      throw new SourceException(
          context
              + ": "
              + what
              + " stalled (no data before the transfer timeout or the run's deadline, after "
              + records
              + " records); check the path to the master and timeouts.transfer",
          e);
    } catch (EOFException e) {
      throw new SourceException(
          context
              + ": connection closed after "
              + records
              + " records, before the end of the "
              + what
              + " ("
              + e.getMessage()
              + "); the transfer is incomplete",
          e);
    } catch (IOException e) {
      throw new SourceException(
          context
              + ": "
              + what
              + " failed: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Why a message failed TSIG verification, in words (never the key or the MAC). */
  private static String tsigProblem(int err, Message msg, long messageNumber) {
    if (msg.getTSIG() == null) {
      return messageNumber == 1
          ? "the first message is not signed"
          : "100 messages in a row without a signature";
    }
    return Rcode.TSIGstring(err);
  }

  static Name name(DnsName zone) {
    return Name.fromConstantString(zone.text());
  }

  /** Human text for an error response, including the TSIG error if the master sent one. */
  static String describeRcode(Message msg, boolean keyConfigured) {
    int rcode = msg.getRcode();
    org.xbill.DNS.TSIGRecord t = msg.getTSIG();
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
      case "NOTIMP" -> "not implemented (NOTIMP)";
      default -> "failed (" + rc + ")";
    };
  }
}
