package dev.zonesync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetyCheckTest {

  private static Plan planWith(int managed, int deletes, int updates) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < deletes; i++) {
      changes.add(new Change.Delete(set("d" + i)));
    }
    for (int i = 0; i < updates; i++) {
      HostedRRset h = set("u" + i);
      changes.add(new Change.Update(h, new RRset(h.name(), h.type(), 60, h.values())));
    }
    return new Plan(
        Fixtures.ZONE, Serial.of(2), changes, List.of(), List.of(), managed, managed - deletes);
  }

  private static HostedRRset set(String label) {
    RRset r = new RRset(DnsName.of(label + ".corp.example."), RrType.A, 300, List.of("192.0.2.1"));
    return HostedRRset.plain(r, r.values());
  }

  @ParameterizedTest(name = "{0} managed, {1} deletes, {2} updates, force={3} -> {4}")
  @CsvSource({
    "100, 30, 0, false, accepted",
    "100, 31, 0, false, rejected",
    "100, 0, 30, false, accepted",
    "100, 0, 31, false, rejected",
    "100, 31, 0, true, accepted",
    "9, 9, 0, false, accepted",
    "10, 4, 0, false, rejected",
    "10, 3, 3, false, accepted",
    "0, 0, 0, false, accepted"
  })
  void check_appliesThresholdsOfDefaultLimits(
      int managed, int deletes, int updates, boolean force, String verdict) {
    SafetyVerdict v =
        SafetyCheck.check(planWith(managed, deletes, updates), SafetyLimits.DEFAULT, force);
    assertThat(v instanceof SafetyVerdict.Accepted ? "accepted" : "rejected").isEqualTo(verdict);
  }

  @ParameterizedTest
  @CsvSource({"0.10, 11, rejected", "0.10, 10, accepted", "1.0, 100, accepted"})
  void check_honoursPerZoneDeleteLimit(double fraction, int deletes, String verdict) {
    SafetyVerdict v =
        SafetyCheck.check(planWith(100, deletes, 0), new SafetyLimits(fraction, 0.3, 10), false);
    assertThat(v instanceof SafetyVerdict.Accepted ? "accepted" : "rejected").isEqualTo(verdict);
  }

  @org.junit.jupiter.api.Test
  void check_whenRejected_explainsNumbersAndWayOut() {
    SafetyVerdict v = SafetyCheck.check(planWith(20, 12, 0), SafetyLimits.DEFAULT, false);
    assertThat(v).isInstanceOf(SafetyVerdict.Rejected.class);
    assertThat(((SafetyVerdict.Rejected) v).reason())
        .contains("corp.example.")
        .contains("delete 12 of 20")
        .contains("60.0 %")
        .contains("maxDeleteFraction")
        .contains("force")
        .contains("Nothing was changed");
  }

  @org.junit.jupiter.api.Test
  void check_whenForced_saysWhatItOverrode() {
    SafetyVerdict v = SafetyCheck.check(planWith(20, 12, 0), SafetyLimits.DEFAULT, true);
    assertThat(((SafetyVerdict.Accepted) v).overridden()).contains("overridden by force");
  }
}
