package dev.zonesync.infra.config;

import dev.zonesync.config.MetricsDetail;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The keys of one {@code zones[]} entry that the CDK app uses. Everything else in the entry belongs
 * to the engine and is deployed untouched.
 *
 * @param index position in {@code zones}, for error messages
 * @param hostedZoneId absent only when {@code createHostedZone} is true
 * @param staleAfterSeconds the zone's {@code alarms.staleAfter}, if it sets one
 * @param metrics the zone's {@code metrics} as the engine's parser read it: {@code detailed} zones
 *     get alarms of their own
 */
public record Zone(
    int index,
    String name,
    Optional<String> hostedZoneId,
    boolean createHostedZone,
    List<Master> masters,
    String schedule,
    Optional<Integer> staleAfterSeconds,
    MetricsDetail metrics) {

  /** A zone with the default {@code metrics}. */
  public Zone(
      int index,
      String name,
      Optional<String> hostedZoneId,
      boolean createHostedZone,
      List<Master> masters,
      String schedule,
      Optional<Integer> staleAfterSeconds) {
    this(
        index,
        name,
        hostedZoneId,
        createHostedZone,
        masters,
        schedule,
        staleAfterSeconds,
        MetricsDetail.DEFAULT);
  }

  /** Whether the zone has per-zone metrics and alarms ({@code metrics: detailed}). */
  public boolean detailed() {
    return metrics == MetricsDetail.DETAILED;
  }

  /** The zone name without the trailing dot, as CloudFormation's HostedZone.Name takes it. */
  public String nameWithoutDot() {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /**
   * The zone as the engine's metrics name it (dimension {@code Zone}): lower case, trailing dot.
   */
  public String metricName() {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /** The staleness window of this zone: its own {@code alarms.staleAfter} or the default. */
  public int staleAfterSeconds(Deployment.Alarms alarms) {
    return staleAfterSeconds.orElse(alarms.staleAfterSeconds());
  }
}
