package dev.zonesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zonesync.model.DnsName;
import dev.zonesync.plan.CutPolicy;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The zone-cut keys (README, "Delegations"): {@code zoneCuts} (per zone and in {@code defaults}),
 * {@code delegations} and {@code resolvedElsewhere}, parsed into the zone's {@link CutPolicy}.
 */
class ZoneCutsConfigTest {

  /** corp.example. (the zone under test), _msdcs.corp.example. in its hosted zone, lab.example. */
  private static final String CONFIG =
      """
      version: 1
      DEFAULTS
      zones:
        - name: corp.example.
          hostedZoneId: Z123
          masters: [192.0.2.53]
          tsig: none
          CORP
        - name: _msdcs.corp.example.
          hostedZoneId: Z123
          hostedZoneName: corp.example.
          masters: [192.0.2.53]
          tsig: none
        - name: lab.example.
          hostedZoneId: Z456
          masters: [192.0.2.53]
          tsig: none
      """;

  private static Settings parse(String defaults, String corp) {
    return ConfigParser.parse(
        CONFIG.replace("DEFAULTS", defaults).replace("CORP", corp.replace(";", "\n    ")), "t");
  }

  private static Set<DnsName> names(String list) {
    return list.isBlank()
        ? Set.of()
        : Arrays.stream(list.split(" ")).map(DnsName::of).collect(Collectors.toSet());
  }

  private static final Set<DnsName> MIRRORED =
      names("corp.example. _msdcs.corp.example. lab.example.");

