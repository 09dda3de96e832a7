package dev.zonesync.route53;

import java.util.Map;
import java.util.TreeMap;

/**
 * Route 53 requests made on behalf of one zone's run, by operation; every HTTP attempt counts
 * (retries included), plus how many attempts were throttled. Bound to the running thread for the
 * duration of a zone's sync (the SDK's synchronous client runs interceptors and retry decisions on
 * the caller's thread).
 */
public final class ApiMeter {

  private static final ThreadLocal<ApiMeter> CURRENT = new ThreadLocal<>();

  private final Map<String, Integer> calls = new TreeMap<>();
  private int throttled;
  private int executions;

  /** Makes this meter the current thread's until the returned scope closes. */
  public Scope bind() {
    ApiMeter previous = CURRENT.get();
    CURRENT.set(this);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  static ApiMeter current() {
    return CURRENT.get();
  }

  synchronized void call(String operation) {
    calls.merge(operation, 1, Integer::sum);
  }

  synchronized void throttled() {
    throttled++;
  }

  synchronized void execution() {
    executions++;
  }

  /** Calls per operation, plus {@code total}. */
  public synchronized Map<String, Integer> snapshot() {
    Map<String, Integer> out = new TreeMap<>(calls);
    out.put("total", calls.values().stream().mapToInt(Integer::intValue).sum());
    return out;
  }

  public synchronized int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  public synchronized int total() {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  public synchronized int throttledCount() {
    return throttled;
  }

  /** HTTP attempts beyond the first of each call. */
  public synchronized int retriedCount() {
    return Math.max(0, total() - executions);
  }

  /** Closes a {@link #bind()}. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
