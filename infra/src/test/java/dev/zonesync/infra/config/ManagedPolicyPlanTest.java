package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.contract.AwsActions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the function's hosted-zone and secret grants are packed into managed policies. Expected
 * counts are worked out by hand from the estimate: 60 characters per policy, 200 per statement
 * (reserved once more for the next statement), ARN length + 3 per resource; a hosted zone ARN is
 * {@code arn:aws-us-gov:route53:::hostedzone/} (36) + its ID (a created zone's counts as 32).
 */
class ManagedPolicyPlanTest {

  private static final String SECRET =
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/k1-AbCdEf"; // 71 characters

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "configured hosted zone | Z0123456789ABCDEFGHIJ | 57",
        "created hosted zone    |                       | 68",
      })
  void hostedZone_estimatesTheLongestArn(String what, String id, int expected) {
    var zone = new ManagedPolicyPlan.HostedZone("corp.example.", Optional.ofNullable(id));
    assertThat(zone.estimatedArnLength()).isEqualTo(expected);
  }

  /**
   * @param layout per policy, its statements' resource counts ("85+1" = 85 hosted zones, then 1
   *     secret), policies separated by spaces
   */
  @ParameterizedTest(name = "{0} configured + {1} created zones, {2} secrets -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1   | 0  | 1 | 1+1",
        // IDs of 21 characters cost 60: after 85 zones a policy holds 260 + 85 * 60 = 5360, and
        // the 86th would need 5360 + 200 + 60 = 5620 > 5600.
        "85  | 0  | 0 | 85",
        "86  | 0  | 0 | 85 1",
        "170 | 0  | 0 | 85 85",
        "171 | 0  | 0 | 85 85 1",
        // 84 zones: 260 + 84 * 60 = 5300; the secret statement: 5300 + 200 + 74 = 5574 fits.
        "84  | 0  | 1 | 84+1",
        // 85 zones leave 5360: the secret (5360 + 200 + 74 > 5600) opens a new policy.
        "85  | 0  | 1 | 85 1",
        // Created zones cost 71: after 72 of them 260 + 72 * 71 = 5372, and 5372 + 200 + 71 > 5600.
        "0   | 72 | 0 | 72",
        "0   | 73 | 0 | 72 1",
        "850 | 0  | 0 | 85 85 85 85 85 85 85 85 85 85",
        "851 | 0  | 0 | 85 85 85 85 85 85 85 85 85 85 1",
      })
  void pack_fillsEachPolicyUpToTheBudget(int configured, int created, int secrets, String layout) {
    List<ManagedPolicyPlan.Resource> zones = new ArrayList<>();
    for (int i = 0; i < configured; i++) {
      zones.add(
          new ManagedPolicyPlan.HostedZone("z" + i + ".", Optional.of(String.format("Z%020d", i))));
    }
    for (int i = 0; i < created; i++) {
      zones.add(new ManagedPolicyPlan.HostedZone("c" + i + ".", Optional.empty()));
    }
    List<ManagedPolicyPlan.Resource> secretList = new ArrayList<>();
    for (int i = 0; i < secrets; i++) {
      secretList.add(new ManagedPolicyPlan.Secret(SECRET));
    }
    ManagedPolicyPlan plan =
        ManagedPolicyPlan.pack(
            List.of(
                Map.entry(AwsActions.HOSTED_ZONE, zones),
                Map.entry(AwsActions.TSIG_SECRET, secretList)));
    assertThat(layout(plan)).isEqualTo(layout);
  }

  @Test
  void pack_whenAStatementIsCutKeepsResourceOrderAndActions() {
    List<ManagedPolicyPlan.Resource> zones = new ArrayList<>();
    for (int i = 0; i < 86; i++) {
      zones.add(
          new ManagedPolicyPlan.HostedZone("z" + i + ".", Optional.of(String.format("Z%020d", i))));
    }
    ManagedPolicyPlan plan =
        ManagedPolicyPlan.pack(List.of(Map.entry(AwsActions.HOSTED_ZONE, zones)));
    List<ManagedPolicyPlan.Resource> flat = new ArrayList<>();
    plan.policies()
        .forEach(
            p ->
                p.forEach(
                    s -> {
                      assertThat(s.actions()).isEqualTo(AwsActions.HOSTED_ZONE);
                      flat.addAll(s.resources());
                    }));
    assertThat(flat).isEqualTo(zones);
  }

  @Test
  void of_grantsEachHostedZoneOnceAndEveryCreatedZoneAndSecret() {
    ZoneSyncConfig config =
        ZoneSyncConfig.parse(
            """
            version: 1
            tsigKeys:
              - name: k1.
                secret: {secretsManagerArn: %s}
              - name: k2.
                secret: {secretsManagerArn: %s}
            zones:
              - {name: corp.example., hostedZoneId: ZCORP, hostedZoneName: corp.example., masters: [10.0.0.53], tsig: k1.}
              - {name: _msdcs.corp.example., hostedZoneId: ZCORP, hostedZoneName: corp.example.,
                 masters: [10.0.0.53], tsig: k1.}
              - {name: a.example., createHostedZone: true, masters: [10.0.0.53], tsig: k1.}
              - {name: b.example., createHostedZone: true, masters: [10.0.0.53], tsig: k1.}
            deployment:
              account: "111122223333"
              region: eu-west-1
              vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
            """
                .formatted(SECRET, SECRET.replace("k1-", "k2-")));
    ManagedPolicyPlan plan = ManagedPolicyPlan.of(config);
    assertThat(plan.policies()).hasSize(1);
    List<ManagedPolicyPlan.Statement> statements = plan.policies().get(0);
    assertThat(statements)
        .extracting(ManagedPolicyPlan.Statement::actions)
        .containsExactly(AwsActions.HOSTED_ZONE, AwsActions.TSIG_SECRET);
    assertThat(statements.get(0).resources())
        .containsExactly(
            new ManagedPolicyPlan.HostedZone("corp.example.", Optional.of("ZCORP")),
            new ManagedPolicyPlan.HostedZone("a.example.", Optional.empty()),
            new ManagedPolicyPlan.HostedZone("b.example.", Optional.empty()));
    assertThat(statements.get(1).resources())
        .containsExactly(
            new ManagedPolicyPlan.Secret(SECRET),
            new ManagedPolicyPlan.Secret(SECRET.replace("k1-", "k2-")));
  }

  /** "85 1" style: policies separated by spaces, statements of one policy by '+'. */
  private static String layout(ManagedPolicyPlan plan) {
    List<String> out = new ArrayList<>();
    for (var policy : plan.policies()) {
      out.add(
          String.join(
              "+", policy.stream().map(s -> String.valueOf(s.resources().size())).toList()));
    }
    return String.join(" ", out);
  }
}
