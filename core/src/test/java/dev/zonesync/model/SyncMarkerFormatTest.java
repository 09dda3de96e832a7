package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The marker's failure bookkeeping, its version and its size as Route 53 stores it. */
class SyncMarkerFormatTest {

  private static final DnsName ZONE = DnsName.of("corp.example.");
  private static final DnsName NS1 = DnsName.of("ns1.corp.example.");

  @Test
  void toTxtValue_withFailedFullReconciles_writesCountAndTime() {
    SyncMarker m =
        new SyncMarker(Serial.of(7), NS1, 12, Set.of(), null, Instant.ofEpochSecond(1000))
            .withFullFailure(Instant.ofEpochSecond(5000))
            .withFullFailure(Instant.ofEpochSecond(6000));
    assertThat(m.toTxtValue(ZONE))
        .isEqualTo(
            "\"zonesync=1 serial=7 lineage=ns1.corp.example. rrsets=12 full=1000"
                + " fullFailed=2@6000\"");
    assertThat(SyncMarker.parse(m.toTxtValue(ZONE), ZONE)).contains(m);
  }

  @Test
  void next_carriesTheFullReconcileBookkeepingButNotTheSoa() {
    SyncMarker m =
        new SyncMarker(Serial.of(7), NS1, 12, Set.of(), null, Instant.ofEpochSecond(1000))
            .withFullFailure(Instant.ofEpochSecond(5000));
    SyncMarker next = m.next(Serial.of(8), 13, Set.of());
    assertThat(next.serial()).isEqualTo(Serial.of(8));
    assertThat(next.rrsets()).isEqualTo(13);
    assertThat(next.fullAt()).isEqualTo(Instant.ofEpochSecond(1000));
    assertThat(next.fullFailures()).isEqualTo(m.fullFailures());
    assertThat(next.soa()).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"zonesync=1 serial=7 lineage=a.\" | 1",
        "\"zonesync=2 serial=7 lineage=a. whatever=3\" | 2",
        "\"zonesync=12 serial=7\" | 12",
        "\"zonesync=\" | -1",
        "\"zonesyncx=1\" | -1",
        "\"v=spf1 -all\" | -1",
        "\"zonesync=9999999999999\" | -1",
        "not quoted at all\\ | -1"
      })
  void version_readsTheFormatNumberOnly(String value, int version) {
    assertThat(SyncMarker.version(value)).isEqualTo(version);
  }

  @Test
  void parse_ofANewerFormat_isNotThisVersionsMarker() {
    assertThat(SyncMarker.parse("\"zonesync=2 serial=7 lineage=ns1.corp.example.\"", ZONE))
        .isEmpty();
  }

  /** An AD-style long lineage and the SOA template: the other strings of a real marker. */
  private static SyncMarker markerWith(Set<DnsName> cuts) {
    DnsName lineage =
        DnsName.of("d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + ".example.");
    SoaTemplate soa =
        new SoaTemplate(
            900,
            "ns-2048.awsdns-64.net.",
            "awsdns-hostmaster.amazon.com.",
            7200,
            900,
            1209600,
            86400);
    return new SyncMarker(
        Serial.of(4294967295L), lineage, 123456, cuts, soa, Instant.ofEpochSecond(1796119200));
  }

  /** {@code count} cuts whose labels hold {@code copies} of {@code c}. */
  private static Set<DnsName> cuts(int count, String c, int copies) {
    Set<DnsName> cuts = new TreeSet<>();
    for (int i = 10; i < 10 + count; i++) {
      cuts.add(DnsName.of("c" + i + c.repeat(copies) + "." + ZONE.text()));
    }
    return cuts;
  }

  private static int listLength(Set<DnsName> cuts) {
    return cuts.stream().mapToInt(c -> c.text().length() - ZONE.text().length()).sum();
  }

  @Test
  void toTxtValue_whenTheCutListWouldPassRoute53sValueLimitOnceEscaped_leavesItOut() {
    // a quote is \034 in a name's text, and the TXT string escapes that backslash again
    Set<DnsName> quoted = cuts(16, "\\\"", 45);
    assertThat(listLength(quoted)).as("what the old bound measured").isLessThan(3000);

    String value = markerWith(quoted).toTxtValue(ZONE);

    assertThat(value.length()).isLessThanOrEqualTo(4000);
    assertThat(value).endsWith("\"cuts=?\"");
    assertThat(SyncMarker.parse(value, ZONE).orElseThrow().cuts()).isNull();
  }

  @Test
  void toTxtValue_whenAsLongACutListNeedsNoEscapes_keepsIt() {
    Set<DnsName> plain = cuts(48, "x", 58);
    assertThat(listLength(plain)).isLessThan(3000);

    String value = markerWith(plain).toTxtValue(ZONE);

    assertThat(value.length()).isLessThanOrEqualTo(4000);
    assertThat(SyncMarker.parse(value, ZONE).orElseThrow().cuts()).isEqualTo(plain);
  }
}
