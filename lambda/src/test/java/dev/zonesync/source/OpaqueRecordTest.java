package dev.zonesync.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Types Route 53 cannot hold are read as opaque data (never fatal on the wire), yet zone-file text
 * of those types still parses as named reads it: other dnsjava users in the same JVM (the test
 * masters, priming) depend on that.
 */
class OpaqueRecordTest {

  private static Record parse(String text) throws IOException {
    Records.class.getName(); // whatever loads first, the registration must not break text parsing
    DnsjavaTypes.install();
    List<Record> out = new ArrayList<>();
    try (Master m =
        new Master(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            Name.fromString("corp.example."))) {
      for (Record r; (r = m.nextRecord()) != null; ) {
        out.add(r);
      }
    }
    return out.get(0);
  }

  @Test
  void text_ofAnUnsupportedType_parsesToItsWireForm() throws IOException {
    Record r = parse("host1 3600 IN HINFO \"PC-Intel\" \"Linux\"\n");
    assertThat(r.getType()).isEqualTo(Type.HINFO);
    // HINFO rdata on the wire: two <character-string>s (RFC 1035 3.3.2), written out by hand
    assertThat(HexFormat.of().formatHex(r.rdataToWireCanonical()))
        .isEqualTo("08" + "50432d496e74656c" + "05" + "4c696e7578");
  }

  @Test
  void text_ofASupportedType_isUntouched() throws IOException {
    Record r = parse("www 300 IN A 192.0.2.10\n");
    assertThat(r).isNotInstanceOf(OpaqueRecord.class);
    assertThat(r.rdataToString()).isEqualTo("192.0.2.10");
  }
}
