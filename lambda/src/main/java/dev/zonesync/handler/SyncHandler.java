package dev.zonesync.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.zonesync.app.CutLog;
import dev.zonesync.app.EmfMetrics;
import dev.zonesync.app.Engines;
import dev.zonesync.app.ResponseBudget;
import dev.zonesync.app.SourceObserver;
import dev.zonesync.contract.FunctionContract;
import dev.zonesync.logging.LogFields;
import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.SourceFactory;
import dev.zonesync.sync.SyncRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda entry point: {@code dev.zonesync.handler.SyncHandler::handleRequest}.
 *
 * <p>Accepts a raw EventBridge scheduled event (sync every zone) or a JSON request (see {@link
 * RequestParser}); returns the JSON report, compact and within a {@link ResponseBudget} (1 MiB
 * unless the constructor says otherwise; the lists it cuts are logged whole, see {@link CutLog}).
 * Configuration comes from {@code ZONESYNC_CONFIG} and is loaded on the first invocation, not
 * during initialisation, so SnapStart snapshots hold no configuration, secrets or connections; what
 * the first invocation would otherwise load and compile is primed before the snapshot instead (see
 * {@link Lifecycle}). An invalid request or configuration fails the invocation (visible as a Lambda
 * error); a configuration failure also writes the {@code ConfigurationErrors} metric (see {@link
 * ConfigFailures}); zone failures are reported in the returned report.
 */
