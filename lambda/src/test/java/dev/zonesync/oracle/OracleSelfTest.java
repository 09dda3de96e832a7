package dev.zonesync.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.oracle.ZoneVersion.Data;
import dev.zonesync.oracle.ZoneVersion.Key;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The oracle's own parts: the master's answers and the reference mirror. */
class OracleSelfTest {

  private static final String Z = ZoneVersion.ZONE;

  private static ZoneVersion version(long serial, Object... keyData) {
    TreeMap<Key, Data> m = new TreeMap<>();
    m.put(new Key(Z, "NS"), Data.of(86400, List.of("ns1." + Z)));
    for (int i = 0; i < keyData.length; i += 2) {
      m.put((Key) keyData[i], (Data) keyData[i + 1]);
    }
    return new ZoneVersion(serial, ZoneVersion.MNAME, m);
  }

  private static Key key(String owner, String type) {
    return new Key(owner + Z, type);
  }

  private static RRsetKey rkey(String owner, String type) {
    return new RRsetKey(DnsName.of(owner + Z), RrType.fromName(type));
  }

  private static final Deadline LATER = Deadline.after(Duration.ofMinutes(1));

  @Test
  void master_answersQueriesAsRfc4592Says() {
    ZoneVersion v =
        version(
            1,
            key("*.w.", "A"),
            Data.of(300, List.of("192.0.2.7")),
            key("h1.w.", "A"),
            Data.of(300, List.of("192.0.2.1")));
    HistoryMaster m = new HistoryMaster(List.of(v));
    SourceSerial at = m.serial(LATER);
    RRsetKey gone = rkey("gone.w.", "A");
    Map<RRsetKey, RRset> asIfReal =
        m.rrsets(
            at,
            Set.of(gone, rkey("h1.w.", "TXT"), rkey("w.", "A"), rkey("a.h1.w.", "A")),
            Set.of(),
            LATER);
    // a name that does not exist: the wildcard answers, owner = the query name
    assertThat(asIfReal).containsOnlyKeys(gone);
    assertThat(asIfReal.get(gone).values()).containsExactly("192.0.2.7");
    // the same key reported absent when the caller says the name may be gone
    assertThat(m.rrsets(at, Set.of(gone), Set.of(gone), LATER)).isEmpty();
  }

  @Test
  void master_foldsAMultiVersionIxfrRecordByRecord() {
    Key k = key("h.", "A");
    HistoryMaster m =
        new HistoryMaster(
            List.of(
                version(1000, k, Data.of(300, List.of("192.0.2.1"))),
                version(1001, k, Data.of(600, List.of("192.0.2.1"))),
                version(1002)));
    m.publish(2);
    IxfrOutcome o = m.ixfr(m.serial(LATER), Serial.of(1000), LATER);
    // deleted at TTL 300, re-added at 600, deleted at 600: gone, whatever TTLs it passed through
    RRsetDelta d = ((IxfrOutcome.Incremental) o).delta().rrsets().get(rkey("h.", "A"));
    assertThat(d.removed()).containsExactly("192.0.2.1");
    assertThat(d.kept()).isEmpty();
    assertThat(d.added()).isEmpty();
    assertThat(((IxfrOutcome.Incremental) o).delta().to().serial()).isEqualTo(Serial.of(1002));
    assertThat(m.ixfr(m.serial(LATER), Serial.of(1001), LATER))
        .isInstanceOf(IxfrOutcome.Incremental.class);
    m.loseJournal();
    assertThat(m.ixfr(m.serial(LATER), Serial.of(1001), LATER))
        .isInstanceOf(IxfrOutcome.WholeZone.class);
  }

  private static ResourceRecordSet set(String name, String type, long ttl, String... values) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(type)
        .ttl(ttl)
        .resourceRecords(
            java.util.Arrays.stream(values)
                .map(v -> ResourceRecord.builder().value(v).build())
                .toList())
        .build();
  }

  @Test
  void mirror_readsRoute53sTextAsTheMastersData() {
    ZoneVersion v =
        version(
            1,
            key("*.w.", "TXT"),
            Data.of(300, List.of("\"caf\\195\\169\" \"x\"")),
            key("h1.", "CNAME"),
            Data.of(60, List.of("t.example.net.")));
    Mirror.Hosted h =
        Mirror.hosted(
            List.of(
                set(Z, "SOA", 900, "ns. host. 7 1 1 1 1"),
                set(Z, "NS", 172800, "ns-1.awsdns-00.org."),
                set("\\052.w." + Z, "TXT", 300, "\"caf\\303\\251\" \"x\""),
                set("H1." + Z.toUpperCase(java.util.Locale.ROOT), "CNAME", 60, "T.Example.NET."),
                set(
                    "_zonesync." + Z,
                    "TXT",
                    300,
                    "\"zonesync=1 serial=7 lineage=ns1." + Z + "\"")));
    assertThat(Mirror.differences(h.data(), Mirror.expected(v), Set.of())).isEmpty();
    assertThat(h.soaSerial()).isEqualTo(7);
    assertThat(h.markerSerial()).isEqualTo(7);
  }

  @Test
  void mirror_findsEveryShapeOfDifference_andSkipsOnlyTheAllowedKeys() {
    ZoneVersion v =
        version(
            1,
            key("a.", "A"),
            Data.of(300, List.of("192.0.2.1", "192.0.2.2")),
            key("b.", "A"),
            Data.of(300, List.of("192.0.2.3")),
            key("c.", "A"),
            Data.of(300, List.of("192.0.2.4")),
            key("d.", "A"),
            Data.of(300, List.of("192.0.2.5")));
    Mirror.Hosted h =
        Mirror.hosted(
            List.of(
                set("a." + Z, "A", 300, "192.0.2.1"),
                set("b." + Z, "A", 60, "192.0.2.3"),
                set("c." + Z, "A", 300, "192.0.2.4", "10.0.0.1"),
                set("e." + Z, "A", 300, "192.0.2.9")));
    assertThat(Mirror.differences(h.data(), Mirror.expected(v), Set.of()))
        .hasSize(5)
        .anyMatch(l -> l.startsWith("a." + Z + " A"))
        .anyMatch(l -> l.startsWith("b." + Z + " A"))
        .anyMatch(l -> l.startsWith("c." + Z + " A"))
        .anyMatch(l -> l.startsWith("d." + Z + " A: Route 53 has nothing"))
        .anyMatch(l -> l.startsWith("e." + Z + " A") && l.endsWith("mirror nothing"));
    assertThat(Mirror.differences(h.data(), Mirror.expected(v), Set.of(new Key("a." + Z, "A"))))
        .hasSize(4);
  }
}
