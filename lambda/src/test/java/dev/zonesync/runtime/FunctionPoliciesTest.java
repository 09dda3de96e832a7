package dev.zonesync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.testing.WireCall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's IAM evaluator against statements and requests written out here: IAM's documented
 * semantics, so that the rehearsal's "the template allows every call" can fail.
 */
class FunctionPoliciesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A function role with an inline policy, an attached AWS::IAM::Policy and a managed policy. */
  private static final String TEMPLATE =
      """
      {"Resources": {
        "Fn": {"Type": "AWS::Lambda::Function",
               "Properties": {"Role": {"Fn::GetAtt": ["Role", "Arn"]}}},
        "Zone": {"Type": "AWS::Route53::HostedZone", "Properties": {"Name": "c.example"}},
        "Role": {"Type": "AWS::IAM::Role", "Properties": {
          "ManagedPolicyArns": [{"Ref": "Managed"}],
          "Policies": [{"PolicyName": "inline", "PolicyDocument": {"Statement": [
            {"Effect": "Allow", "Action": "route53:ListResourceRecordSets",
             "Resource": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"},
               ":route53:::hostedzone/", {"Fn::GetAtt": ["Zone", "Id"]}]]}}]}}]}},
        "Attached": {"Type": "AWS::IAM::Policy", "Properties": {
          "Roles": [{"Ref": "Role"}],
          "PolicyDocument": {"Statement": [
            {"Effect": "Deny", "Action": "route53:ChangeTagsForResource",
             "Resource": "arn:aws:route53:::hostedzone/ZDENIED"}]}}},
        "Other": {"Type": "AWS::IAM::Policy", "Properties": {
          "Roles": [{"Ref": "SomeoneElse"}],
          "PolicyDocument": {"Statement": [
            {"Effect": "Allow", "Action": "route53:*", "Resource": "*"}]}}},
        "Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
          "PolicyDocument": {"Statement": [
            {"Effect": "Allow", "Action": "route53:CreateHostedZone", "Resource": "*",
             "Condition": {
               "ForAllValues:StringEquals": {"route53:VPCs": ["VPCId=vpc-in,VPCRegion=eu-west-1"]},
               "Null": {"route53:VPCs": "false"}}},
            {"Effect": "Allow", "Action": "route53:ChangeResourceRecordSets",
             "Resource": "arn:aws:route53:::hostedzone/*",
             "Condition": {
               "ForAllValues:StringLike": {
                 "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["*.corp.example"]},
               "Null": {"route53:ChangeResourceRecordSetsNormalizedRecordNames": "false"}}},
            {"Effect": "Allow", "Action": ["route53:Get*", "route53:ChangeTagsForResource"],
             "Resource": "arn:aws:route53:::hostedzone/*"}]}}}
      }}
      """;

  private static FunctionPolicies policies() throws Exception {
    JsonNode template = JSON.readTree(TEMPLATE);
    SynthesizedDeployment d =
        new SynthesizedDeployment(
            "s", "h", "java21", 512, 60, Map.of(), Path.of("x"), new TreeMap<>(), template, null);
    return FunctionPolicies.of(d, Map.of("Zone", "ZCAT"));
  }

  private static FunctionPolicies.Request request(
      String action, String resource, Map<String, List<String>> context) {
    return new FunctionPolicies.Request(action, resource, context);
  }

  @Test
  void allows_isIamsDecision_forEachRequestOfTheTable() throws Exception {
    FunctionPolicies p = policies();
    String vpcs = "route53:VPCs";
    String names = "route53:ChangeResourceRecordSetsNormalizedRecordNames";
    Map<FunctionPolicies.Request, Boolean> table = new java.util.LinkedHashMap<>();
    // the created zone's ID resolved into the inline statement; other zones not granted there
    table.put(
        request("route53:ListResourceRecordSets", "arn:aws:route53:::hostedzone/ZCAT", Map.of()),
        true);
    table.put(
        request("route53:ListResourceRecordSets", "arn:aws:route53:::hostedzone/ZOTHER", Map.of()),
        false);
    // CreateHostedZone only in the createIn VPC, and never without a VPC (a public zone)
    table.put(
        request(
            "route53:CreateHostedZone",
            "*",
            Map.of(vpcs, List.of("VPCId=vpc-in,VPCRegion=eu-west-1"))),
        true);
    table.put(
        request(
            "route53:CreateHostedZone",
            "*",
            Map.of(vpcs, List.of("VPCId=vpc-other,VPCRegion=eu-west-1"))),
        false);
    table.put(request("route53:CreateHostedZone", "*", Map.of()), false);
    // record writes: every name inside allow
    table.put(
        request(
            "route53:ChangeResourceRecordSets",
            "arn:aws:route53:::hostedzone/ZM",
            Map.of(names, List.of("a.corp.example", "\\052.apps.a.corp.example"))),
        true);
    table.put(
        request(
            "route53:ChangeResourceRecordSets",
            "arn:aws:route53:::hostedzone/ZM",
            Map.of(names, List.of("a.corp.example", "evilcorp.example"))),
        false);
    table.put(
        request("route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/ZM", Map.of()),
        false);
    // action wildcards, case-insensitive actions; an explicit Deny wins over an Allow
    table.put(request("route53:GetHostedZone", "arn:aws:route53:::hostedzone/ZM", Map.of()), true);
    table.put(request("Route53:gethostedzone", "arn:aws:route53:::hostedzone/ZM", Map.of()), true);
    table.put(
        request("route53:ChangeTagsForResource", "arn:aws:route53:::hostedzone/ZM", Map.of()),
        true);
    table.put(
        request("route53:ChangeTagsForResource", "arn:aws:route53:::hostedzone/ZDENIED", Map.of()),
        false);
    // not granted to this role at all (the other policy is another role's)
    table.put(
        request("route53:DeleteHostedZone", "arn:aws:route53:::hostedzone/ZM", Map.of()), false);
    table.forEach((r, allowed) -> assertThat(p.allows(r)).as(r.toString()).isEqualTo(allowed));
  }

  @Test
  void allows_whenAStatementUsesAnOperatorItDoesNotKnow_failsNamingIt() throws Exception {
    String template =
        TEMPLATE.replace("\"ForAllValues:StringEquals\"", "\"ForAnyValue:StringEquals\"");
    SynthesizedDeployment d =
        new SynthesizedDeployment(
            "s",
            "h",
            "java21",
            512,
            60,
            Map.of(),
            Path.of("x"),
            new TreeMap<>(),
            JSON.readTree(template),
            null);
    FunctionPolicies p = FunctionPolicies.of(d, Map.of());
    assertThatThrownBy(
            () ->
                p.allows(
                    request(
                        "route53:CreateHostedZone",
                        "*",
                        Map.of("route53:VPCs", List.of("VPCId=vpc-in,VPCRegion=eu-west-1")))))
        .hasMessageContaining("ForAnyValue:StringEquals");
  }

  @Test
  void like_isIamsWildcardMatch() {
    assertThat(FunctionPolicies.like("*.corp.example", "a.corp.example")).isTrue();
    assertThat(FunctionPolicies.like("*.corp.example", "corp.example")).isFalse();
    assertThat(FunctionPolicies.like("*.corp.example", "evilcorp.example")).isFalse();
    assertThat(FunctionPolicies.like("a?.example", "ab.example")).isTrue();
    assertThat(FunctionPolicies.like("a?.example", "abc.example")).isFalse();
    assertThat(FunctionPolicies.like("a.b", "axb")).as("a dot is literal").isFalse();
  }

  @Test
  void normalizedName_isRoute53sForm() {
    Map<String, String> table = new java.util.LinkedHashMap<>();
    table.put("A.Corp.Example.", "a.corp.example");
    table.put("*.apps.b.corp.example.", "\\052.apps.b.corp.example");
    table.put("\\052.apps.b.corp.example.", "\\052.apps.b.corp.example");
    table.put("_ldap._tcp.a.corp.example.", "_ldap._tcp.a.corp.example");
    table.put("caf\\303\\251.example.", "caf\\303\\251.example");
    table.put("a b.example", "a\\040b.example");
    table.forEach(
        (wire, normalized) ->
            assertThat(FunctionPolicies.normalizedName(wire)).as(wire).isEqualTo(normalized));
  }

  @Test
  void request_ofAWireCall_carriesTheConditionKeysRoute53Sets() {
    String create =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateHostedZoneRequest"
            + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Name>a.corp.example.</Name>"
            + "<VPC><VPCRegion>eu-west-1</VPCRegion><VPCId>vpc-in</VPCId></VPC>"
            + "<CallerReference>r</CallerReference></CreateHostedZoneRequest>";
    FunctionPolicies.Request r =
        FunctionPolicies.request(call("POST", "/2013-04-01/hostedzone", create));
    assertThat(r.action()).isEqualTo("route53:CreateHostedZone");
    assertThat(r.resource()).isEqualTo("*");
    assertThat(r.context())
        .isEqualTo(Map.of("route53:VPCs", List.of("VPCId=vpc-in,VPCRegion=eu-west-1")));

    String change =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ChangeResourceRecordSetsRequest"
            + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeBatch><Changes>"
            + "<Change><Action>CREATE</Action><ResourceRecordSet><Name>\\052.apps.B.corp.example.</Name>"
            + "<Type>CNAME</Type><TTL>600</TTL><ResourceRecords><ResourceRecord><Value>api</Value>"
            + "</ResourceRecord></ResourceRecords></ResourceRecordSet></Change>"
            + "<Change><Action>CREATE</Action><ResourceRecordSet><Name>b.corp.example.</Name>"
            + "<Type>CAA</Type><TTL>600</TTL><ResourceRecords><ResourceRecord><Value>0 issue \"x\""
            + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>"
            + "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>";
    FunctionPolicies.Request c =
        FunctionPolicies.request(call("POST", "/2013-04-01/hostedzone/ZM/rrset", change));
    assertThat(c.action()).isEqualTo("route53:ChangeResourceRecordSets");
    assertThat(c.resource()).isEqualTo("arn:aws:route53:::hostedzone/ZM");
    assertThat(c.context())
        .isEqualTo(
            Map.of(
                "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                List.of("\\052.apps.b.corp.example", "b.corp.example")));
  }

  private static WireCall call(String method, String path, String body) {
    return new WireCall(
        1,
        WireCall.operationOf(method, path),
        method,
        path,
        "",
        body,
        200,
        "",
        200,
        Duration.ZERO,
        null,
        Instant.EPOCH);
  }
}
