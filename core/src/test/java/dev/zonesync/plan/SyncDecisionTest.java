package dev.zonesync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Serial;
import dev.zonesync.model.SyncMarker;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision as a table: mode, who owns the serial, what Route 53 and the master hold. */
class SyncDecisionTest {

  private static final DnsName NS1 = DnsName.of("ns1.corp.example.");
  private static final DnsName DC2 = DnsName.of("dc2.corp.example.");

  private static Optional<SyncMarker> marker(long serial, DnsName lineage) {
    return Optional.of(new SyncMarker(Serial.of(serial), lineage, 40, Set.of()));
  }

  /** mode, owns SOA, hosted serial, marker, source serial, source lineage, expected decision. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            SyncMode.NORMAL, true, 5, marker(5, NS1), 5, NS1, "UpToDate: serial 5 already applied"),
        Arguments.of(
            SyncMode.NORMAL,
            false,
            1,
            marker(5, NS1),
            5,
            NS1,
            "UpToDate: serial 5 already applied"),
        Arguments.of(SyncMode.NORMAL, true, 5, marker(5, NS1), 6, NS1, "Incremental from 5"),
        Arguments.of(SyncMode.NORMAL, false, 1, marker(5, NS1), 6, NS1, "Incremental from 5"),
        // serial arithmetic wraps (RFC 1982): 1 is newer than 4294967295
        Arguments.of(
            SyncMode.NORMAL,
            true,
            4294967295L,
            marker(4294967295L, NS1),
            1,
            NS1,
            "Incremental from 4294967295"),
        Arguments.of(
            SyncMode.NORMAL,
            true,
            5,
            Optional.empty(),
            6,
            NS1,
            "Full: no zonesync marker in the hosted zone (first sync, or removed)"),
        Arguments.of(
            SyncMode.NORMAL,
            true,
            7,
            marker(5, NS1),
            5,
            NS1,
            "Full: hosted zone serial 7 differs from the marker's 5 (changed outside zonesync)"),
        Arguments.of(
            SyncMode.NORMAL,
            true,
            5,
            marker(5, NS1),
            5,
            DC2,
            "Full: serial lineage changed from ns1.corp.example. to dc2.corp.example. (another master,"
                + " e.g. another domain controller): full sync"),
        Arguments.of(
            SyncMode.NORMAL,
            true,
            5,
            marker(5, NS1),
            4,
            NS1,
            "Full: the master's serial 4 is older than the applied 5 (serial went backwards or was"
                + " reset): full sync"),
        Arguments.of(
            SyncMode.NORMAL,
            true,
            5,
            Optional.of(new SyncMarker(Serial.of(5), NS1, 40, null)),
            6,
            NS1,
            "Full: the marker does not record the zone's delegations; full sync"),
        Arguments.of(
            SyncMode.NORMAL,
            true,
            5,
            Optional.of(new SyncMarker(Serial.of(5), NS1, -1, Set.of())),
            6,
            NS1,
            "Full: the marker does not record the zone's delegations; full sync"),
        // asked-for full syncs ignore what the marker proves, even an up-to-date one
        Arguments.of(SyncMode.FORCED, true, 5, marker(5, NS1), 5, NS1, "Full: forced"),
        Arguments.of(
            SyncMode.FULL, true, 5, marker(5, NS1), 5, NS1, "Full: full reconcile requested"),
        Arguments.of(
            SyncMode.FORCED_FULL,
            true,
            5,
            Optional.empty(),
            6,
            NS1,
            "Full: full reconcile requested"));
  }

  @ParameterizedTest(name = "[{index}] {0} ownsSoa={1} hosted={2} marker={3} source={4}/{5} -> {6}")
  @MethodSource("table")
  void decide_followsTheTable(
      SyncMode mode,
      boolean ownsSoa,
      long hosted,
      Optional<SyncMarker> marker,
      long source,
      DnsName lineage,
      String expected) {
    SyncDecision d =
        SyncDecision.decide(mode, ownsSoa, Serial.of(hosted), marker, Serial.of(source), lineage);
    String actual =
        switch (d) {
          case SyncDecision.UpToDate u -> "UpToDate: " + u.reason();
          case SyncDecision.Incremental i -> "Incremental from " + i.from().serial();
          case SyncDecision.Full f -> "Full: " + f.reason();
        };
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void mode_of_mapsTheTwoRequestFlags() {
    assertThat(SyncMode.of(false, false)).isEqualTo(SyncMode.NORMAL);
    assertThat(SyncMode.of(false, true)).isEqualTo(SyncMode.FULL);
    assertThat(SyncMode.of(true, false)).isEqualTo(SyncMode.FORCED);
    assertThat(SyncMode.of(true, true)).isEqualTo(SyncMode.FORCED_FULL);
    assertThat(SyncMode.NORMAL.overridesSafety()).isFalse();
    assertThat(SyncMode.FULL.overridesSafety()).isFalse();
    assertThat(SyncMode.FORCED.overridesSafety()).isTrue();
    assertThat(SyncMode.FORCED_FULL.overridesSafety()).isTrue();
  }
}
