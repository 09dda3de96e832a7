package dev.zonesync.infra;

import dev.zonesync.contract.AwsActions;
import dev.zonesync.contract.FunctionContract;
import dev.zonesync.infra.config.ConfigFragments;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.ManagedPolicyPlan;
import dev.zonesync.infra.config.SecurityGroupRules;
import dev.zonesync.infra.config.TsigKey;
import dev.zonesync.infra.config.Zone;
import dev.zonesync.infra.config.ZoneBuckets;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.IPeer;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
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
import software.amazon.awscdk.services.route53.CfnHostedZone;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.ssm.ParameterTier;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * One zonesync deployment (one account and region): the function with SnapStart behind the {@value
 * #ALIAS} alias, its security group and role, the config in SSM, one Scheduler schedule per zone
 * and its three alarms (in nested stacks: {@link ZoneSchedules}, {@link ZoneAlarms}), the
 * dead-letter queue and its alarm, the alarm topic and a dashboard ({@link Monitoring}), and
 * optionally created private hosted zones and VPC interface endpoints.
 */
public final class ZoneSyncStack extends Stack {

  /** The alias every trigger invokes; it always points at the latest published version. */
  public static final String ALIAS = "live";

  /** The handler in the lambda module's jar (the engine's contract). */
  public static final String HANDLER = FunctionContract.HANDLER;

  /** C1 only: short, I/O-bound runs on a fraction of a vCPU gain nothing from C2 compiles. */
  public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  /** What the function may do on each configured hosted zone. */
  public static final List<String> HOSTED_ZONE_ACTIONS = AwsActions.HOSTED_ZONE;

  private final ZoneSyncConfig config;
  private final ConfigFragments fragments;
  private final Function function;
  private final Alias alias;
  private final SecurityGroup securityGroup;
  private final Role functionRole;
  private final Role schedulerRole;
  private final Queue deadLetterQueue;
  private final List<ZoneSchedules> scheduleStacks = new ArrayList<>();
  private final List<ZoneAlarms> alarmStacks = new ArrayList<>();
  private final Map<String, CfnHostedZone> createdHostedZones = new LinkedHashMap<>();
  private final List<StringParameter> configParameters = new ArrayList<>();
  private final Monitoring monitoring;

  /**
   * @param code the function's code: {@code Code.fromAsset("lambda/target/zonesync.jar")} in the
   *     app, a small dummy asset in tests
   */
  public ZoneSyncStack(Construct scope, String id, ZoneSyncConfig config, Code code) {
    super(
        scope,
        id,
        StackProps.builder()
            .stackName(config.deployment().name())
            .env(
                Environment.builder()
                    .account(config.deployment().account())
                    .region(config.deployment().region())
                    .build())
            .description(
                "zonesync: Route 53 private hosted zones as exact secondaries of on-premises DNS"
                    + " zones")
            .build());
    this.config = config;
    Deployment d = config.deployment();
    d.tags().forEach((k, v) -> Tags.of(this).add(k, v));

    // --- Hosted zones the stack creates, and the config that names them -------------------------
    Map<String, String> hostedZoneIds = new LinkedHashMap<>();
    // One scope level more than needed: logical IDs then carry a hash of the zone name, so names
    // that differ only in punctuation (a-b.example. / ab.example.) cannot collide.
    Construct hostedZoneScope = new Construct(this, "HostedZone");
    for (Zone z : config.zones()) {
      if (z.createHostedZone()) {
        CfnHostedZone hz =
            CfnHostedZone.Builder.create(hostedZoneScope, z.name())
                .name(z.nameWithoutDot())
                .hostedZoneConfig(
                    CfnHostedZone.HostedZoneConfigProperty.builder()
                        .comment("Secondary of on-premises zone " + z.name() + ", kept by zonesync")
                        .build())
                .vpcs(
                    d.hostedZones().vpcs().stream()
                        .map(
                            v ->
                                CfnHostedZone.VPCProperty.builder()
                                    .vpcId(v.id())
                                    .vpcRegion(v.region())
                                    .build())
                        .toList())
                .build();
        // Records zonesync mirrored into the zone must not vanish with the stack (and a non-empty
        // hosted zone cannot be deleted by CloudFormation anyway).
        hz.applyRemovalPolicy(RemovalPolicy.RETAIN);
        createdHostedZones.put(z.name(), hz);
        hostedZoneIds.put(z.name(), hz.getAttrId());
      } else {
        hostedZoneIds.put(z.name(), z.hostedZoneId().orElseThrow());
      }
    }

    this.fragments = ConfigFragments.pack(config, ConfigFragments.STANDARD_TIER_LIMIT);
    for (int i = 0; i < fragments.values().size(); i++) {
      String n = String.format("%03d", i);
      StringParameter parameter =
          StringParameter.Builder.create(this, "ConfigFragment" + n)
              .parameterName(d.configParameterPath() + "/" + n)
              .description(
                  "zonesync config fragment "
                      + (i + 1)
                      + " of "
                      + fragments.values().size()
                      + " (revision "
                      + fragments.revision()
                      + "); written by cdk deploy, do not edit")
              .tier(ParameterTier.STANDARD)
              .stringValue(ConfigFragments.resolve(fragments.values().get(i), hostedZoneIds))
              .build();
      // One at a time: CloudFormation writing many parameters at once runs into SSM's
      // PutParameter throttling.
      if (!configParameters.isEmpty()) {
        parameter.getNode().addDependency(configParameters.get(configParameters.size() - 1));
      }
      configParameters.add(parameter);
    }

    // --- Network
    // ----------------------------------------------------------------------------------
    // Imported without lookups (synth stays offline). Subnets are always selected explicitly, so
    // the
    // VPC's own AZ and subnet lists are never read; fromVpcAttributes merely requires one AZ.
    IVpc vpc =
        Vpc.fromVpcAttributes(
            this,
            "Vpc",
            VpcAttributes.builder()
                .vpcId(d.vpc().id())
                .availabilityZones(List.of("not-used"))
                .build());
    SubnetSelection subnets = subnets("Subnet", d.vpc().subnetIds());
    this.securityGroup =
        SecurityGroup.Builder.create(this, "FunctionSecurityGroup")
            .vpc(vpc)
            .allowAllOutbound(false)
            .description("zonesync function: DNS to the masters, HTTPS to AWS APIs")
            .build();
    for (SecurityGroupRules.Rule rule : SecurityGroupRules.of(config)) {
      IPeer peer = rule.cidr().contains(":") ? Peer.ipv6(rule.cidr()) : Peer.ipv4(rule.cidr());
      Port port = rule.protocol().equals("tcp") ? Port.tcp(rule.port()) : Port.udp(rule.port());
      securityGroup.addEgressRule(peer, port, rule.description());
    }
    if (!d.vpc().interfaceEndpoints().isEmpty()) {
      SecurityGroup endpointSg =
          SecurityGroup.Builder.create(this, "EndpointSecurityGroup")
              .vpc(vpc)
              .allowAllOutbound(false)
              .description("zonesync interface endpoints: HTTPS from the zonesync function")
              .build();
      SubnetSelection endpointSubnets = subnets("EndpointSubnet", d.vpc().endpointSubnetIds());
      for (String service : d.vpc().interfaceEndpoints()) {
        InterfaceVpcEndpoint endpoint =
            InterfaceVpcEndpoint.Builder.create(this, "Endpoint-" + service)
                .vpc(vpc)
                .service(
                    service.equals("ssm")
                        ? InterfaceVpcEndpointAwsService.SSM
                        : InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
                .subnets(endpointSubnets)
                .securityGroups(List.of(endpointSg))
                .privateDnsEnabled(true)
                .open(false)
                .build();
        endpoint.getConnections().allowDefaultPortFrom(securityGroup, "HTTPS from zonesync");
      }
    }

    // --- Function
    // ---------------------------------------------------------------------------------
    LogGroup logGroup =
        LogGroup.Builder.create(this, "FunctionLogs")
            .retention(retention(d.function().logRetentionDays()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    this.deadLetterQueue =
        Queue.Builder.create(this, "DeadLetterQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    this.functionRole =
        Role.Builder.create(this, "FunctionRole")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("zonesync function: exactly the configured hosted zones and TSIG secrets")
            .inlinePolicies(Map.of("zonesync", functionPolicy(logGroup)))
            .managedPolicies(scopedPolicies(hostedZoneIds))
            .build();
    this.function =
        Function.Builder.create(this, "Function")
            .description(
                "zonesync: syncs on-premises DNS zones into Route 53 (config revision "
                    + fragments.revision()
                    + ")")
            .runtime(Runtime.JAVA_21)
            .architecture(Architecture.ARM_64)
            .handler(HANDLER)
            .code(code)
            .memorySize(d.function().memoryMb())
            .timeout(Duration.seconds(d.function().timeoutSeconds()))
            .role(functionRole)
            .vpc(vpc)
            .vpcSubnets(subnets)
            .securityGroups(List.of(securityGroup))
            .reservedConcurrentExecutions(1)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .logGroup(logGroup)
            .environment(env(d))
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
        Alias.Builder.create(this, "Alias")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .description("What every trigger invokes; moves to each newly published version")
            // Async invocations (all schedules): the next scheduled run is the retry; stale events
            // only repeat work, and whatever fails or expires lands in the dead-letter queue.
            .retryAttempts(0)
            .maxEventAge(Duration.hours(1))
            .onFailure(new SqsDestination(deadLetterQueue))
            .build();

    // --- Schedules
    // --------------------------------------------------------------------------------
    this.schedulerRole =
        Role.Builder.create(this, "SchedulerRole")
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
                                statement(
                                    List.of("lambda:InvokeFunction"),
                                    List.of(alias.getFunctionArn())),
                                statement(
                                    List.of("sqs:SendMessage"),
                                    List.of(deadLetterQueue.getQueueArn()))))
                        .build()))
            .build();
    CfnScheduleGroup group =
        CfnScheduleGroup.Builder.create(this, "ScheduleGroup").name(d.name()).build();
    ZoneSchedules.Target target =
        new ZoneSchedules.Target(
            group.getName(),
            alias.getFunctionArn(),
            schedulerRole.getRoleArn(),
            deadLetterQueue.getQueueArn(),
            d.scheduler());
    List<List<Zone>> buckets = ZoneBuckets.spread(config.zones(), d.scheduler().nestedStacks());
    // --- Alarms (per zone in the nested stacks, see ZoneAlarms) and dashboard -------------------
    this.monitoring =
        new Monitoring(this, "Monitoring", config, deadLetterQueue, function.getFunctionName());
    Optional<ZoneAlarms.Settings> alarms =
        monitoring
            .alarmTopic()
            .map(
                topic ->
                    new ZoneAlarms.Settings(
                        d.name(),
                        d.alarms(),
                        topic.getTopicArn(),
                        logGroup.getLogGroupName(),
                        d.dashboard().enabled()
                            ? Optional.of(Monitoring.dashboardName(d))
                            : Optional.empty()));
    for (int i = 0; i < buckets.size(); i++) {
      if (!buckets.get(i).isEmpty()) {
        ZoneSchedules s = new ZoneSchedules(this, "ZoneSchedules" + i, buckets.get(i), target);
        s.getNestedStackResource().addResourceDependency(group);
        scheduleStacks.add(s);
      }
    }
    alarms.ifPresent(
        settings -> {
          List<List<Zone>> alarmBuckets = ZoneBuckets.spread(config.zones(), ZoneAlarms.BUCKETS);
          for (int i = 0; i < alarmBuckets.size(); i++) {
            if (!alarmBuckets.get(i).isEmpty()) {
              alarmStacks.add(
                  new ZoneAlarms(this, "ZoneAlarms" + i, alarmBuckets.get(i), settings));
            }
          }
        });
    d.scheduler()
        .fullReconcile()
        .ifPresent(
            expr -> {
              var full =
                  ZoneSchedules.schedule(
                      this,
                      "FullReconcileSchedule",
                      expr,
                      ZoneSchedules.json(Map.of("mode", "full")),
                      "zonesync: daily full reconcile of every zone",
                      target);
              full.addResourceDependency(group);
            });

    // --- Outputs
    // ----------------------------------------------------------------------------------
    String qualified = function.getFunctionName() + ":" + ALIAS;
    String invoke =
        "aws lambda invoke --region "
            + d.region()
            + " --function-name "
            + qualified
            + " --cli-binary-format raw-in-base64-out --cli-read-timeout 0 --payload ";
    output("FunctionName", function.getFunctionName(), "The zonesync function");
    output("AliasName", ALIAS, "The alias every schedule invokes");
    output("AliasArn", alias.getFunctionArn(), "ARN of the alias");
    output(
        "ForcedSyncCommand",
        invoke + "'{\"force\": true}' /dev/stdout",
        "Forced sync of every zone (add \"zones\": [\"name.\"] to the payload for some)");
    output(
        "DryRunCommand",
        invoke + "'{\"dryRun\": true}' /dev/stdout",
        "Plan every zone without changing Route 53");
    output("ConfigParameterPath", d.configParameterPath(), "SSM path of the deployed config");
    output("DeadLetterQueueUrl", deadLetterQueue.getQueueUrl(), "Failed schedule deliveries/runs");
    output("ScheduleGroupName", d.name(), "EventBridge Scheduler group of the zone schedules");
    monitoring.addDashboard(alarmStacks, function, deadLetterQueue);
    monitoring
        .alarmTopic()
        .ifPresent(
            t ->
                output(
                    "AlarmTopicArn", t.getTopicArn(), "SNS topic every zonesync alarm notifies"));
    monitoring
        .dashboard()
        .ifPresent(
            db -> {
              String name = Monitoring.dashboardName(d);
              output("DashboardName", name, "CloudWatch dashboard of every zone");
              output(
                  "DashboardUrl",
                  "https://"
                      + d.region()
                      + ".console.aws.amazon.com/cloudwatch/home?region="
                      + d.region()
                      + "#dashboards/dashboard/"
                      + name,
                  "CloudWatch dashboard of every zone (console link)");
            });

    Nag.suppress(this);
  }

  private SubnetSelection subnets(String prefix, List<String> ids) {
    List<ISubnet> list = new ArrayList<>();
    for (String id : ids) {
      ISubnet subnet = (ISubnet) getNode().tryFindChild(prefix + id);
      if (subnet == null) {
        subnet = Subnet.fromSubnetId(this, prefix + id, id);
        Annotations.of(subnet)
            .acknowledgeWarning(
                "@aws-cdk/aws-ec2:noSubnetRouteTableId",
                "Subnets are only placed into (Lambda VPC config, endpoints); nothing routes.");
      }
      list.add(subnet);
    }
    return SubnetSelection.builder().subnets(list).build();
  }

  private PolicyDocument functionPolicy(LogGroup logGroup) {
    Deployment d = config.deployment();
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(
        statement(
            List.of("logs:CreateLogStream", "logs:PutLogEvents"),
            List.of(logGroup.getLogGroupArn())));
    // What AWSLambdaVPCAccessExecutionRole grants: Lambda manages the function's ENIs with these;
    // ec2:Describe* has no resource-level permissions.
    statements.add(
        statement(
            List.of(
                "ec2:CreateNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses"),
            List.of("*")));
    // Hosted-zone and secret ARNs go to managed policies (see scopedPolicies): with hundreds of
    // zones they outgrow the 10 KB a role's inline policies may hold.
    Set<String> secrets = secretArns();
    if (!d.tsigSecretKmsKeyArns().isEmpty()) {
      Set<String> via = new LinkedHashSet<>();
      for (String arn : secrets) {
        via.add("secretsmanager." + arn.split(":")[3] + ".amazonaws.com");
      }
      statements.add(
          PolicyStatement.Builder.create()
              .effect(Effect.ALLOW)
              .actions(List.of("kms:Decrypt"))
              .resources(d.tsigSecretKmsKeyArns())
              .conditions(Map.of("StringEquals", Map.of("kms:ViaService", List.copyOf(via))))
              .build());
    }
    String path = d.configParameterPath();
    // GetParametersByPath is authorised against the requested path, not the parameters returned.
    String pathArn =
        "arn:" + getPartition() + ":ssm:" + d.region() + ":" + d.account() + ":parameter" + path;
    statements.add(statement(AwsActions.CONFIG_PATH, List.of(pathArn, pathArn + "/")));
    return PolicyDocument.Builder.create().statements(statements).build();
  }

  private Set<String> secretArns() {
    Set<String> secrets = new LinkedHashSet<>();
    for (TsigKey k : config.tsigKeys()) {
      k.secretsManagerArn().ifPresent(secrets::add);
    }
    return secrets;
  }

  /**
   * Customer managed policies granting the Route 53 actions on exactly the configured hosted zones
   * and GetSecretValue on exactly the TSIG secrets, as {@link ManagedPolicyPlan} packs them.
   */
  private List<ManagedPolicy> scopedPolicies(Map<String, String> hostedZoneIds) {
    List<List<ManagedPolicyPlan.Statement>> plan = ManagedPolicyPlan.of(config).policies();
    List<ManagedPolicy> policies = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      List<PolicyStatement> statements = new ArrayList<>();
      for (ManagedPolicyPlan.Statement st : plan.get(i)) {
        List<String> arns = new ArrayList<>();
        for (ManagedPolicyPlan.Resource r : st.resources()) {
          arns.add(
              switch (r) {
                case ManagedPolicyPlan.HostedZone z ->
                    hostedZoneArn(hostedZoneIds.get(z.zoneName()));
                case ManagedPolicyPlan.Secret secret -> secret.arn();
              });
        }
        statements.add(statement(st.actions(), arns));
      }
      policies.add(
          ManagedPolicy.Builder.create(this, "ScopedAccess" + i)
              .description(
                  "zonesync: Route 53 on the configured hosted zones, TSIG secrets ("
                      + (i + 1)
                      + " of "
                      + plan.size()
                      + ")")
              .document(PolicyDocument.Builder.create().statements(statements).build())
              .build());
    }
    return policies;
  }

  private String hostedZoneArn(String id) {
    return "arn:" + getPartition() + ":route53:::hostedzone/" + id;
  }

  private static PolicyStatement statement(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(resources)
        .build();
  }

  private static Map<String, String> env(Deployment d) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        FunctionContract.CONFIG_ENV, FunctionContract.SSM_PATH_PREFIX + d.configParameterPath());
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    // the "service" field of every JSON log line (Powertools)
    env.put("POWERTOOLS_SERVICE_NAME", d.name());
    return env;
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
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

  public ZoneSyncConfig config() {
    return config;
  }

  public ConfigFragments fragments() {
    return fragments;
  }

  public Function function() {
    return function;
  }

  public Alias alias() {
    return alias;
  }

  public SecurityGroup securityGroup() {
    return securityGroup;
  }

  public Role functionRole() {
    return functionRole;
  }

  public Role schedulerRole() {
    return schedulerRole;
  }

  public Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  /** The alarm topic, dead-letter queue alarm and dashboard (each absent when disabled). */
  Monitoring monitoring() {
    return monitoring;
  }

  public List<ZoneSchedules> scheduleStacks() {
    return List.copyOf(scheduleStacks);
  }

  /** The nested stacks of the zone alarms (none when alarms are disabled). */
  public List<ZoneAlarms> alarmStacks() {
    return List.copyOf(alarmStacks);
  }

  /** The SSM parameters holding the deployed config fragments, in name order. */
  public List<StringParameter> configParameters() {
    return List.copyOf(configParameters);
  }

  public Map<String, CfnHostedZone> createdHostedZones() {
    return Map.copyOf(createdHostedZones);
  }
}