public final class SyncHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SyncHandler.class);
  private static final Logger CUT_LOG = LoggerFactory.getLogger(CutLog.class);

  /** Time kept back from the Lambda timeout to finish the report. */
  static final Duration RESERVE = Duration.ofSeconds(10);

  /** Builds the engine from a configuration location, its sources wrapped by the given hook. */
  @FunctionalInterface
  public interface EngineFactory {
    Engine create(String location, SourceObserver observer);
  }

  private final EngineFactory engineFactory;
  private final String configLocation;
  private final Lifecycle lifecycle;
  private final ResponseBudget budget;
  private volatile Engine engine;
  private volatile ConfigFailures failures = new ConfigFailures();

  /** Used by the Lambda runtime. */
  public SyncHandler() {
    this(
        System.getenv(FunctionContract.CONFIG_ENV),
        Engines::load,
        Lifecycle.global(),
        new ResponseBudget(ResponseBudget.DEFAULT_MAX_BYTES));
  }

  /** For tests and local invocation: an explicit configuration location and engine factory. */
  public SyncHandler(String configLocation, Function<String, Engine> engineFactory) {
    this(configLocation, (location, observer) -> engineFactory.apply(location));
  }

  /** As above, the factory wrapping its sources with the handler's observer. */
  public SyncHandler(String configLocation, EngineFactory engineFactory) {
    this(configLocation, engineFactory, new ResponseBudget(ResponseBudget.DEFAULT_MAX_BYTES));
  }

  /** As above, with the response's byte budget. */
  public SyncHandler(String configLocation, EngineFactory engineFactory, ResponseBudget budget) {
    this(
        configLocation,
        engineFactory,
        new Lifecycle(Map.of(Lifecycle.PRIME_ENV, "off"), null),
        budget);
  }

  SyncHandler(String configLocation, EngineFactory engineFactory, Lifecycle lifecycle) {
    this(
        configLocation,
        engineFactory,
        lifecycle,
        new ResponseBudget(ResponseBudget.DEFAULT_MAX_BYTES));
  }

  SyncHandler(
      String configLocation,
      EngineFactory engineFactory,
      Lifecycle lifecycle,
      ResponseBudget budget) {
    this.configLocation = configLocation;
    this.engineFactory = engineFactory;
    this.lifecycle = lifecycle;
    this.budget = Objects.requireNonNull(budget, "budget");
    lifecycle.attach(this);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    ContainerState state = lifecycle.state();
    // request id, function name, cold start, init type... on every line of this invocation
    LogFields.set(state.invocationFields(context, state.takeColdStart()));
    ConfigFailures seen = new ConfigFailures();
    failures = seen;
    try {
      byte[] payload = input.readNBytes(RequestParser.MAX_REQUEST_BYTES + 1);
      SyncRequest request = RequestParser.parse(payload);
      Engine e = engine(seen);
      Deadline deadline = deadline(context);
      LOG.info(
          "request: zones={} force={} dryRun={} mode={} (budget {} ms)",
          request.zones().isEmpty() ? "all" : request.zones(),
          request.force(),
          request.dryRun(),
          request.mode(),
          deadline.remaining().toMillis());
      long started = System.nanoTime();
      RunReport report = e.run(request.zones(), request.catalogs(), request.options(), deadline);
      long durationMs = (System.nanoTime() - started) / 1_000_000;
      // A dry run changes nothing, so it must neither raise nor clear an alarm, not even when it
      // finds the zone up to date.
      if (!request.dryRun()) {
        EmfMetrics.publish(
            report, functionName(context), EmfMetrics.detailedZones(e.settings()), durationMs);
      }
      respond(report, output);
    } finally {
      String doc = seen.document(functionName(context));
      if (doc != null) {
        System.out.println(doc);
      }
      // lines between invocations (hooks) must not carry this invocation's request id
      LogFields.set(state.containerFields());
    }
  }

  /**
   * Writes the report within the budget; what it cut goes to the log first, whole, so an operator
   * can put the lists together again.
   */
  private void respond(RunReport report, OutputStream output) throws IOException {
    ResponseBudget.Fitted response = budget.fit(report);
    if (response.truncated()) {
      List<CutLog.Event> events = CutLog.events(response.cuts(), CutLog.MAX_PART_BYTES);
      LOG.info(
          "response cut to {} bytes (budget {}): the whole plan and skipped lists of {} zone(s)"
              + " follow in {} 'plan' and 'skipped' events",
          response.bytes(),
          budget.maxBytes(),
          response.cuts().size(),
          events.size());
      CutLog.write(events, CUT_LOG);
    }
    if (response.report().zonesOmitted() != null) {
      LOG.info(
          "response leaves out {} of {} zone reports to stay within {} bytes ({} by status);"
              + " each zone's summary line above has its outcome",
          response.zonesOmitted(),
          report.zones().size(),
          budget.maxBytes(),
          response.report().zonesOmitted());
    }
    if (!response.withinBudget()) {
      LOG.warn(
          "response is {} bytes, over its budget of {} even without any zone report: {} zones",
          response.bytes(),
          budget.maxBytes(),
          report.zones().size());
    }
    output.write(response.json());
    output.flush();
  }

  private Engine engine(ConfigFailures seen) {
    Engine e = engine;
    if (e == null) {
      synchronized (this) {
        e = engine;
        if (e == null) {
          try {
            // observed(): secrets fail at run time, recorded for the invocation running then
            e = engineFactory.create(configLocation, this::observed);
          } catch (RuntimeException ex) {
            if (ConfigFailures.isConfigFailure(ex)) {
              seen.loadFailed(String.valueOf(configLocation), ex);
            }
            throw ex;
          }
          engine = e;
        }
      }
    }
    return e;
  }

  private SourceFactory observed(SourceFactory sources) {
    return zone -> failures.observe(sources).create(zone);
  }

  /** Forgets the engine (before a snapshot, after a restore): the next invocation loads anew. */
  void dropEngine() {
    synchronized (this) {
      engine = null;
    }
  }

  private static String functionName(Context c) {
    if (c != null && c.getFunctionName() != null) {
      return c.getFunctionName();
    }
    return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
  }

  static Deadline deadline(Context context) {
    long remaining = context == null ? 15 * 60_000L : context.getRemainingTimeInMillis();
    Duration budget = Duration.ofMillis(remaining);
    Duration reserve = budget.dividedBy(10).compareTo(RESERVE) < 0 ? budget.dividedBy(10) : RESERVE;
    return Deadline.after(budget.minus(reserve));
  }
}
