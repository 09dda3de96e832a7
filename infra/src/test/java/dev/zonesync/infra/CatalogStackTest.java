package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack for samples/zonesync-catalog.yaml: as written (the catalog gives its hosted zone ID),
 * without that ID (the stack creates the catalog's hosted zone), and exposing to a Route 53 Profile
 * instead of VPCs. The expected statements are written out here by hand.
 */
class CatalogStackTest {

  static final Path SAMPLE = Path.of("..", "samples", "zonesync-catalog.yaml");

  static final String HOSTED_ZONE_ID_LINE =
      "    hostedZoneId: Z0CATALOG0123456789AB    # the catalog's own private hosted zone: the"
          + " catalog is\n";

  static final String EXPOSE_TO_VPCS =
      """
              vpcs:                              # (or profile: rp-0123456789abcdef, a Route 53 Profile)
                - vpc-0fedcba9876543210          # an ID alone is in createIn's region
                - {vpc: vpc-0aaaabbbbccccdddd, region: eu-central-1}
      """;

  private static Synth sample;
  private static Synth created;
  private static Synth profile;

  static String sampleYaml() {
    try {
      return Files.readString(SAMPLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void synthesize() {
    String yaml = sampleYaml();
    assertThat(yaml).contains(HOSTED_ZONE_ID_LINE).contains(EXPOSE_TO_VPCS);
    sample = Synth.of(yaml);
    created = Synth.of(yaml.replace(HOSTED_ZONE_ID_LINE, ""));
    profile = Synth.of(yaml.replace(EXPOSE_TO_VPCS, "        profile: rp-0123456789abcdef\n"));
    System.out.printf(
        "catalog sample: synth %d ms, parent resources %d; %s%n",
        sample.synthMillis,
        Synth.resourceCount(sample.json),
        dev.zonesync.infra.config.PolicySizes.of(sample.config).describe());
  }

  // ---- the catalog's own hosted zone --------------------------------------------------------

  @Test
  void catalogHostedZone_whenTheCatalogGivesNoId_isCreatedInCreateInAndRetained() {
    Map<String, JsonNode> zones = created.resources("AWS::Route53::HostedZone");
    assertThat(zones).hasSize(1);
    JsonNode zone = zones.values().iterator().next();
    assertThat(zone.path("DeletionPolicy").asText()).isEqualTo("Retain");
    assertThat(zone.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
    assertThat(zone.path("Properties").path("Name").asText()).isEqualTo("catalog.corp.example");
    assertThat(zone.path("Properties").path("VPCs").toString())
        .isEqualTo("[{\"VPCId\":\"vpc-0123456789abcdef0\",\"VPCRegion\":\"eu-west-1\"}]");
  }

  @Test
  void catalogHostedZone_whenCreated_itsIdIsDeployedAndGrantedPerArn() throws Exception {
    String zoneId = created.resources("AWS::Route53::HostedZone").keySet().iterator().next();
    JsonNode deployed = deployedConfig(created);
    assertThat(deployed.path("catalogs").get(0).path("hostedZoneId").asText())
        .isEqualTo("${" + zoneId + ".Id}");
    assertThat(scopedGrants(created, "route53:ChangeResourceRecordSets"))
        .containsExactly(
            "arn:${AWS::Partition}:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
            "arn:${AWS::Partition}:route53:::hostedzone/${" + zoneId + ".Id}");
  }

  @Test
  void catalogHostedZone_whenTheCatalogGivesItsId_isNotCreatedAndKeepsItsPerArnGrant()
      throws Exception {
    assertThat(sample.resources("AWS::Route53::HostedZone")).isEmpty();
    assertThat(deployedConfig(sample).path("catalogs").get(0).path("hostedZoneId").asText())
        .isEqualTo("Z0CATALOG0123456789AB");
    assertThat(scopedGrants(sample, "route53:ChangeResourceRecordSets"))
        .containsExactly(
            "arn:${AWS::Partition}:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
            "arn:${AWS::Partition}:route53:::hostedzone/Z0CATALOG0123456789AB");
  }

  // ---- schedules ------------------------------------------------------------------------------

  @Test
  void schedule_oneForTheCatalog_sendsItsNameAsTheHandlerReadsIt() {
    Map<String, JsonNode> parent = new java.util.LinkedHashMap<>();
    sample
        .json
        .path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::Scheduler::Schedule")) {
                parent.put(e.getKey(), e.getValue().path("Properties"));
              }
            });
    assertThat(parent).hasSize(1);
    JsonNode s = parent.values().iterator().next();
    assertThat(s.path("Target").path("Input").asText())
        .isEqualTo("{\"catalogs\":[\"catalog.corp.example.\"]}");
    assertThat(s.path("ScheduleExpression").asText()).isEqualTo("rate(5 minutes)");
    assertThat(s.path("GroupName").asText()).isEqualTo("zonesync");
    assertThat(s.path("State").asText()).isEqualTo("ENABLED");
    assertThat(s.path("Target").path("Arn").path("Ref").asText()).startsWith("Alias");
    assertThat(s.path("Target").path("DeadLetterConfig").path("Arn").toString())
        .contains("DeadLetterQueue");
    assertThat(s.path("Target").path("RetryPolicy").path("MaximumRetryAttempts").asInt())
        .isEqualTo(2);
  }

  @Test
  void schedule_ofTheZones_namesTheConfiguredZoneOnly() {
    List<String> inputs = new ArrayList<>();
    for (JsonNode t : sample.nestedJson.values()) {
      t.path("Resources")
          .forEach(
              r -> {
                if (r.path("Type").asText().equals("AWS::Scheduler::Schedule")) {
                  inputs.add(r.path("Properties").path("Target").path("Input").asText());
                }
              });
    }
    assertThat(inputs).containsExactly("{\"zones\":[\"corp.example.\"]}");
  }

  // ---- IAM ------------------------------------------------------------------------------------

  static final String HOSTED_ZONES = "arn:${AWS::Partition}:route53:::hostedzone/*";

  static final String CREATE =
      """
      {"Sid":"CatalogCreateHostedZones","Effect":"Allow","Action":"route53:CreateHostedZone",
       "Resource":"*",
       "Condition":{"ForAllValues:StringEquals":{"route53:VPCs":["VPCId=vpc-0123456789abcdef0,VPCRegion=eu-west-1"]},
                    "Null":{"route53:VPCs":"false"}}}""";

  static final String RECORDS =
      """
      {"Sid":"CatalogMemberRecords","Effect":"Allow","Action":"route53:ChangeResourceRecordSets",
       "Resource":"HZ",
       "Condition":{"ForAllValues:StringLike":{"route53:ChangeResourceRecordSetsNormalizedRecordNames":["*.corp.example"]},
                    "Null":{"route53:ChangeResourceRecordSetsNormalizedRecordNames":"false"}}}"""
          .replace("HZ", HOSTED_ZONES);

  static final String READS =
      """
      {"Sid":"CatalogMemberZones","Effect":"Allow",
       "Action":["route53:ListResourceRecordSets","route53:GetHostedZoneLimit","route53:GetHostedZone",
                 "route53:ChangeTagsForResource","route53:ListTagsForResource"],
       "Resource":"HZ"}"""
          .replace("HZ", HOSTED_ZONES);

  static final String ACCOUNT =
      """
      {"Sid":"CatalogAccountReads","Effect":"Allow",
       "Action":["route53:ListHostedZonesByName","route53:GetAccountLimit","ec2:DescribeVpcs"],
       "Resource":"*"}""";

  @Test
  void iam_catalogAccess_isExactlyTheseStatementsAndConditions() throws Exception {
    String vpcs =
        """
        {"Sid":"CatalogExposeToVpcs","Effect":"Allow","Action":"route53:AssociateVPCWithHostedZone",
         "Resource":["HZ",
                     "arn:${AWS::Partition}:ec2:eu-west-1:111122223333:vpc/vpc-0fedcba9876543210",
                     "arn:${AWS::Partition}:ec2:eu-central-1:111122223333:vpc/vpc-0aaaabbbbccccdddd"],
         "Condition":{"ForAllValues:StringEquals":{"route53:VPCs":["VPCId=vpc-0fedcba9876543210,VPCRegion=eu-west-1",
                                                                  "VPCId=vpc-0aaaabbbbccccdddd,VPCRegion=eu-central-1"]},
                      "Null":{"route53:VPCs":"false"}}}"""
            .replace("HZ", HOSTED_ZONES);
    assertThat(catalogAccess(sample))
        .isEqualTo(document(CREATE, vpcs, RECORDS, READS, ACCOUNT))
        .isEqualTo(catalogAccess(created));
  }

  @Test
  void iam_whenExposedToAProfile_associatesOnlyHostedZonesNamedInsideAllow() throws Exception {
    String toProfile =
        """
        {"Sid":"CatalogExposeToProfile","Effect":"Allow",
         "Action":"route53profiles:AssociateResourceToProfile","Resource":"*",
         "Condition":{"StringEquals":{"route53profiles:ResourceTypes":"HostedZone"},
                      "StringLike":{"route53profiles:HostedZoneDomains":["*.corp.example"]}}}""";
    assertThat(catalogAccess(profile))
        .isEqualTo(document(CREATE, toProfile, RECORDS, READS, ACCOUNT));
  }

  @Test
  void iam_noStatementAnywhere_grantsDeleteHostedZone() {
    List<Synth> all = List.of(sample, created, profile, Synth.of(Synth.sampleYaml()));
    List<String> checked = new ArrayList<>();
    for (Synth s : all) {
      for (JsonNode t : s.templates()) {
        t.path("Resources")
            .forEach(
                r -> {
                  for (JsonNode doc : policyDocuments(r)) {
                    for (JsonNode st : doc.path("Statement")) {
                      assertThat(st.has("NotAction")).as("NotAction in %s", st).isFalse();
                      if (!st.path("Effect").asText().equals("Allow")) {
                        continue;
                      }
                      for (String action : texts(st.path("Action"))) {
                        checked.add(action);
                        assertThat(iamActionMatches(action, "route53:DeleteHostedZone"))
                            .as("statement %s grants route53:DeleteHostedZone", st)
                            .isFalse();
                      }
                    }
                  }
                });
      }
    }
    // the check saw the catalogs' grants, the zones' and the other roles'
    assertThat(checked)
        .contains(
            "route53:CreateHostedZone",
            "route53:ChangeResourceRecordSets",
            "lambda:InvokeFunction",
            "sqs:SendMessage");
  }

  @Test
  void iam_tsigSecretsOfTheCatalogAndItsGroup_areGranted() {
    assertThat(Policies.functionGrants(sample).get("secretsmanager:GetSecretValue"))
        .containsExactly(
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/tsig-transfer-AbCdEf",
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/tsig-lab-GhIjKl");
  }

  // ---- network --------------------------------------------------------------------------------

  @Test
  void securityGroup_reachesTheCatalogsAndItsGroupsMasters() {
    JsonNode egress =
        sample
            .resources("AWS::EC2::SecurityGroup")
            .values()
            .iterator()
            .next()
            .path("Properties")
            .path("SecurityGroupEgress");
    List<String> rules = new ArrayList<>();
    egress.forEach(
        r ->
            rules.add(
                r.path("IpProtocol").asText()
                    + " "
                    + r.path("CidrIp").asText()
                    + " "
                    + r.path("FromPort").asInt()));
    assertThat(rules)
        .containsExactlyInAnyOrder(
            "tcp 0.0.0.0/0 443",
            "tcp 10.10.0.53/32 53",
            "udp 10.10.0.53/32 53",
            "tcp 10.20.0.53/32 53",
            "udp 10.20.0.53/32 53",
            "tcp 10.30.0.53/32 53",
            "udp 10.30.0.53/32 53");
  }

  // ---- monitoring -----------------------------------------------------------------------------

  @Test
  void alarms_catalogsFailedAndQuarantineAge_watchTheFunctionLevelMetrics() {
    Map<String, JsonNode> alarms = Alarms.byName(sample);
    JsonNode failed = alarms.get("zonesync catalogs failed");
    assertThat(failed.path("MetricName").asText()).isEqualTo("CatalogsFailed");
    assertThat(failed.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(failed.path("Statistic").asText()).isEqualTo("Sum");
    assertThat(failed.path("Threshold").asDouble()).isEqualTo(1.0);
    assertThat(failed.path("ComparisonOperator").asText())
        .isEqualTo("GreaterThanOrEqualToThreshold");
    // failingFor 15m at the 5-minute period: three periods in a row, like the zone alarms
    assertThat(failed.path("Period").asInt()).isEqualTo(300);
    assertThat(failed.path("EvaluationPeriods").asInt()).isEqualTo(3);
    assertThat(failed.path("TreatMissingData").asText()).isEqualTo("notBreaching");
    assertThat(Policies.flatten(failed.path("AlarmDescription"))).contains("zonesync/catalogs");

    JsonNode age = alarms.get("zonesync quarantine age");
    assertThat(age.path("MetricName").asText()).isEqualTo("OldestQuarantineSeconds");
    assertThat(age.path("Statistic").asText()).isEqualTo("Maximum");
    assertThat(age.path("Threshold").asDouble()).isEqualTo(604800.0);
    assertThat(age.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
    assertThat(age.path("Period").asInt()).isEqualTo(3600);
    assertThat(age.path("TreatMissingData").asText()).isEqualTo("ignore");
    assertThat(Policies.flatten(age.path("AlarmDescription")))
        .contains("zonesync/catalog-quarantine");
    for (JsonNode a : List.of(failed, age)) {
      assertThat(a.path("Dimensions").toString()).contains("\"Name\":\"Function\"");
      assertThat(a.path("AlarmActions")).hasSize(1);
      assertThat(a.path("OKActions")).hasSize(1);
    }
  }

  @Test
  void queries_ofTheCatalogs_areSavedBesideTheZonesOnes() {
    List<String> names =
        sample.resources("AWS::Logs::QueryDefinition").values().stream()
            .map(q -> q.path("Properties").path("Name").asText())
            .toList();
    assertThat(names)
        .hasSize(11)
        .contains("zonesync/catalogs", "zonesync/catalog-quarantine", "zonesync/zones");
  }

  @Test
  void dashboard_showsTheCatalogMetricsAndAlarms() throws Exception {
    JsonNode body = Alarms.dashboardBody(sample);
    String text = body.toString();
    assertThat(text)
        .contains("\"CatalogsFailed\"")
        .contains("\"MembersQuarantined\"")
        .contains("\"OldestQuarantineSeconds\"")
        .contains("Catalog alarms")
        .contains("filter message like /^catalog /");
  }

  @Test
  void nag_findsNothingUnsuppressed() {
    for (Synth s : List.of(sample, created, profile)) {
      assertThat(s.nagErrors()).isEmpty();
      assertThat(s.nagWarnings()).isEmpty();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static JsonNode deployedConfig(Synth s) throws Exception {
    Map<String, JsonNode> parameters = s.resources("AWS::SSM::Parameter");
    assertThat(parameters).hasSize(1);
    JsonNode value = parameters.values().iterator().next().path("Properties").path("Value");
    String flattened = Policies.flatten(value);
    assertThat(flattened).doesNotContain("@@");
    return Synth.JSON.readTree(flattened);
  }

  /** The resources of the ScopedAccess policies' statements granting {@code action}. */
  private static List<String> scopedGrants(Synth s, String action) {
    List<String> out = new ArrayList<>();
    s.json
        .path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith("ScopedAccess")) {
                for (JsonNode st :
                    e.getValue().path("Properties").path("PolicyDocument").path("Statement")) {
                  if (texts(st.path("Action")).contains(action)) {
                    st.path("Resource").forEach(r -> out.add(Policies.flatten(r)));
                  }
                }
              }
            });
    return out;
  }

  /** The CatalogAccess policy document, intrinsics flattened. */
  private static JsonNode catalogAccess(Synth s) {
    List<JsonNode> docs = new ArrayList<>();
    s.json
        .path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith("CatalogAccess")
                  && e.getValue().path("Type").asText().equals("AWS::IAM::ManagedPolicy")) {
                docs.add(
                    Policies.deepFlatten(e.getValue().path("Properties").path("PolicyDocument")));
              }
            });
    assertThat(docs).hasSize(1);
    return docs.get(0);
  }

  private static JsonNode document(String... statements) throws Exception {
    return Synth.JSON.readTree(
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
  }

  /** Every policy document a resource carries: a role's inline ones, a policy's own. */
  private static List<JsonNode> policyDocuments(JsonNode resource) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode p = resource.path("Properties");
    switch (resource.path("Type").asText()) {
      case "AWS::IAM::Role" -> p.path("Policies").forEach(x -> out.add(x.path("PolicyDocument")));
      case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy" -> out.add(p.path("PolicyDocument"));
      default -> {}
    }
    return out;
  }

  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (!node.isMissingNode()) {
      out.add(node.asText());
    }
    return out;
  }

  /** IAM's action matching: case-insensitive, {@code *} and {@code ?} as wildcards. */
  static boolean iamActionMatches(String pattern, String action) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE)
        .matcher(action.toLowerCase(Locale.ROOT))
        .matches();
  }

  @Test
  void iamActionMatches_isTheControlOfTheDeleteCheck() {
    assertThat(iamActionMatches("route53:*", "route53:DeleteHostedZone")).isTrue();
    assertThat(iamActionMatches("*", "route53:DeleteHostedZone")).isTrue();
    assertThat(iamActionMatches("route53:Delete*", "route53:DeleteHostedZone")).isTrue();
    assertThat(iamActionMatches("Route53:deletehostedzone", "route53:DeleteHostedZone")).isTrue();
    assertThat(iamActionMatches("route53:CreateHostedZone", "route53:DeleteHostedZone")).isFalse();
  }
}
