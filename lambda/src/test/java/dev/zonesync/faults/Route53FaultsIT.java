package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.hostedData;
import static dev.zonesync.testing.SyncHarness.hostedSerial;
import static dev.zonesync.testing.SyncHarness.markerSerial;
import static dev.zonesync.testing.SyncHarness.masterMirror;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.FaultRule;
import dev.zonesync.testing.HttpFault;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.WireCall;
import dev.zonesync.testing.ZoneFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Route 53 misbehaving while a zone is applied — throttling and PriorRequestNotComplete, a run
 * deadline too short for every batch, one RRset Route 53 refuses, a lost response, two runs at once
 * — through a recording, fault-injecting HTTP proxy in front of moto. The master is a real named
 * with a generated zone of 150 RRsets; {@code batch.maxValues: 20} makes about 13 requests of it.
 */
@Timeout(90)
class Route53FaultsIT {

  private static final long SERIAL = 2026112201L;
  private static final String SMALL_BATCHES = "batch: {maxValues: 20}";

  @RegisterExtension
  final FaultRig rig = FaultRig.zone(() -> ZoneFiles.generate(ZONE, 150, SERIAL, 5));

  private final List<AutoCloseable> resources = new ArrayList<>();
  // tests may swap in another master or another proxy (closed through resources)
  private NamedServer named;
  private Route53Proxy route53;

  @BeforeEach
  void setUp() {
    named = rig.named();
    route53 = rig.proxy();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : resources.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  private Engine engine(String... zoneExtras) {
    return SyncHarness.engine(
        SyncHarness.Config.of(rig.zoneId(), named.hostPort()).extras(zoneExtras),
        rig.secret(),
        route53.endpoint());
  }

  private Set<String> mirror() {
    return masterMirror(rig.zoneId(), named.hostPort(), rig.secret());
  }

  /** SOA changes sent on the wire, over every ChangeResourceRecordSets call recorded. */
  private long soaChangesSent() {
    return route53.calls("ChangeResourceRecordSets").stream()
        .filter(c -> c.status() == 200)
        .flatMap(c -> c.changeBatch().orElseThrow().changes().stream())
        .filter(ch -> ch.type().equals("SOA"))
        .count();
  }

  private static int[] everyNth(int n, int offset) {
    return IntStream.rangeClosed(1, 2000).filter(i -> i % n == offset).toArray();
  }

  @Test
  void route53_whenAThirdOfCallsAreThrottledOrBusy_completesWithTheCorrectContent() {
    // deterministic: every third call of any operation is throttled, and every fifth
    // ChangeResourceRecordSets is answered PriorRequestNotComplete — never many in a row
    route53.addFault(FaultRule.calls(null, HttpFault.throttling(), everyNth(3, 1)));
    route53.addFault(
        FaultRule.calls(
            "ChangeResourceRecordSets", HttpFault.priorRequestNotComplete(), everyNth(5, 2)));

    ZoneReport r = run(engine(SMALL_BATCHES));

    List<WireCall> calls = route53.calls();
    long faulted = calls.stream().filter(WireCall::faulted).count();
    assertThat((double) faulted / calls.size()).as("faulted share of calls").isGreaterThan(0.30);
    assertThat(calls)
        .filteredOn(c -> "PriorRequestNotComplete(400)".equals(c.fault()))
        .isNotEmpty();
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.batches()).isGreaterThanOrEqualTo(8);
    assertThat(r.throttled()).isGreaterThan(0);
    assertThat(r.retries()).isGreaterThanOrEqualTo((int) faulted);
    assertThat(hostedData(rig.zoneId())).isEqualTo(mirror());
    assertSerialHonest(rig.zoneId(), SERIAL);
    assertThat(soaChangesSent()).isEqualTo(1);
  }

