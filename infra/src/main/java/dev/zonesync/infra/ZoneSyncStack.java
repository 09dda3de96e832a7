package dev.zonesync.infra;

import dev.zonesync.infra.config.ConfigFragments;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.Zone;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * One zonesync deployment (one account and region), composed of parts with one job each: {@link
 * CreatedHostedZones}, {@link DelegationResources}, {@link DeployedConfig}, {@link Network}, {@link
 * SyncFunction} (with {@link FunctionPermissions}), {@link Triggers}, {@link Monitoring} with the
 * per-zone {@link ZoneAlarms} and the {@link OperationsDashboard}, and {@link StackOutputs}. The
 * config arrives valid: every limit a config can exceed is checked by its parser ({@link
 * dev.zonesync.infra.config.DeploymentRules}).
 *
 * <p>The parts other than {@code Monitoring} are not constructs of their own: they create their
 * resources directly in this stack, as it did before it was split. A resource's path is its logical
 * ID, and a changed logical ID makes CloudFormation replace the resource (the retained hosted zones
 * and log group would be orphaned, the SSM parameters, role and alarms recreated).
 */
public final class ZoneSyncStack extends Stack {

  private final ZoneSyncConfig config;
  private final DeployedConfig deployedConfig;
  private final SyncFunction function;
  private final Triggers triggers;
  private final List<ZoneAlarms> alarmStacks;

  /**
   * @param code the function's code: {@code Code.fromAsset("lambda/target/zonesync.jar")} in the
   *     app, a small dummy asset in tests
   */
  public ZoneSyncStack(Construct scope, String id, ZoneSyncConfig config, Code code) {
    super(scope, id, props(config.deployment()));
    this.config = config;
    Deployment d = config.deployment();
    d.tags().forEach((k, v) -> Tags.of(this).add(k, v));

    CreatedHostedZones hostedZones = new CreatedHostedZones(this, config);
    new DelegationResources(this, config, hostedZones.hostedZoneIds());
    this.deployedConfig = new DeployedConfig(this, config, hostedZones.hostedZoneIds());
    Network network = new Network(this, config);
    this.function =
        new SyncFunction(
            this,
            config,
            code,
            network,
            hostedZones.hostedZoneIds(),
            deployedConfig.fragments().revision());
    this.triggers = new Triggers(this, config, function);
    Monitoring monitoring =
        new Monitoring(
            this,
            "Monitoring",
            config,
            function.deadLetterQueue(),
            function.function(),
            function.logGroup().getLogGroupName());
    // per-zone alarms only for the zones configured metrics: detailed: the others have no
    // per-zone metrics to alarm on, and the deployment's fixed alarms cover them
    this.alarmStacks =
        monitoring
            .alarmTopic()
            .map(
                topic ->
                    ZoneAlarms.forZones(
                        this,
                        config.zones().stream().filter(Zone::detailed).toList(),
                        new ZoneAlarms.Settings(
                            d.name(),
                            d.alarms(),
                            topic.getTopicArn(),
                            function.logGroup().getLogGroupName(),
                            d.dashboard().enabled()
                                ? Optional.of(Monitoring.dashboardName(d))
                                : Optional.empty())))
            .map(List::copyOf)
            .orElse(List.of());
    Optional<Dashboard> dashboard =
        OperationsDashboard.addTo(
            monitoring,
            config,
            alarmStacks,
            function.function(),
            function.deadLetterQueue(),
            function.logGroup().getLogGroupName());
    CatalogMonitoring.addTo(
        monitoring,
        config,
        function.function().getFunctionName(),
        function.logGroup().getLogGroupName(),
        dashboard);
    StackOutputs.add(this, d, function, monitoring, dashboard);
    Nag.suppress(this, function);
  }

  private static StackProps props(Deployment d) {
    return StackProps.builder()
        .stackName(d.name())
        .env(Environment.builder().account(d.account()).region(d.region()).build())
        .description(
            "zonesync: Route 53 private hosted zones as exact secondaries of on-premises DNS zones")
        .build();
  }

  public ZoneSyncConfig config() {
    return config;
  }

  /** The deployed config's fragments and revision. */
  public ConfigFragments fragments() {
    return deployedConfig.fragments();
  }

  /** The nested stacks of the zones' schedules. */
  public List<ZoneSchedules> scheduleStacks() {
    return triggers.scheduleStacks();
  }

  /**
   * The nested stacks of the per-zone alarms of the {@code metrics: detailed} zones (none when no
   * zone is detailed or alarms are disabled).
   */
  public List<ZoneAlarms> alarmStacks() {
    return alarmStacks;
  }
}
