package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.hosted;
import static dev.zonesync.plan.Fixtures.hostedNs;
import static dev.zonesync.plan.Fixtures.legacyMarker;
import static dev.zonesync.plan.Fixtures.marker;
import static dev.zonesync.plan.Fixtures.plan;
import static dev.zonesync.plan.Fixtures.rr;
import static dev.zonesync.plan.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.HostedRRset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SOA's fields other than the serial, on a full reconcile: the ones the marker recorded,
 * whatever Route 53 holds now (README, "Ownership"). The values below are written by hand.
 */
class CommitSoaRuleTest {

  private static final String RECORDED =
      "ns-2048.awsdns-64.net. hostmaster.example.com. 9 7200 900 1209600 86400";

  private static HostedRRset soa(long ttl, String value) {
    return hosted("@", "SOA", ttl, value);
  }

  private static List<String> soaChanges(Plan p) {
    return p.commit().stream()
        .filter(c -> c.type().mnemonic().equals("SOA"))
        .map(c -> (Change.Update) c)
        .map(u -> u.desired().ttl() + " " + u.desired().values().get(0))
        .toList();
  }

  @Test
  void fullPlan_whenSoaFieldsWereEditedByHand_restoresTheRecordedOnes() {
    HostedRRset edited =
        soa(60, "ns-2048.awsdns-64.net. hostmaster.example.com. 9 7200 900 1209600 60");
    Plan p =
        plan(
            snapshot(9, rr("www", "A", 300, "192.0.2.1")),
            List.of(edited, hostedNs(), hosted("www", "A", 300, "192.0.2.1"), marker(9, 1)));

    assertThat(p.changes()).isEmpty();
    assertThat(soaChanges(p)).containsExactly("900 " + RECORDED);
  }

  @Test
  void fullPlan_whenTheSerialMoves_keepsTheRecordedFieldsAndWritesTheNewSerial() {
    HostedRRset edited =
        soa(60, "ns-2048.awsdns-64.net. hostmaster.example.com. 9 7200 900 1209600 60");
    Plan p = plan(snapshot(10), List.of(edited, hostedNs(), marker(9, 0)));

    assertThat(soaChanges(p))
        .containsExactly(
            "900 ns-2048.awsdns-64.net. hostmaster.example.com. 10 7200 900 1209600 86400");
  }

  @Test
  void fullPlan_whenTheMarkerRecordsNoSoa_adoptsTheSoaAsFound() {
    HostedRRset found =
        soa(60, "ns-2048.awsdns-64.net. hostmaster.example.com. 9 7200 900 1209600 60");
    Plan p = plan(snapshot(10), List.of(found, hostedNs(), legacyMarker(9, 0)));

    assertThat(soaChanges(p))
        .containsExactly(
            "60 ns-2048.awsdns-64.net. hostmaster.example.com. 10 7200 900 1209600 60");
    assertThat(p.commit().get(p.commit().size() - 1).name().text())
        .isEqualTo("_zonesync.corp.example.");
  }

  @Test
  void fullPlan_whenTheSoaIsAsRecorded_leavesItAlone() {
    Plan p = plan(snapshot(9), List.of(soa(900, RECORDED), hostedNs(), marker(9, 0)));
    assertThat(soaChanges(p)).isEmpty();
  }
}
