package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The DELEGATE rules and the Route 53 Profile: samples/zonesync-delegation.yaml (the README's
 * multi-account example) synthesized, resource by resource with their exact properties, and the
 * variants (an existing Profile, created hosted zones, many cuts, long names, the budget).
 */
class DelegationStackTest {

  static final Path SAMPLE = Path.of("..", "samples", "zonesync-delegation.yaml");
  static final String OU = "arn:aws:organizations::999988887777:ou/o-exampleorgid/ou-ab12-cdefgh34";
  static final Set<String> TYPES =
      Set.of(
          "AWS::Route53Resolver::ResolverRule",
          "AWS::Route53Resolver::ResolverRuleAssociation",
          "AWS::Route53Profiles::Profile",
          "AWS::Route53Profiles::ProfileAssociation",
          "AWS::Route53Profiles::ProfileResourceAssociation",
          "AWS::RAM::ResourceShare");

  private static Synth sample;

  @BeforeAll
  static void synthesize() throws IOException {
    sample = Synth.of(Files.readString(SAMPLE));
    System.out.printf(
        "delegation sample: synth %d ms, resources parent=%d nested=%s%n",
        sample.synthMillis,
        Synth.resourceCount(sample.json),
        sample.nestedJson.values().stream().map(Synth::resourceCount).toList());
  }

  @Test
  void sample_hasOneDelegateRuleThroughTheOutboundEndpoint_associatedWithResolverVpcs()
      throws Exception {
    Map.Entry<String, JsonNode> rule = only(sample, "AWS::Route53Resolver::ResolverRule");
    assertThat(rule.getValue())
        .isEqualTo(
            json(
                """
                {"Type": "AWS::Route53Resolver::ResolverRule",
                 "Properties": {"DelegationRecord": "branch.corp.example",
                                "Name": "zonesync-dns-delegate-branch-corp-example",
                                "ResolverEndpointId": "rslvr-out-0123456789abcdef0",
                                "RuleType": "DELEGATE"}}
                """));
    assertThat(only(sample, "AWS::Route53Resolver::ResolverRuleAssociation").getValue())
        .isEqualTo(
            json(
                """
                {"Type": "AWS::Route53Resolver::ResolverRuleAssociation",
                 "Properties": {"Name": "zonesync-dns-vpc-0123456789abcdef0-branch-corp-example",
                                "ResolverRuleId": {"Fn::GetAtt": ["RULE", "ResolverRuleId"]},
                                "VPCId": "vpc-0123456789abcdef0"}}
                """
                    .replace("RULE", rule.getKey())));
  }

  @Test
  void sample_createsTheProfile_withTheHostedZoneAndTheRule_sharedAndAssociated() throws Exception {
    Map.Entry<String, JsonNode> profile = only(sample, "AWS::Route53Profiles::Profile");
    String rule = only(sample, "AWS::Route53Resolver::ResolverRule").getKey();
    // kept when the stack goes: other accounts' VPC associations would block its deletion
    assertThat(profile.getValue())
        .isEqualTo(
            json(
                """
                {"Type": "AWS::Route53Profiles::Profile",
                 "Properties": {"Name": "corp-dns"},
                 "UpdateReplacePolicy": "Retain",
                 "DeletionPolicy": "Retain"}
                """));
    String id = "{\"Fn::GetAtt\": [\"" + profile.getKey() + "\", \"Id\"]}";
    // corp.example. and _msdcs.corp.example. share one hosted zone: associated once
    assertThat(sample.resources("AWS::Route53Profiles::ProfileResourceAssociation").values())
        .containsExactlyInAnyOrder(
            json(
                """
                {"Type": "AWS::Route53Profiles::ProfileResourceAssociation",
                 "Properties": {"Name": "hosted-zone-Z0123456789ABCDEFGHIJ",
                                "ProfileId": ID,
                                "ResourceArn": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"},
                                    ":route53:::hostedzone/Z0123456789ABCDEFGHIJ"]]}}}
                """
                    .replace("ID", id)),
            json(
                """
                {"Type": "AWS::Route53Profiles::ProfileResourceAssociation",
                 "Properties": {"Name": "delegate-branch-corp-example",
                                "ProfileId": ID,
                                "ResourceArn": {"Fn::GetAtt": ["RULE", "Arn"]}}}
                """
                    .replace("ID", id)
                    .replace("RULE", rule)));
    assertThat(only(sample, "AWS::Route53Profiles::ProfileAssociation").getValue())
        .isEqualTo(
            json(
                """
                {"Type": "AWS::Route53Profiles::ProfileAssociation",
                 "Properties": {"Name": "zonesync-dns-vpc-0aaaabbbbccccdddd",
                                "ProfileId": ID,
                                "ResourceId": "vpc-0aaaabbbbccccdddd"}}
                """
                    .replace("ID", id)));
    // an account ID among the principals: external principals allowed
    assertThat(only(sample, "AWS::RAM::ResourceShare").getValue())
        .isEqualTo(
            json(
                """
                {"Type": "AWS::RAM::ResourceShare",
                 "Properties": {"AllowExternalPrincipals": true,
                                "Name": "zonesync-dns-route53-profile",
                                "Principals": ["OU", "444455556666"],
                                "ResourceArns": [{"Fn::GetAtt": ["PROFILE", "Arn"]}]}}
                """
                    .replace("OU", OU)
                    .replace("PROFILE", profile.getKey())));
    assertThat(sample.json.path("Outputs").path("ProfileId").path("Value")).isEqualTo(json(id));
  }

