package dev.zonesync.infra.config;

import java.util.List;
import java.util.Optional;

/**
 * The keys of one {@code zones[]} entry that the CDK app uses. Everything else in the entry belongs
 * to the engine and is deployed untouched.
 *
 * @param index position in {@code zones}, for error messages
 * @param hostedZoneId absent only when {@code createHostedZone} is true
 */
public record Zone(
    int index,
    String name,
    Optional<String> hostedZoneId,
    boolean createHostedZone,
    List<Master> masters,
    String schedule) {

  /** The zone name without the trailing dot, as CloudFormation's HostedZone.Name takes it. */
  public String nameWithoutDot() {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
