package dev.zonesync.infra;

import dev.zonesync.contract.FunctionContract;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.VersionOptions;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;

/**
 * The function as every trigger invokes it: SnapStart-published behind the {@value #ALIAS} alias,
 * one run at a time, asynchronous failures to the dead-letter queue, with its log group and role
 * ({@link FunctionPermissions}). Builds in the stack's scope (see {@link ZoneSyncStack}).
 */
final class SyncFunction {

  /** The alias every trigger invokes; it always points at the latest published version. */
  static final String ALIAS = "live";

  /** The handler in the lambda module's jar (the engine's contract). */
  static final String HANDLER = FunctionContract.HANDLER;

  /** C1 only (the engine's contract says why). */
  static final String JAVA_TOOL_OPTIONS = FunctionContract.JAVA_TOOL_OPTIONS;

  private final LogGroup logGroup;
  private final Queue deadLetterQueue;
  private final Role role;
  private final Function function;
  private final Alias alias;

  /**
   * @param configRevision the deployed config's revision: in the description, so a config change
   *     publishes a new version
   */
  SyncFunction(
      Stack stack,
      ZoneSyncConfig config,
      Code code,
      Network network,
      Map<String, String> hostedZoneIds,
      String configRevision) {
    Deployment d = config.deployment();
    this.logGroup =
        LogGroup.Builder.create(stack, "FunctionLogs")
            .retention(retention(d.function().logRetentionDays()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    this.deadLetterQueue =
        Queue.Builder.create(stack, "DeadLetterQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    this.role = new FunctionPermissions(stack, config, logGroup, hostedZoneIds).role();
    this.function =
        Function.Builder.create(stack, "Function")
            .description(
                "zonesync: syncs on-premises DNS zones into Route 53 (config revision "
                    + configRevision
                    + ")")
            .runtime(Runtime.JAVA_21)
            .architecture(Architecture.ARM_64)
            .handler(HANDLER)
            .code(code)
            .memorySize(d.function().memoryMb())
            .timeout(Duration.seconds(d.function().timeoutSeconds()))
            .role(role)
            .vpc(network.vpc())
            .vpcSubnets(network.subnets())
            .securityGroups(List.of(network.securityGroup()))
            .reservedConcurrentExecutions(1)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .logGroup(logGroup)
            .environment(environment(d))
            .currentVersionOptions(
                VersionOptions.builder().removalPolicy(RemovalPolicy.DESTROY).build())
            .build();
    // CDK renders DependsOn the role next to the GetAtt of its ARN; cfn-lint W3005 flags the
    // redundancy, which is harmless.
    ((CfnFunction) function.getNode().getDefaultChild())
        .addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("W3005"))));
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "The current version is published and every trigger invokes it through the alias.");
    // Config changes must publish a new version (SnapStart snapshots the initialised function):
    // the revision in the description is part of the version hash.
    this.alias =
        Alias.Builder.create(stack, "Alias")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .description("What every trigger invokes; moves to each newly published version")
            // Async invocations (all schedules): the next scheduled run is the retry; stale events
            // only repeat work, and whatever fails or expires lands in the dead-letter queue.
            .retryAttempts(0)
            .maxEventAge(Duration.hours(1))
            .onFailure(new SqsDestination(deadLetterQueue))
            .build();
  }

  LogGroup logGroup() {
    return logGroup;
  }

  /** Where failed schedule deliveries and failed or expired asynchronous runs land. */
  Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  Role role() {
    return role;
  }

  Function function() {
    return function;
  }

  Alias alias() {
    return alias;
  }

  private static Map<String, String> environment(Deployment d) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        FunctionContract.CONFIG_ENV, FunctionContract.SSM_PATH_PREFIX + d.configParameterPath());
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    // the "service" field of every JSON log line (Powertools)
    env.put("POWERTOOLS_SERVICE_NAME", d.name());
    return env;
  }

  private static RetentionDays retention(int days) {
    for (RetentionDays r : RetentionDays.values()) {
      if (daysOf(r) == days) {
        return r;
      }
    }
    throw new IllegalArgumentException("no RetentionDays for " + days);
  }

  private static int daysOf(RetentionDays r) {
    return switch (r) {
      case ONE_DAY -> 1;
      case THREE_DAYS -> 3;
      case FIVE_DAYS -> 5;
      case ONE_WEEK -> 7;
      case TWO_WEEKS -> 14;
      case ONE_MONTH -> 30;
      case TWO_MONTHS -> 60;
      case THREE_MONTHS -> 90;
      case FOUR_MONTHS -> 120;
      case FIVE_MONTHS -> 150;
      case SIX_MONTHS -> 180;
      case ONE_YEAR -> 365;
      case THIRTEEN_MONTHS -> 400;
      case EIGHTEEN_MONTHS -> 545;
      case TWO_YEARS -> 731;
      case THREE_YEARS -> 1096;
      case FIVE_YEARS -> 1827;
      case SIX_YEARS -> 2192;
      case SEVEN_YEARS -> 2557;
      case EIGHT_YEARS -> 2922;
      case NINE_YEARS -> 3288;
      case TEN_YEARS -> 3653;
      default -> -1;
    };
  }
}
