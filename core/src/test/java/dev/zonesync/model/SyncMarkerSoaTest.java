package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The marker's SOA template and full-reconcile time: written, read back, and absent in old ones.
 */
class SyncMarkerSoaTest {

  private static final DnsName ZONE = DnsName.of("corp.example.");
  private static final DnsName NS1 = DnsName.of("ns1.corp.example.");
  private static final SoaTemplate AWS =
      new SoaTemplate(
          900,
          "ns-2048.awsdns-64.net.",
          "awsdns-hostmaster.amazon.com.",
          7200,
          900,
          1209600,
          86400);

  @Test
  void toTxtValue_withSoaAndFullTime_isTheDocumentedFormat() {
    SyncMarker m =
        new SyncMarker(
            Serial.of(7),
            NS1,
            33,
            Set.of(DnsName.of("branch.corp.example.")),
            AWS,
            Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(m.toTxtValue(ZONE))
        .isEqualTo(
            "\"zonesync=1 serial=7 lineage=ns1.corp.example. rrsets=33 full=1796119200\""
                + " \"soa=900 ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 7200 900"
                + " 1209600 86400\" \"cuts=branch\"");
  }

  @Test
  void parse_ofWhatWasWritten_returnsTheSameMarker() {
    SyncMarker m =
        new SyncMarker(
            Serial.of(4294967295L),
            NS1,
            10_000,
            Set.of(DnsName.of("a.b.corp.example.")),
            AWS,
            Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(SyncMarker.parse(m.toTxtValue(ZONE), ZONE)).contains(m);
  }

  @Test
  void parse_ofAMarkerWithLongSoaNames_splitsAndJoinsTheStrings() {
    String longName = "x".repeat(60) + "." + "y".repeat(60) + "." + "z".repeat(60) + ".example.";
    SoaTemplate t = new SoaTemplate(3600, longName, "hostmaster." + longName, 1, 2, 3, 4);
    SyncMarker m = new SyncMarker(Serial.of(1), NS1, 5, Set.of(), t, null);
    String txt = m.toTxtValue(ZONE);
    assertThat(Rdata.characterStringBytes(txt)).hasSizeGreaterThan(2);
    assertThat(SyncMarker.parse(txt, ZONE)).contains(m);
  }

  @Test
  void parse_ofAnOlderMarker_hasNoSoaAndNoFullTime() {
    SyncMarker m =
        SyncMarker.parse(
                "\"zonesync=1 serial=2026112201 lineage=ns1.corp.example. rrsets=33\""
                    + " \"cuts=branch\"",
                ZONE)
            .orElseThrow();
    assertThat(m.soa()).isNull();
    assertThat(m.fullAt()).isNull();
    assertThat(m.cuts()).containsExactly(DnsName.of("branch.corp.example."));
  }

  @Test
  void template_ofTheHostedSoa_rebuildsItWithAnySerial() {
    HostedRRset soa =
        new HostedRRset(
            ZONE,
            RrType.SOA,
            900,
            List.of(
                "ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"),
            List.of(
                "ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"),
            null,
            null);
    SoaTemplate t = SoaTemplate.of(soa);
    assertThat(t).isEqualTo(AWS);
    assertThat(t.toHosted(ZONE, Serial.of(42)).exactValues())
        .containsExactly(
            "ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 42 7200 900 1209600 86400");
  }
}
