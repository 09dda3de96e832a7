package dev.zonesync.source;

import java.io.IOException;
import org.xbill.DNS.Compression;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Tokenizer;
import org.xbill.DNS.utils.base16;

/**
 * A record of a type Route 53 cannot hold, kept as its raw rdata: zonesync only reports such
 * records, so it never parses their data (a master may legally send data dnsjava's own parser for
 * the type rejects, e.g. BIND's {@code GPOS "" "" ""}, and one such record must not fail a zone).
 */
final class OpaqueRecord extends Record {

  private static final long serialVersionUID = 1L;

  private byte[] data = new byte[0];

  OpaqueRecord() {}

  @Override
  protected void rrFromWire(DNSInput in) {
    data = in.readByteArray();
  }

  /**
   * Text is parsed by dnsjava's own class for the type, so that other users of dnsjava in the
   * process keep reading these types from text (zonesync itself never does).
   */
  @Override
  protected void rdataFromString(Tokenizer st, Name origin) throws IOException {
    data = DnsjavaTypes.parseWithOriginal(getType(), st, origin);
  }

  @Override
  protected String rrToString() {
    return "\\# " + data.length + (data.length == 0 ? "" : " " + base16.toString(data));
  }

  @Override
  protected void rrToWire(DNSOutput out, Compression c, boolean canonical) {
    out.writeByteArray(data);
  }
}
