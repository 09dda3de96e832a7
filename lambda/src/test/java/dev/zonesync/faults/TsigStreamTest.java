package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.TsigKey;
import dev.zonesync.source.DnsZoneSource;
import dev.zonesync.source.SourceException;
import dev.zonesync.source.TransferVerificationException;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.ZoneFiles;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * TSIG on multi-message transfers as RFC 8945 section 5.3.1 requires of a client: accept up to 99
 * unsigned messages between signatures, each covered by the next signature; refuse an unsigned
 * first or last message, 100 unsigned in a row, any bad signature, and a transfer that stops while
 * unsigned. The master is a {@link ScriptedMaster} whose signer is written from the RFC (not
 * dnsjava's generator), so the verifier is checked against an independent implementation.
 */
@Timeout(30)
class TsigStreamTest {

  private static final String ZONE = "corp.example.";
  private static final String SECRET = NamedServer.generateTsigSecret();

  /** 1 200 RRsets, 4 records a message: about 480 messages, enough for gaps of 100. */
  private static final String ZONE_TEXT = ZoneFiles.generate(ZONE, 1_200, 10, 7);

  private static final List<Record> RECORDS = ScriptedMaster.parseZone(ZONE_TEXT, ZONE);

  private ScriptedMaster master;

  @AfterEach
  void stop() {
    if (master != null) {
      master.close();
    }
  }

  private ScriptedMaster start() {
    master = ScriptedMaster.start(ZONE, KEY, SECRET, Duration.ZERO);
    master.soa = ScriptedMaster.soa(ZONE, 10);
    master.transfer = ScriptedMaster.axfrStream(RECORDS, 4);
    return master;
  }

  private DnsZoneSource source() {
    return new DnsZoneSource(
        DnsName.of(ZONE),
        List.of(Master.parse(master.hostPort())),
        TsigKey.fromBase64(DnsName.of(KEY), "hmac-sha256", SECRET),
        SourceLimits.DEFAULT);
  }

  private Transfer axfr() {
    return source().axfr(null, Deadline.after(Duration.ofSeconds(20)));
  }

  /** The RRsets (name and type) the generator wrote, SOA excluded: the expected snapshot keys. */
  private static Set<String> generatedRRsets() {
    Set<String> out = new HashSet<>();
    for (Record r : RECORDS) {
      if (r.getType() != Type.SOA) {
        out.add(r.getName().toString().toLowerCase() + " " + Type.string(r.getType()));
      }
    }
    return out;
  }

  private static Set<String> keys(Transfer t) {
    Set<String> out = new HashSet<>();
    t.snapshot()
        .rrsets()
        .forEach(r -> out.add(r.name().text() + " " + Type.string(r.type().code())));
    return out;
  }

  @ParameterizedTest(name = "signed every {0} messages")
  @ValueSource(ints = {1, 2, 50, 99, 100})
  void axfr_whenTheMasterSignsEveryNthMessage_isAcceptedWhole(int n) {
    start().signEvery = n;
    int messages = master.transfer.size();

    Transfer t = axfr();

    assertThat(t.messages()).isEqualTo(messages);
    assertThat(t.records()).isEqualTo(RECORDS.size() + 1); // the SOA twice
    assertThat(keys(t)).isEqualTo(generatedRRsets());
  }

  @Test
  void axfr_when100MessagesInARowAreUnsigned_isRefusedAtTheHundredthUnsigned() {
    start().signEvery = 101; // message 1 signed, 2..101 not

    assertThatThrownBy(this::axfr)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("failed on message 101 of the AXFR")
        .hasMessageContaining("100 messages in a row without a signature");
  }

  @Test
  void axfr_whenTheFirstMessageIsUnsigned_isRefused() {
    start().signFirstMessage = false;

    assertThatThrownBy(this::axfr)
        .hasMessageContaining("failed on message 1 of the AXFR (the first message is not signed)");
  }

  @Test
  void axfr_whenTheLastMessageIsUnsigned_isRefused() {
    start().signEvery = 2;
    master.signLastMessage = false;
    int messages = master.transfer.size();
    assertThat(messages % 2).as("the last message falls between signatures").isZero();

    assertThatThrownBy(this::axfr)
        .hasMessageContaining(
            "failed on message " + messages + " of the AXFR (the last message is not signed)");
  }

  @Test
  void axfr_whenASignatureInTheMiddleIsWrong_isRefused() {
    start().signEvery = 50;
    master.corruptSignatureOf = 100; // the third signature, covering messages 52..101

    assertThatThrownBy(this::axfr)
        .hasMessageContaining("TSIG verification failed on message 101 of the AXFR (BADSIG)");
  }

  @Test
  void axfr_whenTheStreamStopsAfterUnsignedMessages_isRefusedAsIncomplete() {
    start().signEvery = 10;
    // 25 messages (signed: 1, 11, 21), then the master hangs up without the closing SOA
    master.transfer = master.transfer.subList(0, 25);
    master.closeAfterAnswer = true;

    assertThatThrownBy(this::axfr)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("connection closed after 100 records, before the end of the AXFR");
  }

  // ------------------------------------------------------------------------------------------
  // IXFR edges

  private IxfrOutcome ixfr(long from, long current) {
    return source()
        .ixfr(
            new SourceSerial(
                Serial.of(current), DnsName.of("ns1." + ZONE), Master.parse(master.hostPort())),
            Serial.of(from),
            Deadline.after(Duration.ofSeconds(20)));
  }

  /**
   * Two differences (10 → 11 → 12), split so that unsigned messages end on the SOA records in the
   * middle of the answer — where a client that took "ends with an SOA" for "last message" would
   * stop verifying.
   */
  private static List<List<Record>> twoDifferences() {
    Record soa10 = ScriptedMaster.soa(ZONE, 10);
    Record soa11 = ScriptedMaster.soa(ZONE, 11);
    Record soa12 = ScriptedMaster.soa(ZONE, 12);
    return List.of(
        List.of(soa12, soa10), // message 1: signed
        List.of(ScriptedMaster.record("www.corp.example. 300 IN A 192.0.2.1"), soa11), // unsigned
        List.of(ScriptedMaster.record("www.corp.example. 300 IN A 192.0.2.2"), soa11), // unsigned
        List.of(soa12), // message 4: signed (every 3rd) — ends on the next difference's SOA
        List.of(ScriptedMaster.record("www.corp.example. 300 IN A 192.0.2.3"), soa12)); // last
  }

  @Test
  void ixfr_whenUnsignedMessagesEndOnMidTransferSoas_isVerifiedToTheEndAndApplied() {
    start().signEvery = 3;
    master.soa = ScriptedMaster.soa(ZONE, 12);
    master.ixfr = twoDifferences();

    IxfrOutcome outcome = ixfr(10, 12);

    assertThat(outcome).isInstanceOf(IxfrOutcome.Incremental.class);
    IxfrOutcome.Incremental inc = (IxfrOutcome.Incremental) outcome;
    assertThat(inc.delta().to().serial()).isEqualTo(Serial.of(12));
    RRsetDelta www = inc.delta().rrsets().get(new RRsetKey(DnsName.of("www." + ZONE), RrType.A));
    assertThat(www.removed()).containsExactly("192.0.2.1");
    assertThat(www.added()).containsExactlyInAnyOrder("192.0.2.2", "192.0.2.3");
    assertThat(inc.messages()).isEqualTo(5);
  }

  @Test
  void ixfr_whenTheMessageAfterAMidTransferSoaIsTheUnsignedLastOne_isRefused() {
    start().signEvery = 3;
    master.signLastMessage = false;
    master.soa = ScriptedMaster.soa(ZONE, 12);
    master.ixfr = twoDifferences();

    assertThatThrownBy(() -> ixfr(10, 12))
        .isInstanceOf(TransferVerificationException.class)
        .hasMessageContaining("failed on message 5 of the IXFR (the last message is not signed)");
  }

  @Test
  void ixfr_whenTheAnswerIsSignedButEmpty_failsAsEmptyNotAsATsigError() {
    start().soa = ScriptedMaster.soa(ZONE, 11);
    master.ixfr = List.of(List.of());

    assertThatThrownBy(() -> ixfr(10, 11))
        .isInstanceOf(TransferVerificationException.class)
        .hasMessageContaining("empty answer to the IXFR")
        .hasMessageNotContaining("TSIG");
  }
}
