package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DELEGATE rules, the Profile's hosted zones and the resources they cost, from the config. */
class DelegationPlanTest {

  private static final String DEPLOYMENT =
      """
      deployment:
        account: "111122223333"
        region: eu-west-1
        vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
        resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0, vpcs: [vpc-0123456789abcdef0, vpc-0fedcba9876543210]}
      """;

  /**
   * Three zones: corp.example. delegating two cuts, _msdcs.corp.example. in its hosted zone, and
   * lab.example. created by the stack, delegating a cut corp.example. delegates too (a name may be
   * delegated by two zones' masters: one rule serves both).
   */
  private static final String ZONES =
      """
      version: 1
      zones:
        - name: corp.example.
          hostedZoneId: ZCORP
          masters: [10.10.0.53]
          tsig: none
          zoneCuts: delegate
          delegations: [z.branch.corp.example., a.corp.example.]
        - name: _msdcs.corp.example.
          hostedZoneId: ZCORP
          hostedZoneName: corp.example.
          masters: [10.10.0.53]
          tsig: none
        - name: lab.example.
          createHostedZone: true
          masters: [10.10.0.53]
          tsig: none
          zoneCuts: delegate
          delegations: [a.corp.example.lab.example.]
      """;

  @Test
  void cuts_areOneRulePerCutInDnsNameOrder_withTheZonesDelegatingThem() {
    DelegationPlan plan = DelegationPlan.of(ZoneSyncConfig.parse(ZONES + DEPLOYMENT));
    // DNS name order compares labels from the right: under corp.example., 'a' before 'branch';
    // lab.example.'s subtree after corp.example.'s
    assertThat(plan.cuts())
        .containsExactly(
            Map.entry("a.corp.example.", List.of("corp.example.")),
            Map.entry("z.branch.corp.example.", List.of("corp.example.")),
            Map.entry("a.corp.example.lab.example.", List.of("lab.example.")));
    // no Profile: it carries nothing; 3 rules x (1 + 2 VPCs) + 1 created hosted zone
    assertThat(plan.profileZones()).isEmpty();
    assertThat(plan.resources()).isEqualTo(10);
  }

  @Test
  void profileZones_areEveryHostedZoneOnce_createdOnesByZone_thenCatalogs() throws Exception {
    String yaml =
        ZONES
            + DEPLOYMENT
            + "  profile: {create: true, shareWith: [\"444455556666\"],"
            + " associateVpcs: [vpc-0aaaabbbbccccdddd]}\n";
    DelegationPlan plan = DelegationPlan.of(ZoneSyncConfig.parse(yaml));
    assertThat(plan.profileZones())
        .containsExactly(
            new DelegationPlan.ProfileZone(Optional.of("ZCORP"), "corp.example."),
            new DelegationPlan.ProfileZone(Optional.empty(), "lab.example."));
    // 3 rules x (1 + 2 VPCs + the Profile) + created zone + Profile + share + 2 zones + 1 VPC
    assertThat(plan.resources()).isEqualTo(3 * 4 + 1 + 1 + 1 + 2 + 1);

    String catalogs = Files.readString(Path.of("..", "samples", "zonesync-catalog.yaml"));
    assertThat(catalogs).contains("  dashboard:");
    DelegationPlan withCatalog =
        DelegationPlan.of(
            ZoneSyncConfig.parse(
                catalogs.replace(
                    "deployment:\n", "deployment:\n  profile: {id: rp-0123456789abcdef}\n")));
    assertThat(withCatalog.cuts()).isEmpty();
    assertThat(withCatalog.profileZones())
        .containsExactly(
            new DelegationPlan.ProfileZone(Optional.of("Z0123456789ABCDEFGHIJ"), "corp.example."),
            new DelegationPlan.ProfileZone(
                Optional.of("Z0CATALOG0123456789AB"), "catalog.corp.example."));
    // an existing Profile, not shared: its two hosted zone associations
    assertThat(withCatalog.resources()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0} cuts, {1} rule VPCs, profile {2}: {4}")
  @CsvSource({
    // cuts, rule VPCs, profile (none|created|shared|existing), zones, expected: per cut its rule,
    // its VPC associations and (with a Profile) its Profile association; the Profile when created,
    // its share when shared, one association per hosted zone
    "0, 0, none, 5, 0",
    "10, 2, none, 5, 30",
    "10, 0, created, 5, 26",
    "10, 0, shared, 5, 27",
    "10, 0, existing, 5, 25",
    "10, 3, shared, 0, 52",
  })
  void resources_countRulesAssociationsAndProfileParts(
      int cuts, int ruleVpcs, String profile, int zones, int expected) {
    Optional<ProfileSettings> p =
        switch (profile) {
          case "none" -> Optional.empty();
          case "created" ->
              Optional.of(
                  new ProfileSettings(
                      Optional.empty(), Optional.of("p"), List.of(), List.of(), false));
          case "shared" ->
              Optional.of(
                  new ProfileSettings(
                      Optional.empty(),
                      Optional.of("p"),
                      List.of("444455556666"),
                      List.of(),
                      true));
          default ->
              Optional.of(
                  new ProfileSettings(
                      Optional.of("rp-0123456789abcdef"),
                      Optional.empty(),
                      List.of(),
                      List.of(),
                      false));
        };
    assertThat(DelegationPlan.resources(cuts, ruleVpcs, p, p.isPresent() ? zones : 0, 0))
        .isEqualTo(expected);
  }

  @Test
  void of_whenOverTheBudget_failsSayingWhatGrowsAndWhatToDo() {
    StringBuilder b = new StringBuilder("version: 1\nzones:\n");
    b.append(
        "  - {name: corp.example., hostedZoneId: ZCORP, masters: [10.10.0.53], tsig: none,"
            + " zoneCuts: delegate, delegations: [");
    // 88 cuts x (rule + 2 VPC associations + Profile) = 352 > 350
    for (int i = 0; i < 88; i++) {
      b.append(i == 0 ? "" : ", ").append("c").append(i).append(".corp.example.");
    }
    b.append("]}\n");
    String yaml = b + DEPLOYMENT + "  profile: {id: rp-0123456789abcdef}\n";
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "deployment: the parent stack would hold 353 resources that grow with the"
                + " configuration (88 DELEGATE rules, each associated with 2 VPCs of"
                + " deployment.resolver.vpcs and with the Profile; 1 hosted zones the Profile"
                + " carries; 0 created hosted zones), more than 350 of CloudFormation's 500 per"
                + " stack: bring the rules to the VPCs through the Profile"
                + " (profile.associateVpcs) instead of resolver.vpcs, or split the zones over two"
                + " deployments");
    // 87 cuts: 87 x 4 + 1 = 349 fit
    String fits = yaml.replace(", c87.corp.example.", "");
    assertThat(DelegationPlan.of(ZoneSyncConfig.parse(fits)).resources()).isEqualTo(349);
  }

  @Test
  void delegationRecord_isTheCutWithoutItsTrailingDot() {
    assertThat(DelegationPlan.delegationRecord("branch.corp.example."))
        .isEqualTo("branch.corp.example");
    assertThat(DelegationPlan.delegationRecord("branch.corp.example"))
        .isEqualTo("branch.corp.example");
  }
}
