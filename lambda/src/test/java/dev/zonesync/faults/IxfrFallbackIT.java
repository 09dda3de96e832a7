package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.Samples;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.ZoneFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * Every way a master can fail to answer an IXFR usefully — an error rcode, an empty answer, a
 * single SOA that is not the current one, the whole zone instead of differences (PowerDNS, Windows)
 * — ends in a full transfer that applies the master's zone exactly, with the reason in the report.
 * A {@link ScriptedMaster} (real TSIG) serves the sample zone; the expected content is the
 * hand-reviewed golden mirror with the one change edited in by hand.
 */
@Timeout(60)
class IxfrFallbackIT {

  private static final String SECRET = NamedServer.generateTsigSecret();
  private static final long NEXT = SAMPLE_SERIAL + 1;

  private ScriptedMaster master;

  @AfterEach
  void stop() {
    if (master != null) {
      master.close();
    }
  }

  enum Answer {
    REFUSED("IXFR refused (REFUSED)"),
    FORMERR("IXFR failed (FORMERR)"),
    SERVFAIL("IXFR failed (SERVFAIL)"),
    NOTIMP("IXFR not implemented (NOTIMP)"),
    NOTAUTH("IXFR rejected (NOTAUTH)"),
    EMPTY("empty answer to the IXFR"),
    STALE_SINGLE_SOA(
        "IXFR answer opens with serial "
            + SAMPLE_SERIAL
            + " but the master's SOA answer said "
            + NEXT),
    WHOLE_ZONE_SOA_ALONE_FIRST("the master answered IXFR with the whole zone");

    final String reason;

    Answer(String reason) {
      this.reason = reason;
    }
  }

  private static List<Record> zone(long serial, String mail2) {
    String text =
        ZoneFiles.bumpSerial(SyncHarness.sampleZone(), serial).replace("192.0.2.26", mail2);
    return ScriptedMaster.parseZone(text, ZONE);
  }

  private ZoneReport sync(String zoneId) {
    return SyncHarness.run(
        SyncHarness.engine(
            SyncHarness.Config.of(zoneId, master.hostPort()),
            SECRET,
            SyncHarness.moto().endpoint()),
        dev.zonesync.sync.SyncOptions.DEFAULT,
        Duration.ofSeconds(30));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Answer.class)
  void ixfr_whenTheAnswerIsUnusable_fallsBackToAxfrAndAppliesTheZoneExactly(Answer answer)
      throws IOException {
    master = ScriptedMaster.start(ZONE, KEY, SECRET, Duration.ZERO);
    master.soa = ScriptedMaster.soa(ZONE, SAMPLE_SERIAL);
    master.transfer = ScriptedMaster.axfrStream(zone(SAMPLE_SERIAL, "192.0.2.26"), 8);
    String zoneId = SyncHarness.moto().createPrivateHostedZone(ZONE);
    ZoneReport first = sync(zoneId);
    assertThat(first.status()).as(first.error()).isEqualTo(Status.APPLIED);

    // the master moves on; its IXFR answer is the scenario's
    List<Record> next = zone(NEXT, "192.0.2.27");
    master.soa = ScriptedMaster.soa(ZONE, NEXT);
    master.transfer = ScriptedMaster.axfrStream(next, 8);
    switch (answer) {
      case REFUSED -> master.ixfrRcode = Rcode.REFUSED;
      case FORMERR -> master.ixfrRcode = Rcode.FORMERR;
      case SERVFAIL -> master.ixfrRcode = Rcode.SERVFAIL;
      case NOTIMP -> master.ixfrRcode = Rcode.NOTIMP;
      case NOTAUTH -> master.ixfrRcode = Rcode.NOTAUTH;
      case EMPTY -> master.ixfr = List.of(List.of());
      case STALE_SINGLE_SOA ->
          master.ixfr = List.of(List.of(ScriptedMaster.soa(ZONE, SAMPLE_SERIAL)));
      case WHOLE_ZONE_SOA_ALONE_FIRST -> master.ixfr = soaAloneFirst(next);
    }
    int transfersBefore = master.transfers();

    ZoneReport r = sync(zoneId);
    System.out.printf(
        "MASTERS-TABLE | scripted | IXFR answer %s | %s | %s | %s | %s%n",
        answer, r.status(), r.transfer(), r.apiCalls(), r.reason());

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(r.reason()).contains(answer.reason);
    assertThat(master.ixfrs()).isEqualTo(1);
    // the whole-zone answer is used as is; every other answer costs one AXFR more
    assertThat(master.transfers() - transfersBefore)
        .isEqualTo(answer == Answer.WHOLE_ZONE_SOA_ALONE_FIRST ? 1 : 2);
    assertThat(mirror(zoneId)).containsExactlyInAnyOrderElementsOf(expectedAfterChange());
    SyncHarness.assertSerialHonest(zoneId, NEXT);
  }

  /** The whole zone, AXFR-style, with the opening SOA alone in the first message. */
  static List<List<Record>> soaAloneFirst(List<Record> zone) {
    List<List<Record>> stream = ScriptedMaster.axfrStream(zone, 8);
    List<List<Record>> out = new ArrayList<>();
    List<Record> first = stream.get(0);
    out.add(List.of(first.get(0)));
    out.add(first.subList(1, first.size()));
    out.addAll(stream.subList(1, stream.size()));
    assertThat(out.get(0).get(0)).isInstanceOf(SOARecord.class);
    return out;
  }

  private static List<String> expectedAfterChange() throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(Samples.sample("corp.example.mirror"))) {
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      out.add(
          l.replace("mail2.corp.example. A 600 192.0.2.26", "mail2.corp.example. A 600 192.0.2.27")
              .replace("serial=" + SAMPLE_SERIAL, "serial=" + NEXT));
    }
    return out;
  }

  /** The hosted zone in the golden file's format, apex NS and SOA left out. */
  static List<String> mirror(String zoneId) {
    return SyncHarness.mirrorLines(zoneId);
  }
}
