package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner over an in-process fake of the per-zone sync: ordering, overlap, deadline, guards. */
@Timeout(60)
class SyncRunnerTest {

  private static final SyncOptions OPTIONS = SyncOptions.of(false, false, false);

  /**
   * {@code groups} hosted zones of {@code perGroup} source zones each (g0.example., then
   * sub1.g0.example., ... in g0's hosted zone), listed round-robin so that the zones of one hosted
   * zone are never next to each other in the configuration.
   */
  private static List<ZoneSettings> zones(int groups, int perGroup) {
    StringBuilder y = new StringBuilder("version: 1\nzones:\n");
    for (int k = 0; k < perGroup; k++) {
      for (int g = 0; g < groups; g++) {
        String apex = "g" + g + ".example.";
        y.append("  - name: ").append(k == 0 ? apex : "sub" + k + "." + apex).append('\n');
        y.append("    hostedZoneId: Z").append(String.format("%04d", g)).append('\n');
        y.append("    hostedZoneName: ").append(apex).append('\n');
        y.append("    masters: [192.0.2.53]\n    tsig: none\n");
      }
    }
    return ConfigParser.parse(y.toString(), "test").zones();
  }

  private static ZoneReport report(ZoneSettings zone, Status status) {
    ReportBuilder b = new ReportBuilder(zone.name().text(), zone.hostedZoneId());
    switch (status) {
      case UP_TO_DATE -> b.upToDate("fake");
      case FAILED -> b.failed("fake");
      case APPLIED -> b.sent(1, java.util.List.of(), Status.APPLIED, null);
      default -> throw new IllegalArgumentException("no fake for " + status);
    }
    return b.build();
  }

  private static Deadline minutes(int m) {
    return Deadline.after(Duration.ofMinutes(m));
  }

  /** Counts zones in flight, overall and per hosted zone, and what ran where in which order. */
  private static final class Recorder {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final Map<String, AtomicInteger> perHostedZone = new ConcurrentHashMap<>();
    final List<String> overlaps = new CopyOnWriteArrayList<>();
    final List<String> started = new CopyOnWriteArrayList<>();
    final Map<String, List<String>> startedByHostedZone = new ConcurrentHashMap<>();
    final Map<String, String> threadByZone = new ConcurrentHashMap<>();

    void enter(ZoneSettings z) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      int here =
          perHostedZone
              .computeIfAbsent(z.hostedZoneId(), id -> new AtomicInteger())
              .incrementAndGet();
      if (here > 1) {
        overlaps.add(z.name() + " overlapped another zone of " + z.hostedZoneId());
      }
      started.add(z.name().text());
      startedByHostedZone
          .computeIfAbsent(z.hostedZoneId(), id -> new CopyOnWriteArrayList<>())
          .add(z.name().text());
      threadByZone.put(z.name().text(), Thread.currentThread().getName());
    }