  @Test
  void route53_whenThrottlingOutlastsTheDeadline_stopsBeforeTheThrottledBatchAndLeavesTheSerial() {
    // the first requests go through, then Route 53 throttles every change request: each throttle
    // halves the learned change rate and the batch waits for it, spending none of its attempts,
    // until the wait no longer fits in the run
    route53.addFault(
        FaultRule.calls(
            "ChangeResourceRecordSets",
            HttpFault.throttling(),
            IntStream.rangeClosed(3, 2000).toArray()));
    Engine engine =
        SyncHarness.engine(
            SyncHarness.Config.of(rig.zoneId(), named.hostPort())
                .extras(SMALL_BATCHES)
                .route53("{requestsPerSecond: 50, burst: 50, maxAttempts: 3, minBatchTime: 300ms}"),
            rig.secret(),
            route53.endpoint());

    ZoneReport r = run(engine, SyncOptions.DEFAULT, Duration.ofSeconds(8));

    assertThat(r.status()).as("%s", r.error()).isEqualTo(Status.PARTIAL);
    assertThat(r.error())
        .contains("stopped before batch 3 of " + r.batches() + ": throttled by Route 53")
        .contains("nothing of it was applied");
    assertThat(r.batchesApplied()).isEqualTo(2);
    assertThat(r.throttled())
        .as("more throttled attempts than maxAttempts: they do not spend it")
        .isGreaterThan(3)
        .isEqualTo(route53.calls("ChangeResourceRecordSets").size() - 2);
    assertThat(soaChangesSent()).isZero();
    assertThat(hostedSerial(rig.zoneId())).isEqualTo(1);
    assertThat(markerSerial(rig.zoneId())).isEmpty();
    assertThat(mirror()).containsAll(hostedData(rig.zoneId()));
  }

