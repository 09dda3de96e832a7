package dev.zonesync.source;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.ZoneSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * A zone's text served as a TSIG-signed AXFR answer, verified and converted as a transfer is, all
 * in memory: what SnapStart priming runs so dnsjava's signing, parsing and conversion paths are
 * loaded before the snapshot. Signed with a constant throwaway key: nothing secret is ever signed.
 */
public final class CannedTransfer {

  /**
   * What the canned answer held.
   *
   * @param records records in the verified answer (the closing SOA included)
   * @param snapshot the zone as a transfer converts it
   */
  public record Verified(int records, ZoneSnapshot snapshot) {
    public Verified {
      if (records < 1 || snapshot == null) {
        throw new IllegalArgumentException("a verified answer holds records and a zone");
      }
    }
  }

  private CannedTransfer() {}

  /**
   * Signs an AXFR query and an answer holding {@code zoneText} (master-file syntax, data of types
   * Route 53 cannot hold written in RFC 3597 {@code \#} form), parses and verifies both.
   *
   * @throws IllegalStateException if a signature does not verify
   */
  public static Verified serve(String zone, String zoneText) throws IOException {
    Records convert = new Records(); // installs zonesync's record types first, as a transfer does
    Name origin = Name.fromConstantString(zone);
    TSIG key = new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("priming-key."), new byte[32]);
    Message query = new Message(0x5a17);
    query.addRecord(Record.newRecord(origin, Type.AXFR, DClass.IN), Section.QUESTION);
    key.apply(query, null);
    byte[] queryWire = query.toWire(Message.MAXLENGTH);
    Message parsedQuery = new Message(queryWire);
    if (key.verify(parsedQuery, queryWire, null) != Rcode.NOERROR) {
      throw new IllegalStateException("canned query did not verify");
    }
    List<Record> records = new ArrayList<>();
    try (org.xbill.DNS.Master parser =
        new org.xbill.DNS.Master(
            new ByteArrayInputStream(zoneText.getBytes(StandardCharsets.US_ASCII)), origin)) {
      Record r;
      while ((r = parser.nextRecord()) != null) {
        records.add(r);
      }
    }
    Message answer = new Message(0x5a17);
    answer.getHeader().setFlag(Flags.QR);
    answer.getHeader().setFlag(Flags.AA);
    answer.addRecord(query.getQuestion(), Section.QUESTION);
    records.forEach(r -> answer.addRecord(r, Section.ANSWER));
    answer.addRecord(records.get(0), Section.ANSWER); // the closing SOA
    key.apply(answer, query.getTSIG());
    byte[] wire = answer.toWire(Message.MAXLENGTH);
    TSIG.StreamVerifier verifier = new TSIG.StreamVerifier(key, query.getTSIG());
    Message parsed = new Message(wire);
    if (verifier.verify(parsed, wire, true) != Rcode.NOERROR || !parsed.isVerified()) {
      throw new IllegalStateException("canned answer did not verify");
    }
    List<Record> received = parsed.getSection(Section.ANSWER);
    ZoneAssembler zoneData = new ZoneAssembler(DnsName.of(zone), "canned transfer of " + zone);
    for (Record r : received.subList(0, received.size() - 1)) {
      if (r instanceof SOARecord soa) {
        zoneData.soa(Records.soa(soa));
      } else {
        convert.addTo(zoneData, r);
      }
    }
    return new Verified(received.size(), zoneData.finish());
  }
}
