package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.content;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.ZoneFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Rcode;

/**
 * A master that answers, but with an error: the zone must FAIL with a message that names the master
 * and the cause an operator can act on, Route 53 must stay exactly as it was. Real BIND where BIND
 * can produce the error; a {@link ScriptedMaster} (real TSIG, scripted answers) where it cannot.
 * The hosted zone holds a complete earlier sync of the sample zone (serial 2026112201).
 */
@Timeout(60)
class MasterErrorsIT {

  private static Route53Proxy route53;
  private static NamedServer good;
  private static String goodSecret;
  private static String zoneId;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void syncedHostedZone() {
    route53 = Route53Proxy.in(SyncHarness.moto());
    goodSecret = NamedServer.generateTsigSecret();
    good =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", goodSecret)
            .zoneText(ZONE, SyncHarness.sampleZone())
            .start();
    zoneId = SyncHarness.moto().createPrivateHostedZone(ZONE);
    ZoneReport first =
        run(
            SyncHarness.engine(
                SyncHarness.Config.of(zoneId, good.hostPort()), goodSecret, route53.endpoint()));
    assertThat(first.status()).as(first.error()).isEqualTo(Status.APPLIED);
  }

  @AfterAll
  static void stopAll() {
    good.close();
    route53.close();
  }

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable c : resources) {
      c.close();
    }
  }

  /** What the engine is pointed at for one scenario. */
  private record Setup(String master, String tsig, String secret) {}

  enum Scenario {
    /** "unknown zone": BIND answers SOA queries for zones it does not serve with REFUSED. */
    ZONE_NOT_SERVED("SOA query refused (REFUSED)"),
    /** BIND's allow-transfer lacks us (no key sent): the SOA query works, the AXFR is refused. */
    TRANSFER_REFUSED("AXFR refused (REFUSED)"),
    /** A server that is not (or no longer) authoritative answers the transfer with NOTAUTH. */
    NOTAUTH("rejected (NOTAUTH)"),
    /** The master answers SERVFAIL: the zone is not loaded there. */
    SERVFAIL("SERVFAIL"),
    /** Same key name, other secret: BIND answers NOTAUTH with TSIG error BADSIG. */
    BADSIG("NOTAUTH/BADSIG"),
    /** A key name the master does not know: NOTAUTH with TSIG error BADKEY. */
    BADKEY("NOTAUTH/BADKEY"),
    /** The master's clock is 2 hours off: NOTAUTH with TSIG error BADTIME. */
    BADTIME("NOTAUTH/BADTIME"),
    /** A signed query answered unsigned (a middlebox, or a master without the key). */
    UNSIGNED_ANSWER("not signed with a valid TSIG signature"),
    /** The transfer's first message is signed, the next ones are not (TSIG stripped). */
    UNSIGNED_LATER_MESSAGE("the last message is not signed");

    final String cause;

    Scenario(String cause) {
      this.cause = cause;
    }
  }

  private Setup setUp(Scenario s) {
    switch (s) {
      case ZONE_NOT_SERVED -> {
        NamedServer other =
            keep(
                NamedServer.builder()
                    .tsigKey(KEY, "hmac-sha256", goodSecret)
                    .zoneText("other.example.", ZoneFiles.generate("other.example.", 3, 1, 1))
                    .start());
        return new Setup(other.hostPort(), KEY, goodSecret);
      }
      case TRANSFER_REFUSED -> {
        NamedServer newer =
            keep(
                NamedServer.builder()
                    .tsigKey(KEY, "hmac-sha256", goodSecret)
                    .zoneText(
                        ZONE, ZoneFiles.bumpSerial(SyncHarness.sampleZone(), SAMPLE_SERIAL + 1))
                    .start());
        return new Setup(newer.hostPort(), "none", goodSecret);
      }
      case BADSIG -> {
        return new Setup(good.hostPort(), KEY, NamedServer.generateTsigSecret());
      }
      case BADKEY -> {
        NamedServer otherKey =
            keep(
                NamedServer.builder()
                    .tsigKey("another-key.", "hmac-sha256", goodSecret)
                    .zoneText(ZONE, SyncHarness.sampleZone())
                    .start());
        return new Setup(otherKey.hostPort(), KEY, goodSecret);
      }
      default -> {
        ScriptedMaster m =
            keep(
                ScriptedMaster.start(
                    ZONE,
                    KEY,
                    goodSecret,
                    s == Scenario.BADTIME ? Duration.ofHours(2) : Duration.ZERO));
        // a newer serial of the same lineage: the engine would try IXFR, then AXFR
        String text = ZoneFiles.bumpSerial(SyncHarness.sampleZone(), SAMPLE_SERIAL + 1);
        m.soa = ScriptedMaster.soa(ZONE, SAMPLE_SERIAL + 1);
        m.transfer = ScriptedMaster.axfrStream(ScriptedMaster.parseZone(text, ZONE), 8);
        switch (s) {
          case NOTAUTH -> m.transferRcode = Rcode.NOTAUTH;
          case SERVFAIL -> m.soaRcode = Rcode.SERVFAIL;
          case UNSIGNED_ANSWER -> m.signResponses = false;
          case UNSIGNED_LATER_MESSAGE -> m.signOnlyFirstMessage = true;
          default -> {
            // BADTIME: the skewed clock does it
          }
        }
        return new Setup(m.hostPort(), KEY, goodSecret);
      }
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenario.class)
  void master_whenItAnswersWithAnError_failsNamingMasterAndCauseAndLeavesRoute53Unchanged(
      Scenario scenario) {
    Setup s = setUp(scenario);
    List<String> before = content(zoneId);
    route53.clear();

    // No waiting on an answered error: with query and transfer timeouts of 10 minutes, a run that
    // waited for one instead of acting on the answer would outlast the class's @Timeout (60 s).
    ZoneReport r =
        run(
            SyncHarness.engine(
                SyncHarness.Config.of(zoneId, s.master())
                    .tsig(s.tsig())
                    .timeouts("{query: 10m, transfer: 10m}"),
                s.secret(),
                route53.endpoint()),
            SyncOptions.DEFAULT,
            Duration.ofMinutes(30));

    assertThat(r.status()).as("%s", r).isEqualTo(Status.FAILED);
    assertThat(r.error()).contains(s.master()).contains(scenario.cause);
    assertThat(r.error()).doesNotContain(s.secret()).doesNotContain(goodSecret);
    assertThat(route53.calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(content(zoneId)).isEqualTo(before);
    assertSerialHonest(zoneId, SAMPLE_SERIAL);
  }
}
