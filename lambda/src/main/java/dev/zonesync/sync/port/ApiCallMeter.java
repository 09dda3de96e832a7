package dev.zonesync.sync.port;

/** Counts the hosted-zone API calls made on behalf of one zone's run. */
@FunctionalInterface
public interface ApiCallMeter {

  /** Counts nothing (for engines without a metered client). */
  ApiCallMeter NONE = () -> () -> ApiCalls.NONE;

  /** Starts counting on the current thread. */
  Session start();

  /** One zone's counting; {@link #stop()} ends it. */
  @FunctionalInterface
  interface Session {
    ApiCalls stop();
  }
}
