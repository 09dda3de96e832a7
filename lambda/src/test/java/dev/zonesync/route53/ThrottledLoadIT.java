package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.IndependentMirror;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.WireCall;
import dev.zonesync.testing.ZoneFiles;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An initial load of many batches against a stand-in that throttles like Route 53 (its documented
 * request bucket of 10/s, burst 50, and a change bucket of 300 changes/s, burst 1000): zonesync
 * starts at half its change ceiling (1000 of the default 2000 changes/s), is throttled, learns a
 * rate the bucket holds, and the load completes with every batch applied, the throttled answers
 * counted in its report as the wire saw them, and Route 53 holding exactly the master's zone. How
 * fast it gets there is measured by the benchmark (scripts/bench --scenarios pacing), not here.
 */
@Timeout(180)
class ThrottledLoadIT {

  private static final String ZONE = "throttled.example.";
  private static final long SERIAL = 2026120701L;
  private static final int CHANGE_BUCKET = 300;

  @Test
  void aLoadOfManyBatches_throttledByRoute53_completesWithNoFailedBatch_andReportsTheThrottles() {
    String secret = NamedServer.generateTsigSecret();
    try (MotoServer moto =
            MotoServer.startPrivate(
                MotoServer.Options.DEFAULT.throttling(
                    MotoServer.Throttling.route53(CHANGE_BUCKET)));
        NamedServer named =
            NamedServer.builder()
                .tsigKey(SyncHarness.KEY, "hmac-sha256", secret)
                .zoneText(ZONE, ZoneFiles.generate(ZONE, 3_000, SERIAL, 11))
                .start();
        Route53Proxy proxy = Route53Proxy.in(moto)) {
      String zoneId = moto.createPrivateHostedZone(ZONE);
      proxy.clear();
      Engine engine =
          SyncHarness.engine(
              new SyncHarness.Config(
                  ZONE,
                  zoneId,
                  List.of(named.hostPort()),
                  SyncHarness.KEY,
                  "{query: 2s, transfer: 10s}",
                  // ~25 batches of about 120 changes
                  "    batch: {maxValues: 200}\n",
                  // the default ceilings (8 requests/s, 2000 changes/s)
                  "{minBatchTime: 300ms}"),
              secret,
              proxy.endpoint());

      RunReport run =
          engine.run(List.of(), SyncOptions.DEFAULT, Deadline.after(Duration.ofSeconds(150)));
      ZoneReport r = run.zones().get(0);

      assertThat(r.status()).as("%s", r.error()).isEqualTo(Status.APPLIED);
      assertThat(r.batches()).isGreaterThanOrEqualTo(20);
      assertThat(r.batchesApplied()).as("no failed batch").isEqualTo(r.batches());
      List<WireCall> throttled =
          proxy.calls().stream()
              .filter(
                  c -> c.status() == 400 && c.responseBody().contains("<Code>Throttling</Code>"))
              .toList();
      assertThat(throttled).as("the stand-in throttled the load").isNotEmpty();
      assertThat(r.throttled()).as("throttles in the report").isEqualTo(throttled.size());
      assertThat(proxy.calls("ChangeResourceRecordSets"))
          .filteredOn(c -> c.status() == 200)
          .hasSize(r.batches());
      assertThat(run.route53Pacing()).isNotNull();
      assertThat(run.route53Pacing().changesPerSecond())
          .as("learned below the start of 1000 changes/s")
          .isLessThan(1000);
      assertThat(run.route53Pacing().decreases()).isGreaterThan(0);
      assertThat(IndependentMirror.hosted(ZONE, moto.listAll(zoneId)))
          .isEqualTo(
              IndependentMirror.expected(
                  ZONE, IndependentMirror.axfr(named.hostPort(), ZONE, SyncHarness.KEY, secret)));
    }
  }
}