  @ParameterizedTest(name = "defaults [{0}], corp.example. [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                           | ''                                                   | false | ''                                       | ''",
        "''                           | 'zoneCuts: delegate'                                 | true  | ''                                       | ''",
        "''                           | 'zoneCuts: \" Delegate \"'                           | true  | ''                                       | ''",
        "'defaults: {zoneCuts: delegate}' | ''                                               | true  | ''                                       | ''",
        "'defaults: {zoneCuts: delegate}' | 'zoneCuts: skip'                                 | false | ''                                       | ''",
        "'defaults: {zoneCuts: skip}' | 'zoneCuts: delegate;delegations: [branch.corp.example.]' | true | 'branch.corp.example.'              | ''",
        "''                           | 'zoneCuts: delegate;delegations: [branch.corp.example, LAB.Corp.Example.]' | true | 'branch.corp.example. lab.corp.example.' | ''",
        "'defaults: {zoneCuts: delegate}' | 'delegations: [branch.corp.example.];resolvedElsewhere: [aws.corp.example.]' | true | 'branch.corp.example.' | 'aws.corp.example.'",
        "''                           | 'resolvedElsewhere: [aws.corp.example., x.y.corp.example]' | false | ''                              | 'aws.corp.example. x.y.corp.example.'",
        "''                           | 'delegations: []'                                    | false | ''                                       | ''",
      })
  void parse_zoneCuts_givesTheZonesCutPolicy(
      String defaults, String corp, boolean delegate, String delegations, String elsewhere) {
    Settings s = parse(defaults, corp);
    assertThat(s.zones().get(0).rules().cuts())
        .isEqualTo(new CutPolicy(delegate, names(delegations), names(elsewhere), MIRRORED));
    // the other zones keep the defaults' mode, with nothing listed
    assertThat(s.zones().get(2).rules().cuts().delegate()).isEqualTo(defaults.contains("delegate"));
    assertThat(s.zones().get(2).rules().cuts().delegations()).isEmpty();
    assertThat(s.zones().get(2).rules().cuts().mirroredZones()).isEqualTo(MIRRORED);
  }

  @ParameterizedTest(name = "defaults [{0}], corp.example. [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | 'zoneCuts: forward' | zones[0] (corp.example.).zoneCuts: 'forward' is not skip or delegate (skip: the zone's delegations are reported and nothing at or below them is mirrored; delegate: the NS and glue of the cuts listed in the zone's delegations are mirrored, for Route 53 Resolver DELEGATE rules)",
        "'defaults: {zoneCuts: true}' | '' | defaults.zoneCuts: 'true' is not skip or delegate (skip: the zone's delegations are reported and nothing at or below them is mirrored; delegate: the NS and glue of the cuts listed in the zone's delegations are mirrored, for Route 53 Resolver DELEGATE rules)",
        "'' | 'delegations: [branch.corp.example.]' | zones[0] (corp.example.).delegations: needs zoneCuts: delegate (with zoneCuts: skip the zone's cuts are skipped and these NS would never be mirrored); write zoneCuts: delegate in the zone or in defaults, or remove delegations",
        "'defaults: {zoneCuts: delegate}' | 'zoneCuts: skip;delegations: [branch.corp.example.]' | zones[0] (corp.example.).delegations: needs zoneCuts: delegate (with zoneCuts: skip the zone's cuts are skipped and these NS would never be mirrored); write zoneCuts: delegate in the zone or in defaults, or remove delegations",
        "'' | 'zoneCuts: delegate;delegations: [branch.corp.example., x.other.example.]' | zones[0] (corp.example.).delegations[1]: 'x.other.example.' is not inside the zone corp.example.; list only names strictly below its apex (names ending in .corp.example.)",
        "'' | 'zoneCuts: delegate;delegations: [evilcorp.example.]' | zones[0] (corp.example.).delegations[0]: 'evilcorp.example.' is not inside the zone corp.example.; list only names strictly below its apex (names ending in .corp.example.)",
        "'' | 'zoneCuts: delegate;delegations: [Corp.Example]' | zones[0] (corp.example.).delegations[0]: corp.example. is the zone's apex, not a cut below it; list only names strictly below the apex (names ending in .corp.example.)",
        "'' | 'zoneCuts: delegate;delegations: [b.corp.example., B.corp.example]' | zones[0] (corp.example.).delegations[1]: b.corp.example. is listed twice (also [0]); keep one",
        "'' | 'zoneCuts: delegate;delegations: [\"a..corp.example.\"]' | zones[0] (corp.example.).delegations[0]: 'a..corp.example.' is not a domain name (empty label in domain name 'a..corp.example.')",
        "'' | 'zoneCuts: delegate;delegations: [\"\"]' | zones[0] (corp.example.).delegations[0]: missing",
        "'' | 'zoneCuts: delegate;delegations: [x.branch.corp.example., branch.corp.example.]' | zones[0] (corp.example.).delegations[0]: x.branch.corp.example. lies below the delegation branch.corp.example. (delegations[1]): names below a cut belong to the child zone and are not mirrored; remove it",
        "'' | 'zoneCuts: delegate;delegations: [_msdcs.corp.example.]' | zones[0] (corp.example.).delegations[0]: _msdcs.corp.example. is mirrored into the same hosted zone Z123 by zones[1] (_msdcs.corp.example.): its NS would hide that zone's records; remove it from delegations (that zone's own records answer there)",
        "'' | 'zoneCuts: delegate;delegations: [dc._msdcs.corp.example.]' | zones[0] (corp.example.).delegations[0]: dc._msdcs.corp.example. lies inside zone _msdcs.corp.example., which zones[1] (_msdcs.corp.example.) mirrors into the same hosted zone Z123: its cuts are that zone's; list it in that zone's delegations",
        "'' | 'resolvedElsewhere: [aws.other.example.]' | zones[0] (corp.example.).resolvedElsewhere[0]: 'aws.other.example.' is not inside the zone corp.example.; list only names strictly below its apex (names ending in .corp.example.)",
        "'' | 'resolvedElsewhere: [corp.example.]' | zones[0] (corp.example.).resolvedElsewhere[0]: corp.example. is the zone's apex, not a cut below it; list only names strictly below the apex (names ending in .corp.example.)",
        "'' | 'resolvedElsewhere: [aws.corp.example., aws.corp.example.]' | zones[0] (corp.example.).resolvedElsewhere[1]: aws.corp.example. is listed twice (also [0]); keep one",
        "'' | 'zoneCuts: delegate;delegations: [a.corp.example., b.corp.example.];resolvedElsewhere: [b.corp.example.]' | zones[0] (corp.example.).resolvedElsewhere[0]: b.corp.example. is also delegations[1]: a cut is either delegated (its NS mirrored for a DELEGATE rule) or resolved by something else; keep it in one of the two lists",
        "'defaults: {delegations: [a.corp.example.]}' | '' | defaults.delegations: unknown key 'delegations'",
        "'' | 'zoneCut: delegate' | zones[0].zoneCut: unknown key 'zoneCut'",
      })
  void parse_whenZoneCutKeysInvalid_namesZoneAndField(
      String defaults, String corp, String message) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(defaults, corp));
    assertThat(e).as("refused").isNotNull();
    if (message.contains("unknown key")) {
      assertThat(e.problems())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith(message);
    } else {
      assertThat(e.problems()).containsExactly(message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the parent's delegation above a zone mirrored into the same hosted zone
        "'a.corp.example. above b.a.corp.example.'|a.corp.example.|b.a.corp.example.|zones[0] (corp.example.).delegations[0]: a.corp.example. is above zone b.a.corp.example., which zones[1] (b.a.corp.example.) mirrors into the same hosted zone Z123: its NS would hide that zone's records; remove it from delegations",
      })
  void parse_whenADelegationWouldHideAZoneOfTheSameHostedZone_refusesIt(
      String what, String delegation, String child, String message) {
    String yaml =
        """
        version: 1
        zones:
          - {name: corp.example., hostedZoneId: Z123, masters: [192.0.2.53], tsig: none,
             zoneCuts: delegate, delegations: [DELEGATION]}
          - {name: CHILD, hostedZoneId: Z123, hostedZoneName: corp.example.,
             masters: [192.0.2.53], tsig: none}
        """
            .replace("DELEGATION", delegation)
            .replace("CHILD", child);
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigParser.parse(yaml, "t"));
    assertThat(e.problems()).containsExactly(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a zone of its own hosted zone: Resolver prefers the more specific private zone
        "lab.corp.example. in its own hosted zone|Z456",
      })
  void parse_whenADelegationIsMirroredIntoAnotherHostedZone_acceptsIt(String what, String id) {
    String yaml =
        """
        version: 1
        zones:
          - {name: corp.example., hostedZoneId: Z123, masters: [192.0.2.53], tsig: none,
             zoneCuts: delegate, delegations: [lab.corp.example.]}
          - {name: lab.corp.example., hostedZoneId: ID, masters: [192.0.2.53], tsig: none}
        """
            .replace("ID", id);
    CutPolicy cuts = ConfigParser.parse(yaml, "t").zones().get(0).rules().cuts();
    assertThat(cuts.mirrors(DnsName.of("lab.corp.example."))).isTrue();
    assertThat(cuts.mirroredZones())
        .containsExactlyInAnyOrder(DnsName.of("corp.example."), DnsName.of("lab.corp.example."));
  }

  @org.junit.jupiter.api.Test
  void parse_whenSeveralDelegationsInvalid_reportsEachOne() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                parse(
                    "",
                    "zoneCuts: delegate;delegations: [a.corp.example., x.other., corp.example.]"));
    assertThat(e.problems())
        .extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly(
            "zones[0] (corp.example.).delegations[1]", "zones[0] (corp.example.).delegations[2]");
  }
}
