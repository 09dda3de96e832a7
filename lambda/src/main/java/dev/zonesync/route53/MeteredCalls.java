package dev.zonesync.route53;

import dev.zonesync.sync.port.ApiCallMeter;
import dev.zonesync.sync.port.ApiCalls;

/** Counts a zone's Route 53 requests with an {@link ApiMeter} bound to the running thread. */
public final class MeteredCalls implements ApiCallMeter {

  @Override
  public Session start() {
    ApiMeter meter = new ApiMeter();
    ApiMeter.Scope scope = meter.bind();
    return () -> {
      scope.close();
      return new ApiCalls(meter.snapshot(), meter.throttledCount(), meter.retriedCount());
    };
  }
}