  @Test
  void route53_whenPriorRequestNotCompleteOutlastsTheRetries_failsSayingSoAndLeavesTheSerial() {
    // a hosted zone still applying an earlier change is not a rate: it spends the attempts
    route53.addFault(
        FaultRule.calls(
            "ChangeResourceRecordSets",
            HttpFault.priorRequestNotComplete(),
            IntStream.rangeClosed(3, 2000).toArray()));
    Engine engine =
        SyncHarness.engine(
            SyncHarness.Config.of(rig.zoneId(), named.hostPort())
                .extras(SMALL_BATCHES)
                .route53("{requestsPerSecond: 50, burst: 50, maxAttempts: 3}"),
            rig.secret(),
            route53.endpoint());

    ZoneReport r = run(engine);

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.error())
        .contains("batch 3 of " + r.batches() + " failed; 2 applied before it, serial not bumped")
        .contains("PriorRequestNotComplete")
        .contains("still applying an earlier change");
    assertThat(r.batchesApplied()).isEqualTo(2);
    assertThat(r.throttled()).isEqualTo(3);
    assertThat(soaChangesSent()).isZero();
    assertThat(hostedSerial(rig.zoneId())).isEqualTo(1);
    assertThat(markerSerial(rig.zoneId())).isEmpty();
    assertThat(mirror()).containsAll(hostedData(rig.zoneId()));
  }

  /**
   * A run deadline that passes once Route 53 has received {@code requests} change requests: an
   * event, not a time, so where the run stops does not depend on the machine's speed. (The proxy
   * records a request before its answer goes out, so the check before the next batch sees it.)
   */
  private Deadline passingAfterChangeRequests(int requests) {
    return Deadline.after(
        Duration.ofSeconds(60),
        () ->
            route53.calls("ChangeResourceRecordSets").size() >= requests ? Long.MAX_VALUE / 4 : 0L);
  }

  @Test
  void
      route53_whenTheDeadlineIsTooShortForAllBatches_stopsBetweenBatchesUnmarkedAndTheNextRunFinishes() {
    ZoneReport partial =
        run(engine(SMALL_BATCHES), SyncOptions.DEFAULT, passingAfterChangeRequests(3));

    assertThat(partial.status()).as("%s", partial).isEqualTo(Status.PARTIAL);
    assertThat(partial.error())
        .contains("stopped before batch 4 of " + partial.batches())
        .contains("not bumped");
    assertThat(partial.batches()).isGreaterThan(4);
    assertThat(partial.batchesApplied()).isEqualTo(3);
    // stopped between batches: every request sent was complete and accepted
    List<WireCall> sent = route53.calls("ChangeResourceRecordSets");
    assertThat(sent).hasSize(3).allMatch(c -> c.status() == 200);
    assertThat(soaChangesSent()).isZero();
    assertThat(hostedSerial(rig.zoneId())).isEqualTo(1);
    assertThat(markerSerial(rig.zoneId())).isEmpty();
    Set<String> desired = mirror();
    assertThat(desired).containsAll(hostedData(rig.zoneId())); // correct so far, just not complete
    assertThat(hostedData(rig.zoneId())).hasSizeLessThan(desired.size());

    route53.clearFaults();
    ZoneReport next = run(engine(SMALL_BATCHES));

    assertThat(next.status()).as(next.error()).isEqualTo(Status.APPLIED);
    assertThat(hostedData(rig.zoneId())).isEqualTo(desired);
    assertSerialHonest(rig.zoneId(), SERIAL);
    assertThat(soaChangesSent()).as("serial committed once, by the run that finished").isEqualTo(1);
  }

  @Test
  void route53_whenTheDeadlineStopsARun_theLogsSayWhyAtWarnLevel() {
    String logs;
    ZoneReport partial;
    try (OutputCapture capture = new OutputCapture()) {
      partial = run(engine(SMALL_BATCHES), SyncOptions.DEFAULT, passingAfterChangeRequests(2));
      logs = capture.text();
    }

    assertThat(partial.status()).isEqualTo(Status.PARTIAL);
    assertThat(logs)
        .containsPattern(
            "(WARN|ERROR)[^\\n]*zone corp.example.: PARTIAL[^\\n]*stopped before batch");
  }

  /** Route 53's message for a CNAME next to other data (moto does not check this). */
  private static String cnameConflict(String name) {
    return "RRSet of type CNAME with DNS name "
        + name
        + " is not permitted because a conflicting RRSet of type A with the same DNS name"
        + " already exists in zone corp.example.";
  }

  private Route53Proxy rejecting(String name) {
    RejectingRoute53 hop =
        keep(
            RejectingRoute53.inFrontOf(
                SyncHarness.moto().endpoint(), Map.of(name, cnameConflict(name))));
    route53 = keep(Route53Proxy.start(hop.endpoint()));
    return route53;
  }

  @Test
  void route53_whenOneRRsetIsRejectedInTheBatchWithTheApexAndTheCommit_allOthersAreApplied() {
    // the sample zone has data at the apex (A, MX, TXT, ...) and fits one request, which
    // therefore carries the SOA serial commit as well
    named.close();
    named =
        keep(
            NamedServer.builder()
                .tsigKey(KEY, "hmac-sha256", rig.secret())
                .zoneText(ZONE, SyncHarness.sampleZone())
                .start());
    String bad = "intranet.corp.example.";
    rejecting(bad);

    ZoneReport r = run(engine());

    assertThat(r.batches()).isEqualTo(1);
    assertRejectedAloneAndRestApplied(
        r, bad, masterMirror(rig.zoneId(), named.hostPort(), rig.secret()));
  }

  @Test
  void route53_whenOneRRsetIsRejectedInTheOnlyBatch_itIsReportedAsPartialWithTheRestApplied() {
    named.close();
    named =
        keep(
            NamedServer.builder()
                .tsigKey(KEY, "hmac-sha256", rig.secret())
                .zoneText(ZONE, ZoneFiles.generate(ZONE, 20, SERIAL, 5))
                .start());
    Set<String> desired = mirror();
    String bad = firstName(desired, "h0001");
    rejecting(bad);

    ZoneReport r = run(engine());

    assertThat(r.batches()).isEqualTo(1);
    assertRejectedAloneAndRestApplied(r, bad, desired);
  }

  /** One name refused, reported with Route 53's reason; all else applied; serial not committed. */
  private void assertRejectedAloneAndRestApplied(ZoneReport r, String bad, Set<String> desired) {
    assertThat(r.rejected())
        .as("%s", r)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.name()).isEqualTo(bad);
              assertThat(x.message()).contains("conflicting RRSet");
            });
    assertThat(r.error()).contains("1 RRset name(s) rejected").contains(bad);
    Set<String> expected = new TreeSet<>(desired);
    expected.removeIf(l -> l.startsWith(bad + " "));
    assertThat(hostedData(rig.zoneId())).isEqualTo(expected);
    assertThat(hostedSerial(rig.zoneId())).isEqualTo(1);
    assertThat(markerSerial(rig.zoneId())).isEmpty();
    assertThat(soaChangesSent()).isZero();
    // Status: "PARTIAL: ... Route 53 rejected some RRsets (listed in rejected) and applied the
    // rest"
    assertThat(r.status()).isEqualTo(Status.PARTIAL);
  }

  private static String firstName(Set<String> lines, String prefix) {
    String l = lines.stream().filter(x -> x.startsWith(prefix)).findFirst().orElseThrow();
    return l.substring(0, l.indexOf(' '));
  }

  @Test
  void route53_whenOneRRsetIsRejectedInAManyBatchLoad_allOtherBatchesApplyAndItIsReported() {
    Set<String> desired = mirror();
    String bad = firstName(desired, "h0004");
    rejecting(bad);

    ZoneReport r = run(engine(SMALL_BATCHES));

    assertThat(r.batches()).isGreaterThan(5);
    assertThat(r.batchesApplied()).isGreaterThan(1);
    assertThat(r.rejected()).extracting(ZoneReport.RejectedChange::name).containsExactly(bad);
    assertRejectedAloneAndRestApplied(r, bad, desired);
  }

  @Test
  void route53_whenAnAppliedBatchsResponseIsLost_theRunIsNotMarkedAndTheNextRunConverges() {
    // batch 2 reaches Route 53 and is applied, but the client gets a 500 and retries it
    route53.addFault(
        FaultRule.nth("ChangeResourceRecordSets", 2, HttpFault.serverError(500).afterForwarding()));

    ZoneReport first = run(engine(SMALL_BATCHES));

    // the retried batch 2 finds its RRsets already there: Route 53 refuses it, and name by name
    // each of them, so the run cannot know it holds what was planned and must not mark the zone;
    // batch 1 went through, so it made progress: PARTIAL
    assertThat(first.status()).as("%s", first).isEqualTo(Status.PARTIAL);
    assertThat(first.error()).contains("serial not bumped");
    assertThat(first.rejected()).isNotEmpty();
    assertThat(soaChangesSent()).isZero();
    assertThat(hostedSerial(rig.zoneId())).isEqualTo(1);
    assertThat(markerSerial(rig.zoneId())).isEmpty();
    // batch 2 did reach Route 53 and every other batch applied: the data is complete
    Set<String> desired = mirror();
    assertThat(hostedData(rig.zoneId())).isEqualTo(desired);

    ZoneReport second = run(engine(SMALL_BATCHES));

    // no marker: a full sync that finds the data in place and only commits the serial
    assertThat(second.status()).as(second.error()).isEqualTo(Status.APPLIED);
    assertThat(second.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(second.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(second.batches()).isEqualTo(1);
    assertThat(hostedData(rig.zoneId())).isEqualTo(desired);
    assertSerialHonest(rig.zoneId(), SERIAL);
  }

  @Test
  void route53_whenTwoRunsSyncOneZoneAtOnce_theContentIsCorrectAndNoFailureIsSwallowed()
      throws Exception {
    // the first requests slow, so the two runs interleave (the run that loses the race retries
    // its rejected batches name by name: those go fast)
    route53.addFault(
        FaultRule.first("ChangeResourceRecordSets", 8, HttpFault.latency(Duration.ofMillis(300))));
    Engine a = engine(SMALL_BATCHES);
    Engine b = engine(SMALL_BATCHES);
    CountDownLatch start = new CountDownLatch(1);
    CompletableFuture<ZoneReport> ra =
        CompletableFuture.supplyAsync(() -> awaitThen(start, () -> run(a)));
    CompletableFuture<ZoneReport> rb =
        CompletableFuture.supplyAsync(() -> awaitThen(start, () -> run(b)));
    start.countDown();
    List<ZoneReport> reports = List.of(ra.get(60, TimeUnit.SECONDS), rb.get(60, TimeUnit.SECONDS));

    for (ZoneReport r : reports) {
      if (!r.status().ok()) {
        // a run that lost the race says so, with Route 53's reason
        assertThat(r.error()).as("%s", r).isNotBlank();
        assertThat(r.status()).isIn(Status.FAILED, Status.PARTIAL);
      }
    }
    assertThat(reports).extracting(ZoneReport::status).contains(Status.APPLIED);
    assertThat(hostedData(rig.zoneId())).isEqualTo(mirror());
    assertSerialHonest(rig.zoneId(), SERIAL);

    route53.clearFaults();
    ZoneReport after = run(engine(SMALL_BATCHES));
    // the zone is committed at the master's serial: the marker read says so
    assertThat(after.status()).as(after.error()).isEqualTo(Status.UP_TO_DATE);
    assertThat(after.transfer()).isEqualTo(TransferKind.NONE);
    assertThat(hostedData(rig.zoneId())).isEqualTo(mirror());
    assertSerialHonest(rig.zoneId(), SERIAL);
  }

  private static <T> T awaitThen(CountDownLatch latch, java.util.function.Supplier<T> then) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return then.get();
  }
}
