package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonesync.contract.AwsActions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The stack for samples/zonesync.yaml: one synth shared by every test here. */
class SampleStackTest {
  private static Synth synth;

  @BeforeAll
  static void synthesize() {
    synth = Synth.of(Synth.sampleYaml());
    System.out.printf(
        "sample config: synth %d ms, resources parent=%d nested=%s%n",
        synth.synthMillis,
        Synth.resourceCount(synth.json),
        synth.nestedJson.values().stream().map(Synth::resourceCount).toList());
  }

  @Test
  void function_isJava21Arm64WithSnapStartAndOneWriter() {
    synth.template.resourceCountIs("AWS::Lambda::Function", 1);
    synth.template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Runtime",
            "java21",
            "Architectures",
            List.of("arm64"),
            "Handler",
            "dev.zonesync.handler.SyncHandler::handleRequest",
            "MemorySize",
            1024,
            "Timeout",
            300,
            "ReservedConcurrentExecutions",
            1,
            "SnapStart",
            Map.of("ApplyOn", "PublishedVersions")));
  }

  @Test
  void function_getsOnlyConfigLocationJvmFlagsAndServiceName() {
    JsonNode env = function().path("Properties").path("Environment").path("Variables");
    assertThat(fieldNames(env))
        .containsExactly("JAVA_TOOL_OPTIONS", "POWERTOOLS_SERVICE_NAME", "ZONESYNC_CONFIG");
    assertThat(env.path("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo("zonesync");
    assertThat(env.path("ZONESYNC_CONFIG").asText()).isEqualTo("ssm-path:/zonesync/config");
  }

  @Test
  void function_runsInTheConfiguredSubnetsWithItsOwnSecurityGroup() {
    JsonNode vpc = function().path("Properties").path("VpcConfig");
    assertThat(texts(vpc.path("SubnetIds")))
        .containsExactly("subnet-0123456789abcdef0", "subnet-0fedcba9876543210");
    assertThat(vpc.path("SecurityGroupIds").get(0).path("Fn::GetAtt").get(0).asText())
        .isEqualTo(only("AWS::EC2::SecurityGroup").getKey());
    assertThat(only("AWS::EC2::SecurityGroup").getValue().path("Properties").path("VpcId").asText())
        .isEqualTo("vpc-0123456789abcdef0");
  }

  @Test
  void function_logsToAGroupWithRetention() {
    var logGroup = only("AWS::Logs::LogGroup");
    assertThat(logGroup.getValue().path("Properties").path("RetentionInDays").asInt())
        .isEqualTo(90);
    assertThat(
            function()
                .path("Properties")
                .path("LoggingConfig")
                .path("LogGroup")
                .path("Ref")
                .asText())
        .isEqualTo(logGroup.getKey());
  }

  @Test
  void alias_pointsAtThePublishedVersion() {
    synth.template.resourceCountIs("AWS::Lambda::Version", 1);
    String version = only("AWS::Lambda::Version").getKey();
    synth.template.hasResourceProperties(
        "AWS::Lambda::Alias",
        Map.of(
            "Name", "live", "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
  }

  @Test
  void securityGroup_allowsOnlyDnsToTheMastersAndHttps() {
    JsonNode egress =
        only("AWS::EC2::SecurityGroup").getValue().path("Properties").path("SecurityGroupEgress");
    List<String> rules = new ArrayList<>();
    egress.forEach(
        r ->
            rules.add(
                r.path("IpProtocol").asText()
                    + " "
                    + r.path("CidrIp").asText()
                    + " "
                    + r.path("FromPort").asInt()
                    + "-"
                    + r.path("ToPort").asInt()));
    assertThat(rules)
        .containsExactlyInAnyOrder(
            "tcp 0.0.0.0/0 443-443",
            "tcp 10.10.0.53/32 53-53",
            "udp 10.10.0.53/32 53-53",
            "tcp 10.20.0.53/32 53-53",
            "udp 10.20.0.53/32 53-53");
    synth.template.resourceCountIs("AWS::EC2::SecurityGroupEgress", 0);
    synth.template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
  }

  @Test
  void stack_whenTwoZonesInTwoNestedStacks_createsOneScheduleEach() {
    // corp.example. and 10.in-addr.arpa. hash to different nested stacks of the four: a schedule
    // groups zones of one nested stack only.
    Map<String, JsonNode> schedules = perZoneSchedules();
    assertThat(schedules).containsOnlyKeys("corp.example.", "10.in-addr.arpa.");
    assertThat(
            schedules.get("corp.example.").path("Properties").path("ScheduleExpression").asText())
        .isEqualTo("rate(5 minutes)");
    // 10.in-addr.arpa. has no schedule of its own: deployment.scheduler.defaultSchedule applies.
    assertThat(
            schedules
                .get("10.in-addr.arpa.")
                .path("Properties")
                .path("ScheduleExpression")
                .asText())
        .isEqualTo("rate(5 minutes)");
  }

  @Test
  void schedules_sendTheZoneRequestToTheAliasWithRetriesAndDeadLetterQueue() {
    for (var e : synth.nested.entrySet()) {
      for (String zone : e.getKey().zones().stream().map(z -> z.name()).toList()) {
        e.getValue()
            .hasResourceProperties(
                "AWS::Scheduler::Schedule",
                Map.of(
                    "GroupName",
                    "zonesync",
                    "Target",
                    Match.objectLike(
                        Map.of(
                            "Input",
                            Match.serializedJson(Map.of("zones", List.of(zone))),
                            "RetryPolicy",
                            Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 300),
                            "DeadLetterConfig",
                            Match.objectLike(Map.of())))));
      }
    }
    // Each schedule nested stack receives the alias, the scheduler role and the queue from the
    // parent.
    String alias = only("AWS::Lambda::Alias").getKey();
    String queue = only("AWS::SQS::Queue").getKey();
    synth.resources("AWS::CloudFormation::Stack").entrySet().stream()
        .filter(e -> e.getKey().startsWith("ZoneSchedules"))
        .map(Map.Entry::getValue)
        .forEach(
            s -> {
              JsonNode params = s.path("Properties").path("Parameters");
              List<String> refs = new ArrayList<>();
              params.forEach(p -> refs.add(p.toString()));
              assertThat(refs)
                  .anySatisfy(r -> assertThat(r).contains("\"Ref\":\"" + alias + "\""))
                  .anySatisfy(r -> assertThat(r).contains(queue).contains("Arn"));
            });
    for (JsonNode schedule : perZoneSchedules().values()) {
      JsonNode target = schedule.path("Properties").path("Target");
      assertThat(target.path("Arn").path("Ref").asText()).contains("Alias");
      assertThat(target.path("DeadLetterConfig").path("Arn").path("Ref").asText())
          .contains("DeadLetterQueue");
      assertThat(target.path("RoleArn").path("Ref").asText()).contains("SchedulerRole");
    }
  }

  @Test
  void fullReconcile_isOffByDefault_eachZonesFullReconcileEveryReplacesIt() {
    // No {"mode": "full"} run of every zone: it cannot finish for many big zones.
    synth.template.resourceCountIs("AWS::Scheduler::Schedule", 0);
    for (JsonNode schedule : synth.resources("AWS::Scheduler::Schedule").values()) {
      assertThat(schedule.path("Properties").path("Target").path("Input").asText())
          .doesNotContain("\"mode\"");
    }
  }

  @Test
  void deadLetterQueue_isEncryptedAndRequiresTls() {
    synth.template.hasResourceProperties(
        "AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1209600));
    synth.template.hasResourceProperties(
        "AWS::SQS::QueuePolicy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of(
                                            "Bool",
                                            Map.of("aws:SecureTransport", "false")))))))))));
    // Failed or expired asynchronous runs of the alias land there too.
    synth.template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Map.of(
            "MaximumRetryAttempts",
            0,
            "DestinationConfig",
            Map.of(
                "OnFailure",
                Map.of(
                    "Destination",
                    Map.of("Fn::GetAtt", List.of(only("AWS::SQS::Queue").getKey(), "Arn"))))));
  }

  @Test
  void iam_grantsRoute53AndSecretsOnExactlyTheConfiguredArns() {
    Map<String, List<String>> byAction = Policies.functionGrants(synth);
    // Exactly what the engine calls (no GetHostedZone, no GetChange: it never calls them).
    assertThat(byAction.keySet().stream().filter(a -> a.startsWith("route53:")))
        .containsExactlyInAnyOrder(
            "route53:ListResourceRecordSets",
            "route53:ChangeResourceRecordSets",
            "route53:GetHostedZoneLimit");
    assertThat(byAction.keySet().stream().filter(a -> a.startsWith("ssm:")))
        .containsExactly("ssm:GetParametersByPath");
    for (String action : AwsActions.HOSTED_ZONE) {
      assertThat(byAction.get(action))
          .as(action)
          .containsExactlyInAnyOrder(
              "arn:${AWS::Partition}:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
              "arn:${AWS::Partition}:route53:::hostedzone/Z0987654321ABCDEFGHIJ");
    }
    assertThat(byAction.get("secretsmanager:GetSecretValue"))
        .containsExactly(
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/tsig-transfer-AbCdEf");
    assertThat(byAction.get("ssm:GetParametersByPath"))
        .containsExactlyInAnyOrder(
            "arn:${AWS::Partition}:ssm:eu-west-1:111122223333:parameter/zonesync/config",
            "arn:${AWS::Partition}:ssm:eu-west-1:111122223333:parameter/zonesync/config/");
    assertThat(byAction).doesNotContainKey("kms:Decrypt");
  }

  @Test
  void iam_usesWildcardResourcesOnlyWhereNothingNarrowerExists() {
    Map<String, List<String>> byAction = Policies.functionGrants(synth);
    List<String> starred = new ArrayList<>();
    byAction.forEach(
        (action, resources) -> {
          if (resources.stream().anyMatch(r -> r.contains("*"))) {
            starred.add(action);
          }
        });
    assertThat(starred)
        .containsExactlyInAnyOrder(
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses");
    Map<String, List<String>> scheduler = Policies.grants(synth, "SchedulerRole");
    assertThat(scheduler.keySet())
        .containsExactlyInAnyOrder("lambda:InvokeFunction", "sqs:SendMessage");
    assertThat(scheduler.get("lambda:InvokeFunction"))
        .containsExactly("${" + only("AWS::Lambda::Alias").getKey() + "}");
  }

  @Test
  void config_isDeployedToSsmWithoutTheDeploymentSection() throws Exception {
    Map<String, JsonNode> params = synth.resources("AWS::SSM::Parameter");
    assertThat(params).hasSize(1);
    JsonNode p = params.values().iterator().next().path("Properties");
    assertThat(p.path("Name").asText()).isEqualTo("/zonesync/config/000");
    assertThat(p.path("Tier").asText()).isEqualTo("Standard");
    ObjectNode deployed = (ObjectNode) Synth.JSON.readTree(p.path("Value").asText());
    ObjectNode expected = synth.config.engineConfig().deepCopy();
    assertThat(deployed).isEqualTo(expected);
    assertThat(deployed.has("deployment")).isFalse();
  }

  @Test
  void outputs_nameTheFunctionAliasAndAForcedSyncCommand() {
    JsonNode outputs = synth.json.path("Outputs");
    assertThat(fieldNames(outputs))
        .contains("FunctionName", "AliasName", "ForcedSyncCommand", "DryRunCommand");
    assertThat(outputs.path("AliasName").path("Value").asText()).isEqualTo("live");
    String command = Policies.flatten(outputs.path("ForcedSyncCommand").path("Value"));
    assertThat(command)
        .startsWith("aws lambda invoke --region eu-west-1 --function-name ${")
        .contains(":live ")
        .contains("--payload '{\"force\": true}'");
  }

  @Test
  void stack_isCdkNagClean() {
    assertThat(synth.nagErrors()).isEmpty();
    assertThat(synth.nagWarnings()).isEmpty();
  }

  @Test
  void stack_synthesizesWithoutAnyWarning() {
    assertThat(
            software.amazon.awscdk.assertions.Annotations.fromStack(synth.stack)
                .findWarning("*", Match.anyValue()))
        .isEmpty();
  }

  @Test
  void stack_whenSampleConfig_staysFarBelowTheResourceLimit() {
    // 40 with the deployment's fixed alarms and saved queries (16), whatever the zone count
    assertThat(Synth.resourceCount(synth.json)).isLessThan(50);
    synth.nestedJson.values().forEach(t -> assertThat(Synth.resourceCount(t)).isLessThan(10));
  }

  private static JsonNode function() {
    return only("AWS::Lambda::Function").getValue();
  }

  private static Map.Entry<String, JsonNode> only(String type) {
    Map<String, JsonNode> found = synth.resources(type);
    assertThat(found).as(type).hasSize(1);
    return found.entrySet().iterator().next();
  }

  /** The zones' schedules (nested stacks only), keyed by each zone in their input. */
  private static Map<String, JsonNode> perZoneSchedules() {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode t : synth.nestedJson.values()) {
      t.path("Resources")
          .forEach(
              r -> {
                if (r.path("Type").asText().equals("AWS::Scheduler::Schedule")) {
                  try {
                    JsonNode input =
                        Synth.JSON.readTree(
                            r.path("Properties").path("Target").path("Input").asText());
                    for (JsonNode zone : input.path("zones")) {
                      assertThat(out.put(zone.asText(), r)).isNull();
                    }
                  } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                  }
                }
              });
    }
    return out;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
