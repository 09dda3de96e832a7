package dev.zonesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML as operators write it: anchors, aliases, merge keys, and the guards around them. */
class ConfigYamlTest {

  private static final String KEYS =
      """
      version: 1
      tsigKeys:
        - name: k.
          secret: {env: K}
      """;

  private static Settings parse(String yaml) {
    return ConfigParser.parse(yaml, "t.yaml");
  }

  private static ConfigException refused(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("accepted:\n" + yaml);
  }

  @Test
  void anchors_whenZonesShareAMasterList_eachZoneGetsTheList() {
    Settings s =
        parse(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: &dcs [10.0.0.1, "10.0.0.2:5353"]
                    tsig: k.
                  - name: b.example.
                    hostedZoneId: ZB
                    masters: *dcs
                    tsig: k.
                """);

    List<Master> expected = List.of(new Master("10.0.0.1", 53), new Master("10.0.0.2", 5353));
    assertThat(s.zones().get(0).masters()).isEqualTo(expected);
    assertThat(s.zones().get(1).masters()).isEqualTo(expected);
  }

  @Test
  void anchors_whenZonesShareASafetyBlock_eachZoneGetsItsValues() {
    Settings s =
        parse(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: [10.0.0.1]
                    tsig: k.
                    safety: &strict {maxDeleteFraction: 0.05, maxUpdateFraction: 0.1, minZoneRRsets: 3}
                  - name: b.example.
                    hostedZoneId: ZB
                    masters: [10.0.0.1]
                    tsig: k.
                    safety: *strict
                  - name: c.example.
                    hostedZoneId: ZC
                    masters: [10.0.0.1]
                    tsig: k.
                """);

    assertThat(s.zones().get(1).safety().maxDeleteFraction()).isEqualTo(0.05);
    assertThat(s.zones().get(1).safety().maxUpdateFraction()).isEqualTo(0.1);
    assertThat(s.zones().get(1).safety().minZoneRRsets()).isEqualTo(3);
    assertThat(s.zones().get(2).safety().maxDeleteFraction()).isEqualTo(0.30);
  }

  @Test
  void aliases_ofScalars_giveTheAnchoredValueNotTheAnchorsName() {
    // before aliases were resolved, *corp reached the parser as the text "corp": a valid name
    Settings s =
        parse(
            KEYS
                + """
                zones:
                  - name: &corp corp.example.
                    hostedZoneId: ZA
                    masters: [10.0.0.1]
                    discoverMasters: *corp
                    tsig: &key k.
                  - name: _msdcs.corp.example.
                    hostedZoneId: ZA
                    hostedZoneName: *corp
                    masters: [10.0.0.1]
                    discoverMasters: *corp
                    tsig: *key
                """);

    assertThat(s.zones().get(0).discoverMasters()).isEqualTo(DnsName.of("corp.example."));
    assertThat(s.zones().get(1).hostedZoneName()).isEqualTo(DnsName.of("corp.example."));
    assertThat(s.zones().get(1).discoverMasters()).isEqualTo(DnsName.of("corp.example."));
    assertThat(s.zones().get(1).tsig().name()).isEqualTo(DnsName.of("k."));
  }

  @Test
  void mergeKey_takesTheAnchoredKeysAndLetsTheMappingOverrideThem() {
    Settings s =
        parse(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: [10.0.0.1]
                    tsig: k.
                    safety: &strict {maxDeleteFraction: 0.05, maxUpdateFraction: 0.1}
                  - name: b.example.
                    hostedZoneId: ZB
                    masters: [10.0.0.1]
                    tsig: k.
                    safety:
                      <<: *strict
                      maxUpdateFraction: 0.2
                      minZoneRRsets: 4
                """);

    SafetyLimitsView b = new SafetyLimitsView(s.zones().get(1));
    assertThat(b.delete()).isEqualTo(0.05);
    assertThat(b.update()).isEqualTo(0.2);
    assertThat(b.min()).isEqualTo(4);
  }

  @Test
  void mergeKey_withAList_earlierMappingsWin() {
    Settings s =
        parse(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: [10.0.0.1]
                    tsig: k.
                    safety: &first {maxDeleteFraction: 0.01}
                  - name: b.example.
                    hostedZoneId: ZB
                    masters: [10.0.0.1]
                    tsig: k.
                    safety:
                      <<: [*first, {maxDeleteFraction: 0.9, maxUpdateFraction: 0.02}]
                """);

    SafetyLimitsView b = new SafetyLimitsView(s.zones().get(1));
    assertThat(b.delete()).isEqualTo(0.01);
    assertThat(b.update()).isEqualTo(0.02);
  }

