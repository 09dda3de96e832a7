package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * The optional parts: a created hosted zone wired into the deployed config and IAM, a hostname
 * master, interface endpoints, a KMS key for the TSIG secrets, tags, scheduler settings. Two
 * synths: the config, and the same config with one engine setting changed.
 */
class FeaturesStackTest {
  static final String CONFIG =
      """
      version: 1
      tsigKeys:
        - name: k1.
          secret:
            secretsManagerArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/k1-AbCdEf
      zones:
        - name: corp.example.
          hostedZoneId: Z0123456789ABCDEFGHIJ
          masters: [10.10.0.53, 10.20.0.53]
          tsig: k1.
        - name: lab.example.
          createHostedZone: true
          masters: ["ns1.lab.example:53"]
          tsig: none
          schedule: cron(0/10 * * * ? *)
      deployment:
        name: zonesync-lab
        account: "111122223333"
        region: eu-west-1
        vpc:
          id: vpc-0123456789abcdef0
          subnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]
          interfaceEndpoints: [ssm, secretsmanager]
        securityGroup:
          httpsEgressCidrs: [10.0.0.0/16]
          masterCidrs: {ns1.lab.example: [10.50.0.0/28]}
        function: {memoryMb: 2048, timeout: 10m, logRetentionDays: 30}
        scheduler: {timezone: Europe/Paris, flexibleWindowMinutes: 4, retryAttempts: 1}
        hostedZones:
          vpcs: [{id: vpc-0123456789abcdef0}, {id: vpc-0aaaabbbbccccdddd, region: eu-central-1}]
        tsigSecretKmsKeyArns: [arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab]
        tags: {team: dns, cost-center: "42"}
      """;

  private static Synth synth;
  private static Synth changed;

  @BeforeAll
  static void synthesize() {
    synth = Synth.of(CONFIG);
    changed = Synth.of(CONFIG.replace("tsig: k1.\n", "tsig: k1.\n    ttl: {min: 60}\n"));
  }

  @Test
  void config_isTheOneUnderTest() {
    assertThat(synth.config.deployment().name()).isEqualTo("zonesync-lab");
    assertThat(synth.config.deployment().vpc().interfaceEndpoints())
        .containsExactly("ssm", "secretsmanager");
    assertThat(synth.config.zones().get(1).createHostedZone()).isTrue();
  }

  @Test
  void createHostedZone_createsARetainedPrivateZoneInTheConfiguredVpcs() {
    synth.template.resourceCountIs("AWS::Route53::HostedZone", 1);
    synth.template.hasResource(
        "AWS::Route53::HostedZone",
        Map.of(
            "DeletionPolicy",
            "Retain",
            "Properties",
            Match.objectLike(
                Map.of(
                    "Name",
                    "lab.example",
                    "VPCs",
                    List.of(
                        Map.of("VPCId", "vpc-0123456789abcdef0", "VPCRegion", "eu-west-1"),
                        Map.of("VPCId", "vpc-0aaaabbbbccccdddd", "VPCRegion", "eu-central-1"))))));
  }

  @Test
  void createHostedZone_wiresTheNewIdIntoTheDeployedConfigAndIam() throws Exception {
    String zoneId = synth.resources("AWS::Route53::HostedZone").keySet().iterator().next();
    JsonNode value =
        synth
            .resources("AWS::SSM::Parameter")
            .values()
            .iterator()
            .next()
            .path("Properties")
            .path("Value");
    String flattened = Policies.flatten(value);
    JsonNode deployed = Synth.JSON.readTree(flattened);
    JsonNode lab = deployed.path("zones").get(1);
    assertThat(lab.path("hostedZoneId").asText()).isEqualTo("${" + zoneId + ".Id}");
    assertThat(lab.has("createHostedZone")).isFalse();

    Map<String, List<String>> grants = Policies.functionGrants(synth);
    assertThat(grants.get("route53:ChangeResourceRecordSets"))
        .containsExactlyInAnyOrder(
            "arn:${AWS::Partition}:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
            "arn:${AWS::Partition}:route53:::hostedzone/${" + zoneId + ".Id}");
  }

  @Test
  void securityGroup_reachesHostnameMastersThroughTheirCidrs() {
    JsonNode egress =
        synth.resources("AWS::EC2::SecurityGroup").values().stream()
            .filter(
                sg -> sg.path("Properties").path("GroupDescription").asText().contains("function"))
            .findFirst()
            .orElseThrow()
            .path("Properties")
            .path("SecurityGroupEgress");
    assertThat(egress.toString())
        .contains("\"CidrIp\":\"10.50.0.0/28\"")
        .contains("\"CidrIp\":\"10.0.0.0/16\"")
        .doesNotContain("0.0.0.0/0");
  }

  @Test
  void interfaceEndpoints_areCreatedAndOpenOnlyToTheFunction() {
    synth.template.resourceCountIs("AWS::EC2::VPCEndpoint", 2);
    for (String service : List.of("ssm", "secretsmanager")) {
      synth.template.hasResourceProperties(
          "AWS::EC2::VPCEndpoint",
          Map.of(
              "ServiceName",
              "com.amazonaws.eu-west-1." + service,
              "VpcEndpointType",
              "Interface",
              "PrivateDnsEnabled",
              true,
              "SubnetIds",
              List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210")));
    }
    synth.template.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Map.of("FromPort", 443, "ToPort", 443, "SourceSecurityGroupId", Match.anyValue()));
  }

  @Test
  void kms_decryptIsLimitedToTheKeysThroughSecretsManager() {
    assertThat(Policies.functionGrants(synth).get("kms:Decrypt"))
        .containsExactly(
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    assertThat(synth.json.toString())
        .contains("\"kms:ViaService\":[\"secretsmanager.eu-west-1.amazonaws.com\"]");
  }

  @Test
  void functionAndSchedules_takeTheDeploymentSettings() {
    synth.template.hasResourceProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "MemorySize",
                2048,
                "Timeout",
                600,
                "Tags",
                Match.arrayWith(List.of(Map.of("Key", "team", "Value", "dns"))))));
    synth.template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    synth.template.resourceCountIs("AWS::Scheduler::Schedule", 0); // no fullReconcile configured
    int schedules = 0;
    for (var t : synth.nested.values()) {
      t.allResourcesProperties(
          "AWS::Scheduler::Schedule",
          Map.of(
              "ScheduleExpressionTimezone",
              "Europe/Paris",
              "FlexibleTimeWindow",
              Map.of("Mode", "FLEXIBLE", "MaximumWindowInMinutes", 4),
              "Target",
              Match.objectLike(
                  Map.of("RetryPolicy", Match.objectLike(Map.of("MaximumRetryAttempts", 1))))));
      schedules += t.findResources("AWS::Scheduler::Schedule").size();
    }
    assertThat(schedules).isEqualTo(2);
    assertThat(synth.json.toString())
        .contains("cron(0/10 * * * ? *)")
        .doesNotContain("zonesync-lab/config/001");
  }

  @Test
  void version_whenDeployedConfigChanges_isPublishedAnew() {
    // SnapStart snapshots the initialised function, config included: a config change must publish
    // a new version and move the alias, or warm snapshots would keep the old config.
    assertThat(changed.resources("AWS::Lambda::Version").keySet())
        .doesNotContainAnyElementsOf(synth.resources("AWS::Lambda::Version").keySet());
    assertThat(changed.stack.fragments().revision())
        .isNotEqualTo(synth.stack.fragments().revision());
  }

  @Test
  void stack_isCdkNagClean() {
    assertThat(synth.nagErrors()).isEmpty();
    assertThat(synth.nagWarnings()).isEmpty();
  }
}