  @Test
  void sample_isCdkNagClean_andHasNoOtherNewResources() {
    assertThat(sample.nagErrors()).isEmpty();
    assertThat(sample.nagWarnings()).isEmpty();
    Map<String, Integer> byType = new TreeMap<>();
    for (String type : TYPES) {
      byType.put(type, sample.resources(type).size());
    }
    assertThat(byType)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "AWS::Route53Resolver::ResolverRule", 1,
                "AWS::Route53Resolver::ResolverRuleAssociation", 1,
                "AWS::Route53Profiles::Profile", 1,
                "AWS::Route53Profiles::ProfileAssociation", 1,
                "AWS::Route53Profiles::ProfileResourceAssociation", 2,
                "AWS::RAM::ResourceShare", 1));
    Synth plain = Synth.of(Synth.sampleYaml());
    for (String type : TYPES) {
      assertThat(plain.resources(type)).as(type).isEmpty();
    }
    assertThat(plain.json.path("Outputs").has("ProfileId")).isFalse();
  }

  @Test
  void existingProfile_isReferencedByArn_andAnOrganizationOnlyShareAllowsNoExternalPrincipals()
      throws Exception {
    String yaml =
        Files.readString(SAMPLE)
            .replace("    create: true ", "    id: rp-0123456789abcdef ")
            .replace("    name: corp-dns\n", "")
            .replace(
                "      - \"444455556666\"",
                "      - arn:aws:organizations::999988887777:organization/o-exampleorgid\n     ");
    Synth s = Synth.of(yaml);
    assertThat(s.resources("AWS::Route53Profiles::Profile")).isEmpty();
    assertThat(only(s, "AWS::RAM::ResourceShare").getValue().path("Properties"))
        .isEqualTo(
            json(
                """
                {"AllowExternalPrincipals": false,
                 "Name": "zonesync-dns-route53-profile",
                 "Principals": ["OU", "arn:aws:organizations::999988887777:organization/o-exampleorgid"],
                 "ResourceArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"},
                     ":route53profiles:eu-west-1:111122223333:profile/rp-0123456789abcdef"]]}]}
                """
                    .replace("OU", OU)));
    for (JsonNode a : s.resources("AWS::Route53Profiles::ProfileResourceAssociation").values()) {
      assertThat(a.path("Properties").path("ProfileId").asText()).isEqualTo("rp-0123456789abcdef");
    }
    assertThat(s.json.path("Outputs").path("ProfileId").path("Value").asText())
        .isEqualTo("rp-0123456789abcdef");
    assertThat(s.nagErrors()).isEmpty();
  }

  @Test
  void createdHostedZone_isAssociatedByItsIdOnceCreated() {
    String yaml =
        TestConfigs.MINIMAL.replace(
                "    hostedZoneId: Z0987654321ABCDEFGHIJ\n", "    createHostedZone: true\n")
            + "  profile: {create: true}\n";
    Synth s = Synth.of(yaml);
    String hostedZone = only(s, "AWS::Route53::HostedZone").getKey();
    List<String> arns = new ArrayList<>();
    for (JsonNode a : s.resources("AWS::Route53Profiles::ProfileResourceAssociation").values()) {
      arns.add(
          a.path("Properties").path("Name").asText()
              + " "
              + a.path("Properties").path("ResourceArn"));
    }
    assertThat(arns)
        .containsExactlyInAnyOrder(
            "hosted-zone-Z0123456789ABCDEFGHIJ {\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},"
                + "\":route53:::hostedzone/Z0123456789ABCDEFGHIJ\"]]}",
            "hosted-zone-lab-example {\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},"
                + "\":route53:::hostedzone/\",{\"Fn::GetAtt\":[\""
                + hostedZone
                + "\",\"Id\"]}]]}");
    // not shared, no VPC of its own: the Profile and its associations only
    assertThat(s.resources("AWS::RAM::ResourceShare")).isEmpty();
    assertThat(s.resources("AWS::Route53Profiles::ProfileAssociation")).isEmpty();
    assertThat(
            only(s, "AWS::Route53Profiles::Profile")
                .getValue()
                .path("Properties")
                .path("Name")
                .asText())
        .isEqualTo("zonesync");
  }

  @Test
  void rules_keepTheirLogicalIdsWhenCutsAreAdded_andLongNamesFitResolversLimit() {
    String longCut =
        "a-very-long-label-of-a-branch-office-zone.another-long-label-for-the-site"
            + ".corp.example.";
    Synth two = Synth.of(delegating("[branch.corp.example., lab.corp.example.]"));
    Synth three =
        Synth.of(delegating("[branch.corp.example., " + longCut + ", lab.corp.example.]"));
    Map<String, String> before = recordsByLogicalId(two);
    Map<String, String> after = recordsByLogicalId(three);
    assertThat(after).containsAllEntriesOf(before).hasSize(3);
    JsonNode longRule =
        three.resources("AWS::Route53Resolver::ResolverRule").values().stream()
            .filter(
                r -> r.path("Properties").path("DelegationRecord").asText().startsWith("a-very"))
            .findFirst()
            .orElseThrow();
    // prefix and cut with '-' for '.', cut to 55 characters, '-', 8 hex of the whole name's hash
    assertThat(longRule.path("Properties").path("Name").asText())
        .hasSize(64)
        .matches("zonesync-delegate-a-very-long-label-of-a-branch-office--[0-9a-f]{8}");
    assertThat(DelegationResources.name("zonesync-delegate-", longCut))
        .isNotEqualTo(DelegationResources.name("zonesync-delegate-", "x" + longCut));
  }

  @Test
  void resolverWithoutDelegations_warnsThatItHasNoEffect() {
    Synth s =
        Synth.of(
            TestConfigs.MINIMAL
                + "  resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0}\n");
    assertThat(s.resources("AWS::Route53Resolver::ResolverRule")).isEmpty();
    Annotations.fromStack(s.stack)
        .hasWarning(
            "*",
            Match.stringLikeRegexp("deployment.resolver has no effect: no zone delegates a cut.*"));
  }

  @Test
  void catalogExposedToAnotherProfile_warnsNamingBoth() throws IOException {
    String catalogs = Files.readString(Path.of("..", "samples", "zonesync-catalog.yaml"));
    String exposeTo =
        catalogs.substring(catalogs.indexOf("      exposeTo:"), catalogs.indexOf("    schedule:"));
    String yaml =
        catalogs
            .replace(exposeTo, "      exposeTo: {profile: rp-00000000000000aa}\n")
            .replace("deployment:\n", "deployment:\n  profile: {id: rp-0123456789abcdef}\n");
    Synth s = Synth.of(yaml);
    Annotations.fromStack(s.stack)
        .hasWarning(
            "*",
            Match.stringLikeRegexp(
                "catalogs\\[0\\] \\(catalog.corp.example.\\).hostedZones.exposeTo.profile is"
                    + " rp-00000000000000aa, not deployment.profile.id rp-0123456789abcdef: its"
                    + " members reach the VPCs of that Profile only.*"));
    Synth same = Synth.of(yaml.replace("rp-00000000000000aa", "rp-0123456789abcdef"));
    assertThat(
            Annotations.fromStack(same.stack)
                .findWarning("*", Match.stringLikeRegexp(".*exposeTo.profile is.*")))
        .isEmpty();
  }

  @Test
  void atTheBudget_theParentStackStaysUnder500Resources() {
    // 87 cuts x (rule + 2 VPC associations + Profile association) + 1 hosted zone = 349 of 350
    StringBuilder cuts = new StringBuilder("[");
    for (int i = 0; i < 87; i++) {
      cuts.append(i == 0 ? "" : ", ").append("c").append(i).append(".corp.example.");
    }
    String yaml =
        delegating(cuts + "]")
                .replace(
                    "vpcs: [vpc-0123456789abcdef0]",
                    "vpcs: [vpc-0123456789abcdef0, vpc-0fedcba9876543210]")
            + "  profile: {id: rp-0123456789abcdef}\n";
    Synth s = Synth.of(yaml);
    int parent = Synth.resourceCount(s.json);
    int rest = parent - 349;
    System.out.printf(
        "at the budget: parent %d resources (349 rules, associations and the hosted zone's;"
            + " the rest %d)%n",
        parent, rest);
    assertThat(s.resources("AWS::Route53Resolver::ResolverRule")).hasSize(87);
    assertThat(parent).isLessThan(500);
    assertThat(rest)
        .isLessThanOrEqualTo(500 - dev.zonesync.infra.config.DelegationPlan.MAX_RESOURCES);
  }

  /** MINIMAL's corp.example. delegating {@code cuts}, with a resolver. */
  private static String delegating(String cuts) {
    return TestConfigs.MINIMAL.replace(
            "    tsig: k1.\n",
            "    tsig: k1.\n    zoneCuts: delegate\n    delegations: " + cuts + "\n")
        + "  resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0,"
        + " vpcs: [vpc-0123456789abcdef0]}\n";
  }

  private static Map<String, String> recordsByLogicalId(Synth s) {
    Map<String, String> out = new TreeMap<>();
    s.resources("AWS::Route53Resolver::ResolverRule")
        .forEach((k, v) -> out.put(k, v.path("Properties").path("DelegationRecord").asText()));
    return out;
  }

  private static Map.Entry<String, JsonNode> only(Synth s, String type) {
    Map<String, JsonNode> found = s.resources(type);
    assertThat(found).as(type).hasSize(1);
    return found.entrySet().iterator().next();
  }

  private static JsonNode json(String text) {
    try {
      return Synth.JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
