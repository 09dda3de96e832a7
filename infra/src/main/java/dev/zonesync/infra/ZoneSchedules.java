package dev.zonesync.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.Zone;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.NestedStackProps;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.constructs.Construct;

/**
 * A nested stack holding the schedules of some zones: one EventBridge Scheduler schedule per zone,
 * input {@code {"zones": ["<name>"]}}, invoking the alias with a retry policy and the dead-letter
 * queue.
 *
 * <p>Why nested: CloudFormation allows 500 resources per stack. Zones are spread over {@code
 * deployment.scheduler.nestedStacks} nested stacks by a stable hash of the zone name, so adding or
 * removing a zone touches one nested stack and never moves the other zones' schedules. (The zone
 * alarms have nested stacks of their own, {@link ZoneAlarms}: their names are fixed, so they must
 * never move between stacks when {@code nestedStacks} changes.)
 */
public final class ZoneSchedules extends NestedStack {

  /** What every schedule targets. */
  public record Target(
      String groupName,
      String aliasArn,
      String roleArn,
      String deadLetterQueueArn,
      Deployment.Scheduler settings) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Zone> zones;

  ZoneSchedules(Construct scope, String id, List<Zone> zones, Target target) {
    super(
        scope,
        id,
        NestedStackProps.builder()
            .description("zonesync: schedules of " + zones.size() + " zone(s)")
            .build());
    this.zones = List.copyOf(zones);
    // Logical IDs carry a hash of the zone name (see CreatedHostedZones).
    Construct scheduleScope = new Construct(this, "Schedule");
    for (Zone z : zones) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("zones", List.of(z.name()));
      schedule(
          scheduleScope,
          z.name(),
          z.schedule(),
          json(input),
          "zonesync: sync zone " + z.name(),
          target);
    }
  }

  /** The zones whose schedules this nested stack holds. */
  public List<Zone> zones() {
    return zones;
  }

  static CfnSchedule schedule(
      Construct scope,
      String id,
      String expression,
      String input,
      String description,
      Target target) {
    Deployment.Scheduler s = target.settings();
    CfnSchedule.Builder b =
        CfnSchedule.Builder.create(scope, id)
            .description(description)
            .groupName(target.groupName())
            .scheduleExpression(expression)
            .state("ENABLED")
            .flexibleTimeWindow(
                s.flexibleWindowMinutes() == 0
                    ? CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build()
                    : CfnSchedule.FlexibleTimeWindowProperty.builder()
                        .mode("FLEXIBLE")
                        .maximumWindowInMinutes(s.flexibleWindowMinutes())
                        .build())
            .target(
                CfnSchedule.TargetProperty.builder()
                    .arn(target.aliasArn())
                    .roleArn(target.roleArn())
                    .input(input)
                    .retryPolicy(
                        CfnSchedule.RetryPolicyProperty.builder()
                            .maximumRetryAttempts(s.retryAttempts())
                            .maximumEventAgeInSeconds(s.maxEventAgeSeconds())
                            .build())
                    .deadLetterConfig(
                        CfnSchedule.DeadLetterConfigProperty.builder()
                            .arn(target.deadLetterQueueArn())
                            .build())
                    .build());
    s.timezone().ifPresent(b::scheduleExpressionTimezone);
    return b.build();
  }

  /** Compact JSON with keys in insertion order (schedule inputs must be byte-stable). */
  static String json(Map<String, ?> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
