package dev.zonesync.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.ScheduleGroups;
import dev.zonesync.infra.config.Zone;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.NestedStackProps;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.constructs.Construct;

/**
 * A nested stack holding the schedules of some zones: one EventBridge Scheduler schedule per group
 * of zones sharing a schedule expression, at most {@code deployment.scheduler.zonesPerSchedule}
 * zones each ({@link ScheduleGroups}), input {@code {"zones": [...]}}, invoking the alias with a
 * retry policy and the dead-letter queue. One invocation then runs the whole group.
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

  /** CloudFormation's limit on a schedule's description. */
  static final int MAX_DESCRIPTION = 512;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Zone> zones;
  private final List<ScheduleGroups.Group> groups;

  ZoneSchedules(Construct scope, String id, List<Zone> zones, Target target) {
    super(
        scope,
        id,
        NestedStackProps.builder()
            .description("zonesync: schedules of " + zones.size() + " zone(s)")
            .build());
    this.zones = List.copyOf(zones);
    this.groups = ScheduleGroups.of(zones, target.settings().zonesPerSchedule());
    Construct scheduleScope = new Construct(this, "Schedule");
    for (ScheduleGroups.Group g : groups) {
      schedule(scheduleScope, g.id(), g.expression(), g.input(), description(g), target);
    }
  }

  /** Which zones, readable in the console's list (the input has them all). */
  static String description(ScheduleGroups.Group g) {
    List<Zone> zs = g.zones();
    String text =
        zs.size() == 1
            ? "zonesync: sync zone " + zs.get(0).name()
            : "zonesync: sync "
                + zs.size()
                + " zones ("
                + zs.get(0).name()
                + " ... "
                + zs.get(zs.size() - 1).name()
                + ")";
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 3) + "...";
  }

  /** The schedules of this nested stack, one per group. */
  public List<ScheduleGroups.Group> groups() {
    return groups;
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
