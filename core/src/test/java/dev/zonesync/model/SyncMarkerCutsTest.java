package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SyncMarkerCutsTest {

  private static final DnsName ZONE = DnsName.of("2.0.192.in-addr.arpa.");
  private static final DnsName NS1 = DnsName.of("ns1.example.");

  private static SyncMarker roundTrip(Set<DnsName> cuts) {
    SyncMarker m = new SyncMarker(Serial.of(7), NS1, 12, cuts);
    String value = m.toTxtValue(ZONE);
    // what Route 53 gives back, through its octal escapes
    String route53 = Rdata.render(RrType.TXT, value, Escaping.OCTAL);
    String canonical = Rdata.canonicalize(RrType.TXT, route53, Escaping.OCTAL);
    return SyncMarker.parse(canonical, ZONE).orElseThrow();
  }

  @Test
  void cutOfClasslessReverseDelegation_rfc2317_roundTripsExactly() {
    DnsName cut = DnsName.of("64/26." + ZONE.text());
    assertThat(cut.text()).isEqualTo("64\\04726." + ZONE.text());
    SyncMarker once = roundTrip(Set.of(cut));
    assertThat(once.cuts()).containsExactly(cut);
    // and again: no backslash gained per round
    assertThat(roundTrip(once.cuts()).cuts()).containsExactly(cut);
  }

  @Test
  void cutNames_ofEveryByteValue_roundTripExactly() {
    Set<DnsName> cuts = new TreeSet<>();
    for (int b = 0; b < 256; b++) {
      cuts.add(DnsName.fromLabels(labels("c", b)));
    }
    assertThat(cuts).hasSize(256 - 26); // A-Z fold to a-z
    assertThat(roundTrip(cuts).cuts()).isEqualTo(cuts);
  }

  @Test
  void cutsAndLongLineage_survivingStringSplits() {
    Set<DnsName> cuts = new TreeSet<>();
    for (int i = 0; i < 40; i++) {
      cuts.add(DnsName.fromLabels(labels("sub" + i, '"')));
    }
    SyncMarker m = roundTrip(cuts);
    assertThat(m.cuts()).isEqualTo(cuts);
    assertThat(m.rrsets()).isEqualTo(12);
    assertThat(m.serial()).isEqualTo(Serial.of(7));
  }

  /** Labels of {@code <prefix><byte>z} followed by the zone's labels. */
  private static List<byte[]> labels(String prefix, int b) {
    List<byte[]> out = new ArrayList<>();
    byte[] p = prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] l = new byte[p.length + 2];
    System.arraycopy(p, 0, l, 0, p.length);
    l[p.length] = (byte) b;
    l[p.length + 1] = 'z';
    out.add(l);
    out.addAll(ZONE.labels());
    return out;
  }
}
