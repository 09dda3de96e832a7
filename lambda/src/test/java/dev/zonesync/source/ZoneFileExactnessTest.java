package dev.zonesync.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.ZoneSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Issue #10: the zone-file source reads what named loads, and decodes as the transfer path. */
class ZoneFileExactnessTest {

  private static final DnsName ZONE = DnsName.of("example.");

  @TempDir Path dir;

  private ZoneSnapshot read(String body) throws IOException {
    Path f = dir.resolve("example.zone");
    Files.write(
        f,
        ("$ORIGIN example.\n$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 300\n@ NS ns\n"
                + "ns A 192.0.2.53\n"
                + body)
            .getBytes(StandardCharsets.UTF_8));
    return new ZoneFileSource(ZONE, f).read();
  }

  private static RRset get(ZoneSnapshot s, String name, RrType type) {
    return s.get(new RRsetKey(DnsName.of(name), type));
  }

  @Test
  void utf8BytesInTxt_areTheFileBytes_notDoubleEncoded() throws IOException {
    ZoneSnapshot s = read("dash TXT \"a\u2013b\"\n");
    // E2 80 93 as three bytes, as a transfer gives them
    assertThat(get(s, "dash.example.", RrType.TXT).values())
        .containsExactly("\"a\\226\\128\\147b\"");
  }

  @Test
  void zoneFilesNamedLoads_areRead_unmanagedTypesKeptForReporting() throws IOException {
    ZoneSnapshot s =
        read(
            "gpos02 GPOS \"\" \"\" \"\"\n"
                + "eid EID 12 89 AB\n"
                + "eui EUI48 00-00-5e-00-53-2a\n"
                + "unk TYPE999 \\# 0\n"
                + "generic TXT \\# 3 026869\n"
                + "uri URI 10 1 \""
                + "u".repeat(300)
                + "\"\n"
                + "doh SVCB 1 doh.example. alpn=h2 dohpath=/dns-query{?dns}\n"
                + "hip HIP ( 2 200100107B1A74DF365639CC39F1D578\n"
                + "  AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D )\n"
                + "@ SOA ns hostmaster 1 3600 600 86400 300\n");
    assertThat(get(s, "generic.example.", RrType.TXT).values()).containsExactly("\"hi\"");
    assertThat(get(s, "doh.example.", RrType.SVCB).values())
        .containsExactly("1 doh.example. alpn=h2 key7=/dns-query{?dns}");
    for (String n : new String[] {"gpos02", "eid", "eui", "unk", "uri", "hip"}) {
      assertThat(s.rrsets())
          .as(n)
          .anyMatch(r -> r.name().text().equals(n + ".example.") && !r.type().isRoute53Supported());
    }
    assertThat(s.unconvertible()).isEmpty();
  }

  @Test
  void rdataDnsjavaRejects_isReportedWithNameAndType_notFatal() throws IOException {
    ZoneSnapshot s = read("bad CAA 0 issue\nok A 192.0.2.9\nbad2 SSHFP 1 1 xyz\n");
    assertThat(get(s, "ok.example.", RrType.A)).isNotNull();
    assertThat(s.unconvertible())
        .containsOnlyKeys(
            new RRsetKey(DnsName.of("bad.example."), RrType.CAA),
            new RRsetKey(DnsName.of("bad2.example."), RrType.SSHFP));
    assertThat(s.unconvertible().get(new RRsetKey(DnsName.of("bad.example."), RrType.CAA)))
        .contains("bad.example.")
        .contains("CAA");
  }

  @Test
  void wireDataDnsjavaRejects_ofUnmanagedTypes_parsesAsOpaque() throws Exception {
    // BIND transfers GPOS "" "" "": dnsjava's GPOS parser throws "empty String" on it
    Records.name(Name.root); // loads the type registration
    Record r =
        Record.newRecord(
            Name.fromString("gpos02.example."), Type.GPOS, DClass.IN, 300, new byte[] {0, 0, 0});
    assertThat(Records.value(r)).isEqualTo("\\# 3 000000");
  }

  @Test
  void textOfUnmanagedTypes_isStillParsedByDnsjava_forOtherUsersInTheProcess() throws Exception {
    Records.name(Name.root);
    Record hinfo =
        Record.fromString(
            Name.fromString("h.example."),
            Type.HINFO,
            DClass.IN,
            300,
            "\"PC\" \"Linux\"",
            Name.root);
    assertThat(hinfo.rdataToWireCanonical())
        .containsExactly(2, 'P', 'C', 5, 'L', 'i', 'n', 'u', 'x');
  }

  @Test
  void generateDirective_expandsLikeBind() throws IOException {
    ZoneSnapshot s = read("$GENERATE 1-3/1 host-$ A 192.0.2.$\n");
    for (int i = 1; i <= 3; i++) {
      assertThat(get(s, "host-" + i + ".example.", RrType.A).values())
          .containsExactly("192.0.2." + i);
    }
  }
}
