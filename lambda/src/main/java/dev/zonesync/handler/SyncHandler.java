package dev.zonesync.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.SyncRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The Lambda entry point: {@code dev.zonesync.handler.SyncHandler::handleRequest}.
 *
 * <p>Accepts a raw EventBridge scheduled event (sync every zone) or a JSON request (see {@link
 * RequestParser}); returns the JSON report. Configuration comes from {@code ZONESYNC_CONFIG} and is
 * loaded on the first invocation, not during initialisation, so SnapStart snapshots hold no
 * configuration, secrets or connections. An invalid request or configuration fails the invocation
 * (visible as a Lambda error); zone failures are reported in the returned report.
 */
public final class SyncHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SyncHandler.class);

  /** Time kept back from the Lambda timeout to finish the report. */
  static final Duration RESERVE = Duration.ofSeconds(10);

  private final Function<String, Engine> engineFactory;
  private final String configLocation;
  private volatile Engine engine;

  /** Used by the Lambda runtime. */
  public SyncHandler() {
    this(System.getenv("ZONESYNC_CONFIG"), StandardEngine::load);
  }

  /** For tests and local invocation: an explicit configuration location and engine factory. */
  public SyncHandler(String configLocation, Function<String, Engine> engineFactory) {
    this.configLocation = configLocation;
    this.engineFactory = engineFactory;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    if (context != null) {
      // request id, function name, cold start... on every log line (no AspectJ needed)
      PowertoolsLogging.initializeLogging(context);
    }
    byte[] payload = input.readNBytes(RequestParser.MAX_REQUEST_BYTES + 1);
    SyncRequest request = RequestParser.parse(payload);
    Engine e = engine();
    Deadline deadline = deadline(context);
    LOG.info(
        "request: zones={} force={} dryRun={} mode={} (budget {} ms)",
        request.zones().isEmpty() ? "all" : request.zones(),
        request.force(),
        request.dryRun(),
        request.mode(),
        deadline.remaining().toMillis());
    RunReport report = e.run(request.zones(), request.options(), deadline);
    EmfMetrics.publish(report);
    ReportJson.write(report, output);
  }

  private Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (this) {
        e = engine;
        if (e == null) {
          e = engineFactory.apply(configLocation);
          engine = e;
        }
      }
    }
    return e;
  }

  static Deadline deadline(Context context) {
    long remaining = context == null ? 15 * 60_000L : context.getRemainingTimeInMillis();
    Duration budget = Duration.ofMillis(remaining);
    Duration reserve = budget.dividedBy(10).compareTo(RESERVE) < 0 ? budget.dividedBy(10) : RESERVE;
    return Deadline.after(budget.minus(reserve));
  }
}
