package dev.zonesync.sync.port;

import java.util.Map;
import java.util.TreeMap;

/**
 * The API calls of one zone's run.
 *
 * @param byOperation calls per operation, plus {@code total}; every HTTP attempt counts
 * @param throttled attempts the service throttled
 * @param retries attempts beyond the first of each call
 */
public record ApiCalls(Map<String, Integer> byOperation, int throttled, int retries) {

  public static final ApiCalls NONE = new ApiCalls(Map.of("total", 0), 0, 0);

  public ApiCalls {
    byOperation = java.util.Collections.unmodifiableMap(new TreeMap<>(byOperation));
  }
}
