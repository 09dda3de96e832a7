package dev.zonesync.handler;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the logs say about this container: how it was initialised ({@code init_type}: {@code
 * on-demand}, {@code snap-start} or {@code provisioned-concurrency}, from {@code
 * AWS_LAMBDA_INITIALIZATION_TYPE}), whether it was restored from a SnapStart snapshot ({@code
 * restored}), and {@code cold_start}: true on every line of the first invocation after the init
 * <em>or after a restore</em> (Powertools' flag is false for every SnapStart invocation, as the
 * init it tracks happened before the snapshot).
 */
final class ContainerState {

  static final String INIT_TYPE_ENV = "AWS_LAMBDA_INITIALIZATION_TYPE";

  private final String initType;
  private final AtomicBoolean firstPending = new AtomicBoolean(true);
  private volatile boolean restored;

  ContainerState(Map<String, String> env) {
    String t = env.get(INIT_TYPE_ENV);
    this.initType = t == null || t.isBlank() ? "on-demand" : t.trim().toLowerCase(Locale.ROOT);
  }

  String initType() {
    return initType;
  }

  boolean restored() {
    return restored;
  }

  /** After a SnapStart restore: the next invocation is this container's first. */
  void restoredFromSnapshot() {
    restored = true;
    firstPending.set(true);
  }

  /** Whether this invocation is the first since init or restore (true once). */
  boolean takeColdStart() {
    return firstPending.getAndSet(false);
  }

  /** Fields of lines written outside an invocation (init, priming, hooks). */
  Map<String, Object> containerFields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("init_type", initType);
    f.put("restored", restored);
    return f;
  }

  /** Fields of every line of one invocation. */
  Map<String, Object> invocationFields(Context c, boolean coldStart) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("cold_start", coldStart);
    if (c != null) {
      f.put("function_arn", c.getInvokedFunctionArn());
      f.put("function_memory_size", c.getMemoryLimitInMB());
      f.put("function_name", c.getFunctionName());
      f.put("function_request_id", c.getAwsRequestId());
      f.put("function_version", c.getFunctionVersion());
    }
    f.putAll(containerFields());
    String trace = System.getProperty("com.amazonaws.xray.traceHeader");
    if (trace == null) {
      trace = System.getenv("_X_AMZN_TRACE_ID");
    }
    if (trace != null && !trace.isBlank()) {
      f.put("xray_trace_id", traceId(trace));
    }
    return f;
  }

  /** {@code Root=1-abc;Parent=...;Sampled=1} → {@code 1-abc}, as Powertools logs it. */
  static String traceId(String header) {
    for (String part : header.split(";")) {
      if (part.startsWith("Root=")) {
        return part.substring(5);
      }
    }
    return header;
  }
}
