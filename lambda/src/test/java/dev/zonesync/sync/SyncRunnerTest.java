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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

  @Test
  void run_whenZonesShareAHostedZone_neverOverlapsThem() {
    List<ZoneSettings> zones = zones(6, 4); // 24 zones, 4 per hosted zone, interleaved
    Recorder rec = new Recorder();
    // each hosted zone's first zone waits until all six are in flight: the hosted zones surely
    // run side by side, and any worker free to take a second zone of one would overlap it
    CountDownLatch sixApexes = new CountDownLatch(6);
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              rec.enter(z);
              if (!z.name().text().startsWith("sub")) {
                sixApexes.countDown();
                try {
                  sixApexes.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              sleep(15);
              rec.leave(z);
              return report(z, Status.APPLIED);
            },
            8);

    RunReport run = runner.run(zones, OPTIONS, minutes(1));

    assertThat(run.zones()).extracting(ZoneReport::status).containsOnly(Status.APPLIED);
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
              sleep(10);
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
              sleep(5);
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
    SyncRunner runner =
        new SyncRunner(
            (z, o, d) -> {
              // the first hosted zones take longest
              sleep(
                  z.name().text().startsWith("g")
                      ? 60 - 10L * (z.hostedZoneId().charAt(4) - '0')
                      : 1);
              finished.add(z.name().text());
              return report(z, Status.UP_TO_DATE);
            },
            5);

    RunReport run = runner.run(zones, OPTIONS, minutes(1));

    List<String> input = zones.stream().map(z -> z.name().text()).toList();
    assertThat(run.zones()).extracting(ZoneReport::zone).isEqualTo(input);
    assertThat(finished).as("the test made them finish out of order").isNotEqualTo(input);
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
              sleep(2);
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
