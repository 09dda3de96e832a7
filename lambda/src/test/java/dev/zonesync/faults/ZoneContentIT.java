package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.content;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.sync.Status;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.ZoneFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * A master that serves a zone zonesync must not trust (docs/architecture.md, invariant 2: a plan
 * only from a complete, verified transfer with consistent opening and closing SOA, no names outside
 * the zone, an apex SOA and NS), or a zone that lost most of its data (invariant 6: safety
 * thresholds). The transfers are TSIG-signed on every message, so only the content is wrong. The
 * hosted zone holds a complete earlier sync of the sample zone; it must end exactly as it was.
 */
@Timeout(60)
class ZoneContentIT {

  private static Route53Proxy route53;
  private static String secret;
  private static String zoneId;
  private static List<Record> newerZone;

  private ScriptedMaster master;
  private List<String> before;

  @BeforeAll
  static void syncedHostedZone() {
    route53 = Route53Proxy.in(SyncHarness.moto());
    secret = NamedServer.generateTsigSecret();
    zoneId = SyncHarness.moto().createPrivateHostedZone(ZONE);
    try (NamedServer good =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zoneText(ZONE, SyncHarness.sampleZone())
            .start()) {
      ZoneReport first =
          run(
              SyncHarness.engine(
                  SyncHarness.Config.of(zoneId, good.hostPort()), secret, route53.endpoint()));
      assertThat(first.status()).as(first.error()).isEqualTo(Status.APPLIED);
    }
    newerZone =
        ScriptedMaster.parseZone(
            ZoneFiles.bumpSerial(SyncHarness.sampleZone(), SAMPLE_SERIAL + 1), ZONE);
  }

  @AfterAll
  static void stopRoute53() {
    route53.close();
  }

  @BeforeEach
  void master() {
    master = ScriptedMaster.start(ZONE, KEY, secret, java.time.Duration.ZERO);
    master.soa = ScriptedMaster.soa(ZONE, SAMPLE_SERIAL + 1);
    before = content(zoneId);
    route53.clear();
  }

  @AfterEach
  void stop() {
    master.close();
  }

  private static SOARecord opening() {
    return (SOARecord) newerZone.get(0);
  }

  /** A stream of the newer zone, changed by {@code edit} (opening SOA first, closing SOA last). */
  private static List<List<Record>> stream(UnaryOperator<List<Record>> edit) {
    List<Record> all = new ArrayList<>();
    all.add(opening());
    all.addAll(newerZone.subList(1, newerZone.size()));
    all.add(opening());
    all = edit.apply(all);
    List<List<Record>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 8) {
      out.add(List.copyOf(all.subList(i, Math.min(all.size(), i + 8))));
    }
    return out;
  }

  enum Broken {
    /** The transfer answer carries no records at all. */
    EMPTY_ANSWER("empty answer to the AXFR"),
    /** Opening and closing SOA and nothing else: no apex NS. */
    SOA_ONLY("no NS records at the zone apex"),
    /** A record of another zone inside the transfer. */
    OUT_OF_ZONE_NAME("is outside the zone"),
    /** The closing SOA has another serial: the zone changed during the transfer. */
    CLOSING_SOA_OTHER_SERIAL("differs from the opening SOA"),
    /** The closing SOA has the same serial but another field. */
    CLOSING_SOA_OTHER_FIELD("differs from the opening SOA"),
    /** The stream does not start with the zone's SOA. */
    NO_OPENING_SOA("does not start with the zone's SOA"),
    /** Records follow the closing SOA. */
    DATA_AFTER_CLOSING_SOA("data after the end");

    final String cause;

    Broken(String cause) {
      this.cause = cause;
    }
  }

  private static List<List<Record>> transferFor(Broken b) {
    return switch (b) {
      case EMPTY_ANSWER -> List.of(List.of());
      case SOA_ONLY -> List.of(List.of(opening(), opening()));
      case OUT_OF_ZONE_NAME ->
          stream(
              l -> {
                l.add(5, ScriptedMaster.record("www.other.example. 300 IN A 192.0.2.99"));
                return l;
              });
      case CLOSING_SOA_OTHER_SERIAL ->
          stream(
              l -> {
                l.set(l.size() - 1, ScriptedMaster.soa(ZONE, SAMPLE_SERIAL + 2));
                return l;
              });
      case CLOSING_SOA_OTHER_FIELD ->
          stream(
              l -> {
                SOARecord o = opening();
                l.set(
                    l.size() - 1,
                    ScriptedMaster.soa(ZONE, o.getHost().toString(), o.getSerial(), 86400));
                return l;
              });
      case NO_OPENING_SOA -> stream(l -> new ArrayList<>(l.subList(1, l.size())));
      case DATA_AFTER_CLOSING_SOA ->
          stream(
              l -> {
                l.add(ScriptedMaster.record("late.corp.example. 300 IN A 192.0.2.98"));
                return l;
              });
    };
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Broken.class)
  void transfer_whenZoneContentCannotBeTrusted_failsAndLeavesRoute53Unchanged(Broken broken) {
    master.transfer = transferFor(broken);

    ZoneReport r =
        run(
            SyncHarness.engine(
                SyncHarness.Config.of(zoneId, master.hostPort()), secret, route53.endpoint()));

    assertThat(r.status()).as("%s", r).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains(master.hostPort()).contains(broken.cause);
    assertThat(master.transfers()).as("IXFR, then the AXFR fallback").isEqualTo(2);
    assertThat(route53.calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(zoneId)).isEqualTo(before);
    assertSerialHonest(zoneId, SAMPLE_SERIAL);
  }

  @Test
  void transfer_whenTheSameStreamIsValid_isApplied() {
    // the control: the scripted master's unbroken stream is accepted, so the failures above are
    // the content's doing (a hosted zone of its own, so the shared one stays at the old serial)
    master.transfer = stream(UnaryOperator.identity());
    String fresh = SyncHarness.moto().createPrivateHostedZone(ZONE);

    ZoneReport r =
        run(
            SyncHarness.engine(
                SyncHarness.Config.of(fresh, master.hostPort()), secret, route53.endpoint()));

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertSerialHonest(fresh, SAMPLE_SERIAL + 1);
    assertThat(SyncHarness.hostedData(fresh))
        .isEqualTo(SyncHarness.masterMirror(fresh, master.hostPort(), secret));
  }

  @Test
  void transfer_whenTheMastersZoneWasEmptied_isRejectedByTheSafetyThresholdAndChangesNothing() {
    master.close();
    String emptied =
        """
        $ORIGIN corp.example.
        $TTL 3600
        @ IN SOA ns1.corp.example. hostmaster.corp.example. ( %d 3600 600 1209600 300 )
        @ IN NS ns1
        ns1 IN A 192.0.2.53
        """
            .formatted(SAMPLE_SERIAL + 1);
    try (NamedServer named =
        NamedServer.builder().tsigKey(KEY, "hmac-sha256", secret).zoneText(ZONE, emptied).start()) {

      ZoneReport r =
          run(
              SyncHarness.engine(
                  SyncHarness.Config.of(zoneId, named.hostPort()), secret, route53.endpoint()));

      assertThat(r.status()).as("%s", r).isEqualTo(Status.REJECTED);
      assertThat(r.error()).contains("maxDeleteFraction");
      assertThat(r.changes().delete()).isGreaterThan(20);
    }
    assertThat(route53.calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(zoneId)).isEqualTo(before);
    assertSerialHonest(zoneId, SAMPLE_SERIAL);
  }
}