  @Test
  void mergeKey_whenItsValueIsAScalar_saysWhatToWriteInstead() {
    ConfigException e =
        refused(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: [10.0.0.1]
                    tsig: &key k.
                    safety:
                      <<: *key
                """);

    assertThat(e.problems())
        .containsExactly(
            "line 11, column 7: merge key '<<' takes a mapping or a list of mappings (e.g. '<<:"
                + " *defaults'), not the scalar 'k.'; or write the keys out");
  }

  @Test
  void mergeKey_whenQuoted_isAnOrdinaryKeyAndUnknown() {
    ConfigException e =
        refused(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: [10.0.0.1]
                    tsig: k.
                    safety: {"<<": {maxDeleteFraction: 0.1}}
                """);

    assertThat(e.getMessage()).contains("unknown key '<<'");
  }

  @Test
  void aliases_whenTheyExpandLikeABillionLaughs_areRefusedNamingTheLimit() {
    StringBuilder bomb = new StringBuilder(KEYS).append("x0: &a0 [lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      bomb.append("x").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    long started = System.nanoTime();

    ConfigException e = refused(bomb.toString());

    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0))
        .contains(
            "aliases expand the file to more than 100000 values (the limit against alias bombs)")
        .contains("; write the repeated values out or alias less");
    assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(5_000);
  }

  @Test
  void aliases_whenAThousandZonesShareOneMasterList_areWithinTheLimit() {
    StringBuilder yaml = new StringBuilder(KEYS).append("zones:\n");
    for (int i = 0; i < 1000; i++) {
      yaml.append("  - name: z")
          .append(i)
          .append(".example.\n    hostedZoneId: Z")
          .append(i)
          .append("\n    tsig: k.\n    masters: ")
          .append(i == 0 ? "&dcs [10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4]" : "*dcs")
          .append('\n');
    }

    Settings s = parse(yaml.toString());

    assertThat(s.zones()).hasSize(1000);
    assertThat(s.zones().get(999).masters()).hasSize(4);
  }

  @Test
  void aliases_whenAnAliasIsInsideItsOwnAnchor_areRefusedAsALoop() {
    ConfigException e = refused(KEYS + "zones: &z [{name: a.example., masters: *z}]\n");

    assertThat(e.problems())
        .containsExactly("line 5, column 40: alias *z is inside the value anchored &z (a loop)");
  }

  @Test
  void aliases_whenNoAnchorComesBefore_areRefusedNamingTheAlias() {
    ConfigException e =
        refused(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: *dcs
                    tsig: k.
                """);

    assertThat(e.problems())
        .containsExactly("line 8, column 14: alias *dcs has no anchor &dcs before it");
  }

  @Test
  void errors_inAValueReachedThroughAnAlias_nameTheZoneAndFieldThatUseIt() {
    ConfigException e =
        refused(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: [10.0.0.1]
                    tsig: k.
                    safety: &loose {maxDeleteFraction: 1.5}
                  - name: b.example.
                    hostedZoneId: ZB
                    masters: [10.0.0.1]
                    tsig: k.
                    safety: *loose
                """);

    assertThat(e.problems())
        .containsExactly(
            "zones[0] (a.example.).safety: maxDeleteFraction must be within 0..1, got 1.5",
            "zones[1] (b.example.).safety: maxDeleteFraction must be within 0..1, got 1.5");
  }

  @Test
  void keys_whenRepeatedInOneMapping_areRefusedNamingTheLine() {
    ConfigException e =
        refused(
            KEYS
                + """
                zones:
                  - name: a.example.
                    hostedZoneId: ZA
                    masters: [10.0.0.1]
                    tsig: k.
                    masters: [10.0.0.2]
                """);

    assertThat(e.problems())
        .containsExactly(
            "line 10, column 5: key 'masters' appears twice in the same mapping; keep one");
  }

  @Test
  void documents_whenTwo_areRefused() {
    ConfigException e = refused(KEYS + "---\nversion: 1\n");

    assertThat(e.getMessage()).contains("a second YAML document (---) follows the first");
  }

  /** The three safety values of a zone, short names for the assertions. */
  private record SafetyLimitsView(double delete, double update, int min) {
    SafetyLimitsView(ZoneSettings z) {
      this(
          z.safety().maxDeleteFraction(),
          z.safety().maxUpdateFraction(),
          z.safety().minZoneRRsets());
    }
  }
}