    void leave(ZoneSettings z) {
      perHostedZone.get(z.hostedZoneId()).decrementAndGet();
      inFlight.decrementAndGet();
    }
  }

  /** When one zone's sync began and ended, on one sequence shared by all zones (event order). */
  private record Interval(String zone, String hostedZoneId, long start, long end) {
    boolean overlaps(Interval o) {
      return start < o.end && o.start < end;
    }
  }

  /** Pairs of zones of one hosted zone whose syncs were in flight at the same time. */
  private static List<String> overlapsWithinAHostedZone(List<Interval> intervals) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < intervals.size(); i++) {
      for (int j = i + 1; j < intervals.size(); j++) {
        Interval a = intervals.get(i);
        Interval b = intervals.get(j);
        if (a.hostedZoneId().equals(b.hostedZoneId()) && a.overlaps(b)) {
          out.add(a + " overlaps " + b);
        }
      }
    }
    return out;
  }

  @Test
  void run_whenZonesShareAHostedZone_neverOverlapsThem() {
    List<ZoneSettings> zones = zones(6, 4); // 24 zones, 4 per hosted zone, interleaved
    Recorder rec = new Recorder();
    AtomicLong sequence = new AtomicLong();
    List<Interval> intervals = new CopyOnWriteArrayList<>();
    List<String> waitedInVain = new CopyOnWriteArrayList<>();
    // each hosted zone's first zone waits until all six are in flight: the hosted zones surely
    // run side by side
    CountDownLatch sixApexes = new CountDownLatch(6);
    // g0.example. stays in flight until another zone of its hosted zone starts (only a runner
    // that ignores the grouping starts one: it hands sub1.g0 to the 7th of 8 workers at once)
    // or every zone of the other hosted zones has finished (what a correct runner comes to)
    CountDownLatch releaseG0 = new CountDownLatch(1);
    AtomicInteger othersLeft = new AtomicInteger(20);
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              long start = sequence.incrementAndGet();
              rec.enter(z);
              boolean ofG0 = z.hostedZoneId().equals("Z0000");
              if (ofG0 && !z.name().text().equals("g0.example.")) {
                releaseG0.countDown();
              }
              if (!z.name().text().startsWith("sub")) {
                sixApexes.countDown();
                await(sixApexes, z, waitedInVain);
              }
              if (z.name().text().equals("g0.example.")) {
                await(releaseG0, z, waitedInVain);
              }
              rec.leave(z);
              intervals.add(
                  new Interval(
                      z.name().text(), z.hostedZoneId(), start, sequence.incrementAndGet()));
              if (!ofG0 && othersLeft.decrementAndGet() == 0) {
                releaseG0.countDown();
              }
              return report(z, Status.APPLIED);
            },
            8);

    RunReport run = runner.run(zones, OPTIONS, minutes(1));

    assertThat(waitedInVain).isEmpty();
    assertThat(run.zones()).extracting(ZoneReport::status).containsOnly(Status.APPLIED);
    assertThat(intervals).hasSize(24);
    assertThat(overlapsWithinAHostedZone(intervals)).isEmpty();
    assertThat(rec.overlaps).isEmpty();
    // 6 hosted zones and 8 workers: the hosted zones really did run side by side
    assertThat(rec.maxInFlight.get()).isEqualTo(6);
    for (int g = 0; g < 6; g++) {
      String apex = "g" + g + ".example.";
      String id = String.format("Z%04d", g);
      List<String> expected = List.of(apex, "sub1." + apex, "sub2." + apex, "sub3." + apex);
      assertThat(rec.startedByHostedZone.get(id)).as("config order").isEqualTo(expected);
      assertThat(expected.stream().map(rec.threadByZone::get).distinct())
          .as("one worker per hosted zone")
          .hasSize(1);
    }
  }

  /** Waits for {@code latch}; a wait that never ends is recorded (and fails the test). */
  private static void await(CountDownLatch latch, ZoneSettings z, List<String> waitedInVain) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        waitedInVain.add(z.name().text());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      waitedInVain.add(z.name().text() + " (interrupted)");
    }
  }

  @Test
  void run_withConcurrencyFour_hasFourZonesInFlightAndNeverMore() {
    List<ZoneSettings> zones = zones(12, 1);
    Recorder rec = new Recorder();
    CountDownLatch fourTogether = new CountDownLatch(4);
    List<String> lonely = new CopyOnWriteArrayList<>();
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              rec.enter(z);
              fourTogether.countDown();
              try {
                if (!fourTogether.await(10, TimeUnit.SECONDS)) {
                  lonely.add(z.name().text());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              rec.leave(z);
              return report(z, Status.APPLIED);
            },
            4);

    RunReport run = runner.run(zones, OPTIONS, minutes(1));

    assertThat(lonely).as("zones that waited in vain for 3 others in flight").isEmpty();
    assertThat(rec.maxInFlight.get()).isEqualTo(4);
    assertThat(run.zones()).hasSize(12).extracting(ZoneReport::status).containsOnly(Status.APPLIED);
    assertThat(rec.threadByZone.values()).allMatch(t -> t.startsWith("zonesync-worker-"));
  }

  @Test
  void run_whenDeadlinePassesDuringTheFirstZones_reportsTheRestNotStarted()
      throws InterruptedException {
    List<ZoneSettings> zones = zones(6, 1);
    AtomicLong clock = new AtomicLong();
    Deadline deadline = Deadline.after(Duration.ofSeconds(30), clock::get);
    CyclicBarrier bothStarted = new CyclicBarrier(2);
    List<Deadline> seen = new CopyOnWriteArrayList<>();
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              seen.add(d);
              try {
                bothStarted.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the two workers never ran together", e);
              }
              clock.set(Duration.ofMinutes(1).toNanos()); // the deadline passes while in flight
              return report(z, Status.APPLIED);
            },
            2);

    RunReport run = runner.run(zones, OPTIONS, deadline);

    assertThat(run.zones())
        .extracting(ZoneReport::zone, ZoneReport::status, ZoneReport::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("g0.example.", Status.APPLIED, null),
            org.assertj.core.groups.Tuple.tuple("g1.example.", Status.APPLIED, null),
            org.assertj.core.groups.Tuple.tuple(
                "g2.example.", Status.FAILED, ZoneReport.NOT_STARTED),
            org.assertj.core.groups.Tuple.tuple(
                "g3.example.", Status.FAILED, ZoneReport.NOT_STARTED),
            org.assertj.core.groups.Tuple.tuple(
                "g4.example.", Status.FAILED, ZoneReport.NOT_STARTED),
            org.assertj.core.groups.Tuple.tuple(
                "g5.example.", Status.FAILED, ZoneReport.NOT_STARTED));
    assertThat(run.zones().get(3).hostedZoneId()).isEqualTo("Z0003");
    assertThat(seen).as("zones in flight run under the run's deadline").containsOnly(deadline);
    assertThat(run.ok()).isFalse();
  }

  @Test
  void run_whenAWorkerThrows_reportsThatZoneFailedAndCompletesTheOthers() {
    List<ZoneSettings> zones = zones(8, 1);
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              return switch (z.name().text()) {
                case "g2.example." -> throw new IllegalStateException("bug in zone two");
                case "g5.example." -> throw new AssertionError("an Error, not an exception");
                default -> report(z, Status.APPLIED);
              };
            },
            3);

    RunReport run = runner.run(zones, OPTIONS, minutes(1));

    assertThat(run.zones()).hasSize(8);
    assertThat(run.zones().get(2).status()).isEqualTo(Status.FAILED);
    assertThat(run.zones().get(2).error())
        .isEqualTo("unexpected IllegalStateException: bug in zone two");
    assertThat(run.zones().get(2).hostedZoneId()).isEqualTo("Z0002");
    assertThat(run.zones().get(5).status()).isEqualTo(Status.FAILED);
    assertThat(run.zones().get(5).error())
        .isEqualTo("unexpected AssertionError: an Error, not an exception");
    for (int i : List.of(0, 1, 3, 4, 6, 7)) {
      assertThat(run.zones().get(i).status()).as("zone %d", i).isEqualTo(Status.APPLIED);
    }
  }

  @Test
  void run_whenLaterZonesFinishFirst_reportsInInputOrder() {
    List<ZoneSettings> zones = zones(5, 2); // g0..g4, then sub1.g0..sub1.g4
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    List<String> waitedInVain = new CopyOnWriteArrayList<>();
    // g<k> finishes only after g<k+1> did: the first hosted zones finish last, whatever the timing
    Map<String, CountDownLatch> done = new ConcurrentHashMap<>();
    for (int g = 0; g < 5; g++) {
      done.put("g" + g + ".example.", new CountDownLatch(1));
    }
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              String name = z.name().text();
              int g = z.hostedZoneId().charAt(4) - '0';
              if (name.startsWith("g") && g < 4) {
                await(done.get("g" + (g + 1) + ".example."), z, waitedInVain);
              }
              finished.add(name);
              if (name.startsWith("g")) {
                done.get(name).countDown();
              }
              return report(z, Status.UP_TO_DATE);
            },
            5);

    RunReport run = runner.run(zones, OPTIONS, minutes(1));

    assertThat(waitedInVain).isEmpty();
    List<String> input = zones.stream().map(z -> z.name().text()).toList();
    assertThat(run.zones()).extracting(ZoneReport::zone).isEqualTo(input);
    assertThat(finished.stream().filter(n -> n.startsWith("g")))
        .as("the test made them finish in reverse order")
        .containsExactly("g4.example.", "g3.example.", "g2.example.", "g1.example.", "g0.example.");
    assertThat(run.ok()).isTrue();
  }

  @Test
  void run_withConcurrencyOne_runsOnTheCallersThreadInConfigOrder() {
    List<ZoneSettings> zones = zones(3, 2); // g0, g1, g2, sub1.g0, sub1.g1, sub1.g2
    Recorder rec = new Recorder();
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              rec.enter(z);
              rec.leave(z);
              return report(z, Status.APPLIED);
            },
            1);

    runner.run(zones, OPTIONS, minutes(1));

    // not grouped by hosted zone: exactly the configuration's order, one at a time
    assertThat(rec.started)
        .containsExactly(
            "g0.example.",
            "g1.example.",
            "g2.example.",
            "sub1.g0.example.",
            "sub1.g1.example.",
            "sub1.g2.example.");
    assertThat(rec.maxInFlight.get()).isEqualTo(1);
    assertThat(rec.threadByZone.values()).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void run_withConcurrencyOne_stillReportsAThrowingZoneFailed() {
    List<ZoneSettings> zones = zones(2, 1);
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              if (z.hostedZoneId().equals("Z0000")) {
                throw new NullPointerException();
              }
              return report(z, Status.APPLIED);
            },
            1);

    RunReport run = runner.run(zones, OPTIONS, minutes(1));

    assertThat(run.zones())
        .extracting(ZoneReport::status, ZoneReport::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Status.FAILED, "unexpected NullPointerException"),
            org.assertj.core.groups.Tuple.tuple(Status.APPLIED, null));
  }

  @Test
  void byHostedZone_ordersGroupsByTheirFirstZone() {
    List<ZoneSettings> zones = zones(3, 2);
    assertThat(SyncRunner.byHostedZone(zones))
        .containsExactly(List.of(0, 3), List.of(1, 4), List.of(2, 5));
  }

  @Test
  void new_whenConcurrencyOutOfRange_namesTheRange() {
    for (int bad : new int[] {0, 33}) {
      assertThatThrownBy(() -> new SyncRunner((z, o, d) -> null, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("concurrency must be within 1..32, got " + bad);
    }
  }
}
