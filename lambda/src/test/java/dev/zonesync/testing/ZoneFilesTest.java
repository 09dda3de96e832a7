package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

@Timeout(30)
class ZoneFilesTest {

  private static Set<String> rrsetKeys(List<Record> records) {
    return records.stream()
        .map(r -> r.getName().toString().toLowerCase() + "/" + Type.string(r.getType()))
        .collect(Collectors.toSet());
  }

  @Test
  void generateIsDeterministicAndHasTheRequestedNumberOfRrsets() {
    String a = ZoneFiles.generate("gen.example.", 500, 42, 7);
    String b = ZoneFiles.generate("gen.example", 500, 42, 7);
    String c = ZoneFiles.generate("gen.example.", 500, 42, 8);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);

    List<Record> records = NamedServer.parseZone("gen.example.", a);
    // SOA + apex NS + glue A of ns1 + 500 generated
    assertThat(rrsetKeys(records)).hasSize(503);
    SOARecord soa = (SOARecord) records.get(0);
    assertThat(soa.getSerial()).isEqualTo(42);
    assertThat(soa.getName()).isEqualTo(Name.fromConstantString("gen.example."));

    Map<Integer, Long> byType =
        records.stream().collect(Collectors.groupingBy(Record::getType, Collectors.counting()));
    assertThat(byType.keySet())
        .contains(Type.SOA, Type.NS, Type.A, Type.AAAA, Type.TXT, Type.CNAME, Type.MX, Type.SRV);
    // mostly A, some multi-value
    Map<String, Long> aSets =
        records.stream()
            .filter(r -> r.getType() == Type.A)
            .collect(Collectors.groupingBy(r -> r.getName().toString(), Collectors.counting()));
    assertThat(aSets.size()).isGreaterThan(250);
    assertThat(aSets.values()).contains(1L, 2L, 3L);
    assertThat(aSets.values()).allMatch(n -> n <= 3);
  }

  @Test
  void generatedNamesArePredictable() {
    String z = ZoneFiles.generate("p.example.", 3, 1, 1);
    assertThat(z).contains("$ORIGIN p.example.").contains("ns1 IN A 192.0.2.53");
    List<Record> records = NamedServer.parseZone("p.example.", z);
    assertThat(records)
        .extracting(r -> r.getName().toString())
        .allMatch(
            n ->
                n.equals("p.example.")
                    || n.equals("ns1.p.example.")
                    || n.matches("(h|_s)0000[0-2]\\.(_tcp\\.)?p\\.example\\."));
  }

  @Test
  void zeroRrsetsGivesJustTheApex() {
    List<Record> records =
        NamedServer.parseZone("e.example.", ZoneFiles.generate("e.example.", 0, 5, 0));
    assertThat(rrsetKeys(records)).hasSize(3);
  }

  @Test
  void bumpSerialOnGeneratedZone() {
    String z = ZoneFiles.generate("gen.example.", 20, 100, 3);
    String bumped = ZoneFiles.bumpSerial(z, 101);
    assertThat(ZoneFiles.serialOf(bumped)).isEqualTo(101);
    assertThat(bumped.replace(" 101 3600", " 100 3600")).isEqualTo(z);
  }

  @Test
  void bumpSerialOnTheMultiLineSampleKeepsEverythingElse() {
    String sample = ZoneFiles.sampleText();
    assertThat(ZoneFiles.serialOf(sample)).isEqualTo(2026112201L);
    String bumped = ZoneFiles.bumpSerial(sample, 2026112202L);
    assertThat(ZoneFiles.serialOf(bumped)).isEqualTo(2026112202L);
    assertThat(bumped.length()).isEqualTo(sample.length());
    assertThat(bumped.replace("2026112202", "2026112201")).isEqualTo(sample);
    SOARecord soa =
        (SOARecord)
            NamedServer.parseZone(ZoneFiles.SAMPLE_ORIGIN, bumped).stream()
                .filter(r -> r.getType() == Type.SOA)
                .findFirst()
                .orElseThrow();
    assertThat(soa.getSerial()).isEqualTo(2026112202L);
    assertThat(soa.getRefresh()).isEqualTo(3600);
  }

  @Test
  void bumpSerialIgnoresSoaInCommentsAndQuotes() {
    String z =
        "$ORIGIN x.example.\n"
            + "; SOA a b 7 in a comment\n"
            + "t TXT \"SOA a b 8\"\n"
            + "@ 300 IN SOA ns hm ( ; comment\n"
            + "   9 ; serial\n"
            + "   1 2 3 4 )\n";
    assertThat(ZoneFiles.serialOf(z)).isEqualTo(9);
    assertThat(ZoneFiles.bumpSerial(z, 10)).contains("   10 ; serial").contains("SOA a b 7");
  }

  @Test
  void bumpSerialWithoutSoaFails() {
    assertThatThrownBy(() -> ZoneFiles.bumpSerial("a A 192.0.2.1\n", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ZoneFiles.bumpSerial(ZoneFiles.sampleText(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sampleZoneHasEveryRequiredFeature() {
    String text = ZoneFiles.sampleText();
    List<Record> records = NamedServer.parseZone(ZoneFiles.SAMPLE_ORIGIN, text);
    assertThat(records.size()).isGreaterThan(30);
    Map<String, Record> byKey =
        records.stream()
            .collect(
                Collectors.toMap(
                    r -> r.getName() + "/" + Type.string(r.getType()),
                    Function.identity(),
                    (x, y) -> x));
    Set<Integer> types = records.stream().map(Record::getType).collect(Collectors.toSet());
    assertThat(types)
        .contains(
            Type.SOA,
            Type.NS,
            Type.A,
            Type.AAAA,
            Type.MX,
            Type.TXT,
            Type.SPF,
            Type.CNAME,
            Type.PTR,
            Type.SRV,
            Type.CAA,
            Type.NAPTR,
            Type.SSHFP,
            Type.TLSA,
            Type.DS,
            Type.SVCB,
            Type.HTTPS,
            Type.HINFO,
            Type.LOC);
    assertThat(byKey).containsKey("*.apps.corp.example./A");
    assertThat(byKey).containsKey("_ldap._tcp.corp.example./SRV");
    assertThat(byKey).containsKey("branch.corp.example./NS");
    assertThat(byKey).containsKey("branch.corp.example./DS");
    assertThat(byKey).containsKey("ns1.branch.corp.example./A");
    assertThat(byKey).containsKey("odd\\@name.corp.example./TXT");
    assertThat(byKey).containsKey("spaced\\032name.corp.example./TXT");
    assertThat(records).anyMatch(r -> r.getName().toString().startsWith("MixedCase."));
    assertThat(byKey.get("portal.corp.example./CNAME").getTTL()).isEqualTo(300);
    assertThat(text).contains("2001:0db8:0000:0000:0000:0000:0000:0001");
    assertThat(text).containsPattern("SSHFP 4 2 [0-9A-F]{64}");
    // a TXT value longer than 255 characters written as several strings
    String longTxt = byKey.get("long.corp.example./TXT").rdataToString();
    assertThat(longTxt.length()).isGreaterThan(300);
    assertThat(longTxt).contains("\" \"");
    assertThat(byKey.get("quoted.corp.example./TXT").rdataToString())
        .contains("\\\"hello\\\"")
        .contains(";")
        .contains("\\\\");
    assertThat(byKey.get("corp.example./HTTPS").rdataToString()).contains("alpn").contains("port");
  }
}
