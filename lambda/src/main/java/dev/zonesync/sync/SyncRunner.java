package dev.zonesync.sync;

import dev.zonesync.config.ExecutionSettings;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs an invocation's zones, up to {@code execution.concurrency} at once; one zone failing never
 * stops the others, and the report lists the zones in the order given.
 *
 * <ul>
 *   <li>One writer per hosted zone: zones that share a hosted zone (Active Directory's {@code
 *       corp.example.} and {@code _msdcs.corp.example.}) form a group that one worker runs in the
 *       given order, never two of them at once.
 *   <li>Fair when a run cannot finish: workers take the groups in the order of their first zone, so
 *       the caller decides which zones go first.
 *   <li>Deadline: a zone whose turn comes after the deadline is reported {@link
 *       ZoneReport#notStarted}; zones in flight finish under the same deadline.
 *   <li>With concurrency 1 the zones run on the caller's thread in the given order, as they always
 *       did.
 * </ul>
 *
 * <p>What the workers share must be thread-safe: the Route 53 client and its one request pacer (so
 * concurrency overlaps the masters' side: SOA queries, transfers, round trips, never more Route 53
 * traffic), the per-thread API meter and MDC that each zone's sync sets itself.
 */
public final class SyncRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  /** One zone's sync ({@link ZoneSynchronizer#sync}): never throws by contract. */
  @FunctionalInterface
  public interface ZoneSync {
    ZoneReport sync(ZoneSettings zone, SyncOptions options, Deadline deadline);
  }

  private final ZoneSync sync;
  private final int concurrency;

  public SyncRunner(ZoneSync sync, int concurrency) {
    if (concurrency < 1 || concurrency > ExecutionSettings.MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency must be within 1.."
              + ExecutionSettings.MAX_CONCURRENCY
              + ", got "
              + concurrency);
    }
    this.sync = sync;
    this.concurrency = concurrency;
  }

  public RunReport run(List<ZoneSettings> zones, SyncOptions options, Deadline deadline) {
    return RunReport.of(reports(zones, z -> options, deadline));
  }

  /**
   * The zones' reports, in the order given, each zone run with its own options (a catalog member
   * whose label changed syncs in full while the others do not).
   */
  public List<ZoneReport> reports(
      List<ZoneSettings> zones,
      java.util.function.Function<ZoneSettings, SyncOptions> options,
      Deadline deadline) {
    List<List<Integer>> groups = byHostedZone(zones);
    int workers = Math.min(concurrency, groups.size());
    if (workers <= 1) {
      List<ZoneReport> reports = new ArrayList<>(zones.size());
      for (ZoneSettings z : zones) {
        reports.add(runOne(z, options.apply(z), deadline));
      }
      return reports;
    }
    return concurrently(zones, groups, workers, options, deadline);
  }

  /** Indexes of {@code zones} by hosted zone, groups in the order of their first zone. */
  static List<List<Integer>> byHostedZone(List<ZoneSettings> zones) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < zones.size(); i++) {
      groups.computeIfAbsent(zones.get(i).hostedZoneId(), id -> new ArrayList<>()).add(i);
    }
    return List.copyOf(groups.values());
  }

  private List<ZoneReport> concurrently(
      List<ZoneSettings> zones,
      List<List<Integer>> groups,
      int workers,
      java.util.function.Function<ZoneSettings, SyncOptions> options,
      Deadline deadline) {
    AtomicReferenceArray<ZoneReport> reports = new AtomicReferenceArray<>(zones.size());
    AtomicInteger nextGroup = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    // log lines of the workers carry what the caller's carry (the logging MDC is per thread)
    Map<String, String> callerMdc = MDC.getCopyOfContextMap();
    Runnable worker =
        () -> {
          if (callerMdc != null) {
            MDC.setContextMap(callerMdc);
          }
          try {
            for (int g = nextGroup.getAndIncrement();
                g < groups.size() && !stop.get();
                g = nextGroup.getAndIncrement()) {
              for (int i : groups.get(g)) {
                reports.set(i, runOne(zones.get(i), options.apply(zones.get(i)), deadline));
              }
            }
          } finally {
            MDC.clear();
          }
        };
    // A fixed pool of platform threads per run, not virtual threads: the work blocks in socket
    // I/O under synchronized code (dnsjava, the SDK's URL connection, logging), which on Java 21
    // pins a virtual thread to its carrier, and a Lambda function has one or two cores, so virtual
    // threads could run fewer zones at once than configured. At most 32 threads cost little, and
    // a pool per run leaves no threads behind between invocations (nor in a SnapStart snapshot).
    ExecutorService pool = Executors.newFixedThreadPool(workers, threads());
    try {
      List<Future<?>> running = new ArrayList<>(workers);
      for (int w = 0; w < workers; w++) {
        running.add(pool.submit(worker));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      // the caller gave up on this run: no further zone starts, those in flight are interrupted
      stop.set(true);
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // runOne catches everything a zone throws; this would be a bug in the loop above
      throw new IllegalStateException("a sync worker failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
    ZoneReport[] out = new ZoneReport[zones.size()];
    for (int i = 0; i < out.length; i++) {
      ZoneReport r = reports.get(i);
      out[i] = r != null ? r : failed(zones.get(i), "the run was interrupted before it finished");
    }
    return Arrays.asList(out);
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "zonesync-worker-" + n.incrementAndGet());
      // a worker stuck on a master never keeps the CLI's JVM alive
      t.setDaemon(true);
      return t;
    };
  }

  /** One zone, or notStarted past the deadline; whatever escapes becomes its FAILED report. */
  private ZoneReport runOne(ZoneSettings zone, SyncOptions options, Deadline deadline) {
    if (deadline.isExpired()) {
      ZoneReport notStarted = ZoneReport.notStarted(zone.name().text(), zone.hostedZoneId());
      // its summary line too: the per-zone table and the not-started alarm's query read them
      logged(zone, () -> ZoneResultLog.log(notStarted));
      return notStarted;
    }
    try {
      return sync.sync(zone, options, deadline);
    } catch (RuntimeException | Error e) {
      String what = e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
      // as the synchronizer logs its failures: the message at ERROR, the stack only at DEBUG
      LOG.debug("zone {}: failure detail", zone.name(), e);
      return failed(zone, "unexpected " + e.getClass().getSimpleName() + what);
    }
  }

  /** A FAILED report and its summary line, for a zone whose sync did not produce one. */
  private static ZoneReport failed(ZoneSettings zone, String error) {
    ReportBuilder report = new ReportBuilder(zone.name().text(), zone.hostedZoneId());
    report.failed(error);
    ZoneReport done = report.build();
    logged(
        zone,
        () -> {
          LOG.error("zone {}: FAILED: {}", zone.name(), error);
          ZoneResultLog.log(done);
        });
    return done;
  }

  /** Runs {@code log} with the zone's MDC fields, as the synchronizer's lines carry them. */
  private static void logged(ZoneSettings zone, Runnable log) {
    MDC.put("zone", zone.name().text());
    MDC.put("hostedZoneId", zone.hostedZoneId());
    try {
      log.run();
    } finally {
      MDC.remove("zone");
      MDC.remove("hostedZoneId");
    }
  }
}
