package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code deployment.resolver} and {@code deployment.profile}, and what they need from the zones:
 * read, defaulted, and refused with the field and the fix.
 */
class ResolverProfileKeysTest {

  /** One zone delegating branch.corp.example.; {@code deployment} keys appended. */
  static final String DELEGATING =
      """
      version: 1
      zones:
        - name: corp.example.
          hostedZoneId: Z0123456789ABCDEFGHIJ
          masters: [10.10.0.53]
          tsig: none
          zoneCuts: delegate
          delegations: [branch.corp.example.]
      deployment:
        account: "111122223333"
        region: eu-west-1
        vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
      """;

  /** One zone without delegations. */
  static final String PLAIN =
      DELEGATING.replace("    zoneCuts: delegate\n    delegations: [branch.corp.example.]\n", "");

  static final String RESOLVER =
      "  resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0, vpcs: [vpc-0123456789abcdef0]}\n";

  static final String OU = "arn:aws:organizations::999988887777:ou/o-exampleorgid/ou-ab12-cdefgh34";
  static final String ORG = "arn:aws:organizations::999988887777:organization/o-exampleorgid";

  @Test
  void parse_whenResolverAndCreatedProfile_readsThem() {
    ZoneSyncConfig c =
        ZoneSyncConfig.parse(
            DELEGATING
                + RESOLVER
                + "  profile: {create: true, shareWith: [\""
                + OU
                + "\", \"444455556666\"], associateVpcs: [vpc-0aaaabbbbccccdddd]}\n");
    assertThat(c.deployment().resolver())
        .contains(
            new ResolverSettings("rslvr-out-0123456789abcdef0", List.of("vpc-0123456789abcdef0")));
    // the name defaults to the deployment's; an account ID in shareWith allows external principals
    assertThat(c.deployment().profile())
        .contains(
            new ProfileSettings(
                Optional.empty(),
                Optional.of("zonesync"),
                List.of(OU, "444455556666"),
                List.of("vpc-0aaaabbbbccccdddd"),
                true));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // shareWith                                    | allowExternalPrincipals | expected
        "'[OU]'                                         | ''    | false",
        "'[ORG]'                                        | ''    | false",
        "'[OU, ORG]'                                    | ''    | false",
        "'[\"222233334444\"]'                           | ''    | true",
        "'[OU, \"222233334444\"]'                       | ''    | true",
        "'[OU, \"222233334444\"]'                       | false | false",
        "'[OU]'                                         | true  | true",
        "'[]'                                           | ''    | false",
      })
  void allowExternalPrincipals_isFalseWhenEveryPrincipalIsOfTheOrganization(
      String shareWith, String given, boolean expected) {
    String list = shareWith.replace("OU", "\"" + OU + "\"").replace("ORG", "\"" + ORG + "\"");
    String profile =
        "  profile: {id: rp-0123456789abcdef, shareWith: "
            + list
            + (given.isEmpty() ? "" : ", allowExternalPrincipals: " + given)
            + "}\n";
    ProfileSettings p = ZoneSyncConfig.parse(PLAIN + profile).deployment().profile().orElseThrow();
    assertThat(p.allowExternalPrincipals()).isEqualTo(expected);
    assertThat(p.create()).isFalse();
    assertThat(p.name()).isEmpty();
  }

  @Test
  void parse_whenADelegatedCutHasNoResolver_failsNamingTheEndpointAndTheCut() {
    assertThatThrownBy(() -> ZoneSyncConfig.parse(DELEGATING))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "deployment.resolver.outboundEndpointId: is required: zones[0] (corp.example.)"
                + " delegates branch.corp.example. (delegations), and its Resolver DELEGATE rule"
                + " needs an outbound endpoint: give the ID (rslvr-out-...) of an outbound"
                + " endpoint that reaches the delegated name servers, or remove the delegation");
  }

  @Test
  void parse_whenZonesSkipTheirCuts_needsNoResolver() {
    ZoneSyncConfig c = ZoneSyncConfig.parse(PLAIN);
    assertThat(c.deployment().resolver()).isEmpty();
    assertThat(c.deployment().profile()).isEmpty();
    assertThat(DelegationPlan.of(c).cuts()).isEmpty();
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // deployment keys | field | message
        "'resolver: {vpcs: [vpc-0123456789abcdef0]}'"
            + " | deployment.resolver.outboundEndpointId"
            + " | is required (the ID of an outbound Resolver endpoint such as"
            + " rslvr-out-0123456789abcdef0 (an inbound one, rslvr-in-..., receives queries and"
            + " cannot send them to the delegated name servers))",
        "'resolver: {outboundEndpointId: rslvr-in-0123456789abcdef0}'"
            + " | deployment.resolver.outboundEndpointId"
            + " | 'rslvr-in-0123456789abcdef0' is not valid: expected the ID of an outbound"
            + " Resolver endpoint such as rslvr-out-0123456789abcdef0 (an inbound one,"
            + " rslvr-in-..., receives queries and cannot send them to the delegated name"
            + " servers)",
        "'resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0, vpcs: [vpc-nope]}'"
            + " | deployment.resolver.vpcs[0]"
            + " | 'vpc-nope' is not valid: expected a VPC ID of this account and region such as"
            + " vpc-0123456789abcdef0",
        "'resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0, vpcs: [vpc-0123456789abcdef0,"
            + " vpc-0123456789ABCDEF0]}'"
            + " | deployment.resolver.vpcs[1]"
            + " | 'vpc-0123456789ABCDEF0' is not valid: expected a VPC ID of this account and"
            + " region such as vpc-0123456789abcdef0",
        "'resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0, vpcs: [vpc-0123456789abcdef0,"
            + " vpc-0123456789abcdef0]}'"
            + " | deployment.resolver.vpcs[1]"
            + " | 'vpc-0123456789abcdef0' is listed twice (also [0])",
        "'resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0, vpc: [vpc-0123456789abcdef0]}'"
            + " | deployment.resolver.vpc"
            + " | unknown key (known keys: [outboundEndpointId, vpcs])",
        "'profile: {}' | deployment.profile"
            + " | needs id: rp-... (an existing Profile of this account) or create: true (the stack"
            + " creates one)",
        "'profile: {create: false}' | deployment.profile"
            + " | needs id: rp-... (an existing Profile of this account) or create: true (the stack"
            + " creates one)",
        "'profile: {id: rp-0123456789abcdef, create: true}' | deployment.profile.create"
            + " | cannot be used with id: id names an existing Profile, create: true makes the"
            + " stack create one; keep one of them",
        "'profile: {id: rp-0123456789abcdef, name: corp}' | deployment.profile.name"
            + " | names a Profile the stack creates: with id (an existing Profile) remove it",
        "'profile: {id: rp-NOPE}' | deployment.profile.id"
            + " | 'rp-NOPE' is not valid: expected a Route 53 Profile ID such as"
            + " rp-0123456789abcdef",
        "'profile: {create: true, name: corp.dns}' | deployment.profile.name"
            + " | 'corp.dns' is not valid: expected at most 64 letters, digits, '-', '_' or"
            + " spaces, not only digits",
        "'profile: {create: true, name: \"12345\"}' | deployment.profile.name"
            + " | '12345' is not valid: expected at most 64 letters, digits, '-', '_' or spaces,"
            + " not only digits",
        "'profile: {create: true, shareWith: [444455556666]}' | deployment.profile.shareWith[0]"
            + " | write the account ID as a quoted string, e.g. \"222233334444\": YAML reads an"
            + " unquoted one as a number and drops leading zeros",
        "'profile: {create: true, shareWith: [\"44445555666\"]}' | deployment.profile.shareWith[0]"
            + " | '44445555666' is not a principal RAM shares with: expected a quoted 12-digit"
            + " account ID, an organization ARN"
            + " (arn:aws:organizations::111122223333:organization/o-exampleorgid) or an OU ARN"
            + " (arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-ab12-cdefgh34)",
        "'profile: {create: true, shareWith: [\"arn:aws:organizations::999988887777:ou/ou-ab12-cdefgh34\"]}'"
            + " | deployment.profile.shareWith[0]"
            + " | 'arn:aws:organizations::999988887777:ou/ou-ab12-cdefgh34' is not a principal RAM"
            + " shares with: expected a quoted 12-digit account ID, an organization ARN"
            + " (arn:aws:organizations::111122223333:organization/o-exampleorgid) or an OU ARN"
            + " (arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-ab12-cdefgh34)",
        "'profile: {create: true, shareWith: [\"444455556666\", \"444455556666\"]}'"
            + " | deployment.profile.shareWith[1] | '444455556666' is listed twice (also [0])",
        "'profile: {create: true, shareWith: [\"111122223333\"]}'"
            + " | deployment.profile.shareWith[0]"
            + " | 111122223333 is this deployment's own account (deployment.account): the Profile"
            + " is its own already; associate this account's VPCs with associateVpcs",
        "'profile: {create: true, shareWith: [\"arn:aws:organizations::999988887777:organization/o-exampleorgid\","
            + " \"arn:aws:organizations::555566667777:organization/o-otherorg123\"]}'"
            + " | deployment.profile.shareWith[1]"
            + " | names organization o-otherorg123, [0] names o-exampleorgid: an account belongs"
            + " to one organization; share with accounts of another by their account IDs",
        "'profile: {create: true, associateVpcs: [vpc-0aaaabbbbccccdddd, vpc-0aaaabbbbccccdddd]}'"
            + " | deployment.profile.associateVpcs[1]"
            + " | 'vpc-0aaaabbbbccccdddd' is listed twice (also [0])",
        "'profile: {create: true, shareWith: \"444455556666\"}' | deployment.profile.shareWith"
            + " | must be a list, got '444455556666'",
        "'profile: {create: true, share: [\"444455556666\"]}' | deployment.profile.share"
            + " | unknown key (known keys: [id, create, name, shareWith, allowExternalPrincipals,"
            + " associateVpcs])",
        "'resolver: {outboundEndpointId: rslvr-out-0123456789abcdef0, vpcs: [vpc-0aaaabbbbccccdddd]},"
            + " profile: {create: true, associateVpcs: [vpc-0aaaabbbbccccdddd]}'"
            + " | deployment.resolver.vpcs[0]"
            + " | vpc-0aaaabbbbccccdddd is also deployment.profile.associateVpcs[0]: the Profile"
            + " already brings the DELEGATE rules to its VPCs; list the VPC in one of the two",
      })
  void parse_whenAKeyIsWrong_failsNamingTheFieldAndTheFix(
      String keys, String field, String message) {
    String yaml =
        PLAIN.replace(
            "  vpc: {id:", "  " + keys.replace("}, profile:", "}\n  profile:") + "\n  vpc: {id:");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage(field + ": " + message);
  }
}
