package dev.zonesync.infra;

import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.DeploymentRules;
import dev.zonesync.infra.config.Zone;
import dev.zonesync.infra.config.ZoneBuckets;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;

/**
 * What invokes the function: EventBridge Scheduler schedules in one group, one per group of zones
 * sharing an expression (in the {@link ZoneSchedules} nested stacks), one per catalog ({@link
 * CatalogSchedules}), plus the optional {@code deployment.scheduler.fullReconcile} run of every
 * zone, all through one role that may only invoke the alias and dead-letter. Builds in the stack's
 * scope (see {@link ZoneSyncStack}).
 */
final class Triggers {

  private final Role schedulerRole;
  private final List<ZoneSchedules> scheduleStacks = new ArrayList<>();

  Triggers(Stack stack, ZoneSyncConfig config, SyncFunction function) {
    Deployment d = config.deployment();
    String aliasArn = function.alias().getFunctionArn();
    String deadLetterQueueArn = function.deadLetterQueue().getQueueArn();
    this.schedulerRole =
        Role.Builder.create(stack, "SchedulerRole")
            .assumedBy(
                ServicePrincipal.Builder.create("scheduler.amazonaws.com")
                    .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", d.account())))
                    .build())
            .description("EventBridge Scheduler: invoke the zonesync alias, dead-letter to SQS")
            .inlinePolicies(
                Map.of(
                    "invoke",
                    PolicyDocument.Builder.create()
                        .statements(
                            List.of(
                                allow(List.of("lambda:InvokeFunction"), List.of(aliasArn)),
                                allow(List.of("sqs:SendMessage"), List.of(deadLetterQueueArn))))
                        .build()))
            .build();
    CfnScheduleGroup group =
        CfnScheduleGroup.Builder.create(stack, "ScheduleGroup").name(d.name()).build();
    ZoneSchedules.Target target =
        new ZoneSchedules.Target(
            group.getName(),
            aliasArn,
            schedulerRole.getRoleArn(),
            deadLetterQueueArn,
            d.scheduler());
    List<List<Zone>> buckets = ZoneBuckets.spread(config.zones(), d.scheduler().nestedStacks());
    for (int i = 0; i < buckets.size(); i++) {
      if (!buckets.get(i).isEmpty()) {
        ZoneSchedules s = new ZoneSchedules(stack, "ZoneSchedules" + i, buckets.get(i), target);
        s.getNestedStackResource().addResourceDependency(group);
        scheduleStacks.add(s);
      }
    }
    CatalogSchedules.add(stack, config, target, group);
    DeploymentRules.scheduleTimeWarning(config)
        .ifPresent(w -> Annotations.of(stack).addWarningV2("zonesync:scheduleTime", w));
    d.scheduler()
        .fullReconcile()
        .ifPresent(
            expr ->
                ZoneSchedules.schedule(
                        stack,
                        "FullReconcileSchedule",
                        expr,
                        ZoneSchedules.json(Map.of("mode", "full")),
                        "zonesync: full reconcile of every zone (deployment.scheduler.fullReconcile)",
                        target)
                    .addResourceDependency(group));
  }

  private static PolicyStatement allow(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(resources)
        .build();
  }

  Role schedulerRole() {
    return schedulerRole;
  }

  /** The nested stacks of the zones' schedules, in bucket order (only non-empty buckets). */
  List<ZoneSchedules> scheduleStacks() {
    return List.copyOf(scheduleStacks);
  }
}
