package dev.zonesync.infra;

import dev.zonesync.infra.config.Deployment;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Dashboard;

/**
 * The stack outputs an operator works with: the function and its alias, ready-to-run forced-sync
 * and dry-run commands, where the config, dead letters, schedules, alarms and dashboard are.
 */
final class StackOutputs {
  private StackOutputs() {}

  static void add(
      Stack stack,
      Deployment d,
      SyncFunction function,
      Monitoring monitoring,
      Optional<Dashboard> dashboard) {
    String functionName = function.function().getFunctionName();
    String invoke =
        "aws lambda invoke --region "
            + d.region()
            + " --function-name "
            + functionName
            + ":"
            + SyncFunction.ALIAS
            + " --cli-binary-format raw-in-base64-out --cli-read-timeout 0 --payload ";
    output(stack, "FunctionName", functionName, "The zonesync function");
    output(stack, "AliasName", SyncFunction.ALIAS, "The alias every schedule invokes");
    output(stack, "AliasArn", function.alias().getFunctionArn(), "ARN of the alias");
    output(
        stack,
        "ForcedSyncCommand",
        invoke + "'{\"force\": true}' /dev/stdout",
        "Forced sync of every zone (add \"zones\": [\"name.\"] to the payload for some)");
    output(
        stack,
        "DryRunCommand",
        invoke + "'{\"dryRun\": true}' /dev/stdout",
        "Plan every zone without changing Route 53");
    output(
        stack, "ConfigParameterPath", d.configParameterPath(), "SSM path of the deployed config");
    output(
        stack,
        "DeadLetterQueueUrl",
        function.deadLetterQueue().getQueueUrl(),
        "Failed schedule deliveries/runs");
    output(
        stack, "ScheduleGroupName", d.name(), "EventBridge Scheduler group of the zone schedules");
    monitoring
        .alarmTopic()
        .ifPresent(
            t ->
                output(
                    stack,
                    "AlarmTopicArn",
                    t.getTopicArn(),
                    "SNS topic every zonesync alarm notifies"));
    dashboard.ifPresent(
        db -> {
          String name = Monitoring.dashboardName(d);
          output(stack, "DashboardName", name, "CloudWatch dashboard of every zone");
          output(
              stack,
              "DashboardUrl",
              "https://"
                  + d.region()
                  + ".console.aws.amazon.com/cloudwatch/home?region="
                  + d.region()
                  + "#dashboards/dashboard/"
                  + name,
              "CloudWatch dashboard of every zone (console link)");
        });
  }

  private static void output(Stack stack, String id, String value, String description) {
    CfnOutput.Builder.create(stack, id).value(value).description(description).build();
  }
}
