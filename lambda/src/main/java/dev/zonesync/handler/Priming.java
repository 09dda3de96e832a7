package dev.zonesync.handler;

import dev.zonesync.app.CannedSync;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.Settings;
import dev.zonesync.logging.LogConfig;
import dev.zonesync.source.CannedTransfer;
import dev.zonesync.sync.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the code of a first invocation on canned data, so that its classes are loaded, initialised
 * and (C1-)compiled before a SnapStart snapshot instead of after each restore: a configuration
 * parsed from text, a TSIG-signed AXFR answer parsed and verified, the engine syncing a tiny zone
 * into an in-memory Route 53 (planner, batcher, the SDK's signing and XML paths), the report as
 * JSON, EMF documents and JSON log lines. All of it offline and with nothing that must be unique or
 * secret: a constant throwaway TSIG key, constant fake credentials, no connection, and nothing kept
 * afterwards. Log lines written meanwhile are formatted and dropped.
 *
 * <p>Never throws: each step that fails is logged as a warning and skipped (a priming failure only
 * costs speed).
 */
public final class Priming {

  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

  /** What a priming run did (for the log line and tests). */
  public record Result(Duration duration, List<String> primed, Map<String, String> failed) {
    public Result {
      primed = List.copyOf(primed);
      failed = Map.copyOf(failed);
    }
  }

  private Priming() {}

  /** Primes every step; never throws. */
  public static Result prime() {
    long start = System.nanoTime();
    List<String> ok = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    try (AutoCloseable quiet = LogConfig.discardOnThisThread()) {
      step("config", Priming::config, ok, failed);
      step("request", Priming::request, ok, failed);
      step("tsig", Priming::tsig, ok, failed);
      step("engine", Priming::engine, ok, failed);
      step("logging", Priming::logging, ok, failed);
    } catch (Exception e) {
      failed.put("logging", e.toString());
    }
    Result r = new Result(Duration.ofNanos(System.nanoTime() - start), ok, failed);
    if (failed.isEmpty()) {
      LOG.info("primed {} in {} ms", r.primed(), r.duration().toMillis());
    } else {
      LOG.warn(
          "priming incomplete (only costs speed): primed {}, failed {} in {} ms",
          r.primed(),
          r.failed(),
          r.duration().toMillis());
    }
    return r;
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void step(String name, Step s, List<String> ok, Map<String, String> failed) {
    try {
      s.run();
      ok.add(name);
    } catch (Exception | LinkageError e) {
      failed.put(name, e.toString());
    }
  }

  private static Settings config() {
    return ConfigParser.parse(CannedSync.CONFIG, "priming configuration");
  }

  private static void request() {
    RequestParser.parse(
        "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.scheduler\"}"
            .getBytes(StandardCharsets.UTF_8));
    RequestParser.parse("{\"zones\":[\"a.example.\"],\"dryRun\":true}".getBytes());
  }

  /** Serves the canned zone as a signed AXFR answer, verified and converted as a transfer is. */
  static CannedTransfer.Verified tsig() throws IOException {
    return CannedSync.transfer();
  }

  /** The engine syncs the canned zone into an in-memory Route 53. */
  static RunReport engine() throws IOException {
    return CannedSync.run();
  }

  private static void logging() {
    LOG.info("priming a log line with {} and an error", "arguments", new IllegalStateException());
  }
}
