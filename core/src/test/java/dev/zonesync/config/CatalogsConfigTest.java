package dev.zonesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.plan.CatalogShrinkLimits;
import dev.zonesync.plan.NamePattern;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code catalogs} list (README, "Catalog zones"), parsed into {@link CatalogSettings}. */
class CatalogsConfigTest {

  /** A zone and a catalog with every key; rows edit it. */
  private static final String CONFIG =
      """
      version: 1
      tsigKeys:
        - {name: k., secret: {env: K}}
        - {name: g., secret: {env: G}}
      defaults:
        safety: {maxDeleteFraction: 0.2, minZoneRRsets: 5}
        timeouts: {query: 2s}
      zones:
        - name: lab.example.
          hostedZoneId: ZLAB
          masters: [192.0.2.53]
          tsig: k.
      catalogs:
        - name: catalog.corp.example.
          hostedZoneId: ZCAT
          masters: [10.10.0.53]
          tsig: k.
          allow: ["corp.example.", "*.corp.example."]
          hostedZones:
            create: true
            createIn: {vpc: vpc-0123456789abcdef0, region: eu-west-1}
            exposeTo: {vpcs: [vpc-0123456789abcdef1, {vpc: vpc-0123456789abcdef2, region: eu-west-2}]}
          schedule: rate(5 minutes)
          defaults: {safety: {maxUpdateFraction: 0.4}, metrics: detailed}
          groups:
            internal: {masters: [10.20.0.53], tsig: g., safety: {minZoneRRsets: 50}}
            lab: {zoneCuts: delegate, metrics: summary}
          shrink: {maxRemoveFraction: 0.5}
          timeouts: {transfer: 2m}
      """;

  private static String edit(String from, String to) {
    assertThat(CONFIG).as("the row must edit the configuration").contains(from);
    return CONFIG.replace(from, to);
  }

  private static CatalogSettings catalog(String yaml) {
    Settings s = ConfigParser.parse(yaml, "t");
    assertThat(s.catalogs()).hasSize(1);
    return s.catalogs().get(0);
  }

  private static List<String> problems(String yaml) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigParser.parse(yaml, "t"));
    assertThat(e).as("refused:\n" + yaml).isNotNull();
    return e.problems();
  }

  @Test
  void parse_catalog_readsEveryKey() {
    CatalogSettings c = catalog(CONFIG);
    assertThat(c.name()).isEqualTo(DnsName.of("catalog.corp.example."));
    assertThat(c.hostedZoneId()).isEqualTo("ZCAT");
    assertThat(c.masters()).containsExactly(new Master("10.10.0.53", 53));
    assertThat(c.tsig().name()).isEqualTo(DnsName.of("k."));
    assertThat(c.allow())
        .containsExactly(NamePattern.parse("corp.example."), NamePattern.parse("*.corp.example."));
    assertThat(c.create()).isTrue();
    assertThat(c.createIn()).isEqualTo(new VpcRef("vpc-0123456789abcdef0", "eu-west-1"));
    assertThat(c.exposeTo())
        .isEqualTo(
            new CatalogSettings.ToVpcs(
                List.of(
                    // an ID alone takes createIn's region
                    new VpcRef("vpc-0123456789abcdef1", "eu-west-1"),
                    new VpcRef("vpc-0123456789abcdef2", "eu-west-2"))));
    assertThat(c.shrink()).isEqualTo(new CatalogShrinkLimits(0.5, 10));
    // the catalog's own transfer: its timeouts over the top-level defaults'
    assertThat(c.source().queryTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.source().transferTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.groups()).containsOnlyKeys("internal", "lab");
    assertThat(List.copyOf(c.groups().keySet())).containsExactly("internal", "lab");
  }

  /** Options resolve as top-level defaults, then the catalog's defaults, then the group. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // template | masters    | tsig | maxDelete | maxUpdate | minRRsets | metrics  | delegate
        "defaults   | 10.10.0.53 | k.   | 0.2       | 0.4       | 5         | DETAILED | false",
        "internal   | 10.20.0.53 | g.   | 0.2       | 0.4       | 50        | DETAILED | false",
        "lab        | 10.10.0.53 | k.   | 0.2       | 0.4       | 5         | SUMMARY  | true",
      })
  void parse_memberTemplates_layerTheOptions(
      String template,
      String master,
      String tsig,
      double maxDelete,
      double maxUpdate,
      int minRRsets,
      MetricsDetail metrics,
      boolean delegate) {
    CatalogSettings c = catalog(CONFIG);
    ZoneTemplate t = template.equals("defaults") ? c.defaults() : c.groups().get(template);
    assertThat(t.masters()).containsExactly(new Master(master, 53));
    assertThat(t.tsig().name()).isEqualTo(DnsName.of(tsig));
    assertThat(t.safety().maxDeleteFraction()).isEqualTo(maxDelete);
    assertThat(t.safety().maxUpdateFraction()).isEqualTo(maxUpdate);
    assertThat(t.safety().minZoneRRsets()).isEqualTo(minRRsets);
    assertThat(t.metrics()).isEqualTo(metrics);
    assertThat(t.cutsDelegate()).isEqualTo(delegate);
    assertThat(t.source().queryTimeout()).as("top-level defaults").isEqualTo(Duration.ofSeconds(2));
    assertThat(c.templateFor(template.equals("defaults") ? null : template)).isEqualTo(t);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'no zones key'|'zones:\n  - name: lab.example.\n    hostedZoneId: ZLAB\n    masters: [192.0.2.53]\n    tsig: k.\n'|''",
        "'zones: []'|'zones:\n  - name: lab.example.\n    hostedZoneId: ZLAB\n    masters: [192.0.2.53]\n    tsig: k.\n'|'zones: []\n'",
      })
  void parse_catalogsOnly_hasNoZones(String what, String zones, String replacement) {
    Settings s = ConfigParser.parse(edit(zones, replacement), "t");
    assertThat(s.zones()).isEmpty();
    assertThat(s.catalogs())
        .extracting(c -> c.name().text())
        .containsExactly("catalog.corp.example.");
  }

  @Test
  void parse_whenNeitherZonesNorCatalogs_requiresAZone() {
    String yaml = "version: 1\ncatalogs: []\n";
    assertThat(problems(yaml)).containsExactly("zones: at least one zone is required");
  }

  @Test
  void parse_zonesMirrorNothingBelowTheCatalog_butKnowItIsMirrored() {
    Settings s = ConfigParser.parse(CONFIG, "t");
    assertThat(s.zones().get(0).rules().cuts().mirroredZones())
        .containsExactlyInAnyOrder(DnsName.of("lab.example."), DnsName.of("catalog.corp.example."));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'absent'|'      exposeTo: {vpcs: [vpc-0123456789abcdef1, {vpc: vpc-0123456789abcdef2, region: eu-west-2}]}\n'|''|Nowhere[]",
        "'profile'|'exposeTo: {vpcs: [vpc-0123456789abcdef1, {vpc: vpc-0123456789abcdef2, region: eu-west-2}]}'|'exposeTo: {profile: rp-0123456789abcdef}'|ToProfile[profileId=rp-0123456789abcdef]",
        "'object without region'|'{vpc: vpc-0123456789abcdef2, region: eu-west-2}'|'{vpc: vpc-0123456789abcdef2}'|'ToVpcs[vpcs=[VpcRef[id=vpc-0123456789abcdef1, region=eu-west-1], VpcRef[id=vpc-0123456789abcdef2, region=eu-west-1]]]'",
      })
  void parse_exposeTo_givesTheExposure(String what, String from, String to, String exposure) {
    assertThat(catalog(edit(from.replace("\\n", "\n"), to)).exposeTo()).hasToString(exposure);
  }

  @Test
  void parse_whenCreateAbsent_createsNothingAndNeedsNoVpc() {
    CatalogSettings c =
        catalog(
            edit(
                "    hostedZones:\n"
                    + "      create: true\n"
                    + "      createIn: {vpc: vpc-0123456789abcdef0, region: eu-west-1}\n"
                    + "      exposeTo: {vpcs: [vpc-0123456789abcdef1, {vpc: vpc-0123456789abcdef2,"
                    + " region: eu-west-2}]}\n",
                ""));
    assertThat(c.create()).isFalse();
    assertThat(c.createIn()).isNull();
    assertThat(c.exposeTo()).isEqualTo(new CatalogSettings.Nowhere());
  }

  @Test
  void parse_whenGroupHasNoKeys_usesTheCatalogsDefaults() {
    CatalogSettings c =
        catalog(edit("    lab: {zoneCuts: delegate, metrics: summary}", "    lab:"));
    assertThat(c.groups().get("lab")).isEqualTo(c.defaults());
  }

  @Test
  void parse_whenGroupSaysTsigNone_transfersWithoutTsig() {
    CatalogSettings c = catalog(edit("tsig: g.,", "tsig: none,"));
    assertThat(c.groups().get("internal").tsig()).isNull();
    assertThat(c.tsig()).isNotNull();
  }

  private static final String AT = "catalogs[0] (catalog.corp.example.)";

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'name: catalog.corp.example.'|'name: \"catalog..corp\"'|catalogs[0] (catalog..corp).name: 'catalog..corp' is not a domain name (empty label in domain name 'catalog..corp.')",
        "'    hostedZoneId: ZCAT\n'|''|@.hostedZoneId: missing; give the ID of the catalog's own private hosted zone, where the catalog is mirrored with zonesync's record of each member (deployed with the CDK app, leave it out: the stack creates that zone in hostedZones.createIn and fills its ID into the deployed configuration)",
        "'hostedZoneId: ZCAT'|'hostedZoneId: zcat-1'|@.hostedZoneId: 'zcat-1' is not a hosted zone ID (like Z0123456789ABCDEFGHIJ)",
        "'masters: [10.10.0.53]'|'masters: []'|@.masters: at least one master (host or host:port) is required",
        "'masters: [10.10.0.53]'|'masters: [\"10.10.0.53:0\"]'|@.masters[0]: master '10.10.0.53:0' is not host, host:port or [ipv6]:port: master port 0 outside 1..65535",
        "'    tsig: k.\n    allow'|'    allow'|@.tsig: missing; name a key from tsigKeys, or write 'tsig: none' to transfer without TSIG (not recommended)",
        "'    tsig: k.\n    allow'|'    tsig: x.\n    allow'|@.tsig: no key named x. in tsigKeys [k., g.]",
        "'    allow: [\"corp.example.\", \"*.corp.example.\"]\n'|''|@.allow: missing; list the member names zonesync may mirror from this catalog, e.g. [\"corp.example.\", \"*.corp.example.\"] (members outside are refused)",
        "'allow: [\"corp.example.\", \"*.corp.example.\"]'|'allow: []'|@.allow: missing; list the member names zonesync may mirror from this catalog, e.g. [\"corp.example.\", \"*.corp.example.\"] (members outside are refused)",
        "'\"*.corp.example.\"]'|'\"*corp.example.\"]'|@.allow[1]: allow pattern *corp.example.: a wildcard must end at a label boundary ('*.corp.example.', not '*corp.example.', which also admits 'evilcorp.example.')",
        "'\"*.corp.example.\"]'|'\"*.com\"]'|@.allow[1]: allow pattern *.com.: a wildcard needs at least two labels after it (it would admit all of com.)",
        "'\"*.corp.example.\"]'|'\"*.corp..example\"]'|@.allow[1]: allow pattern *.corp..example.: 'corp..example.' is not a domain name",
        "'\"*.corp.example.\"]'|'\"\"]'|@.allow[1]: missing; write a name or a glob such as *.corp.example.",
        "'\"corp.example.\",'|'\"corp.example./TXT\",'|@.allow[0]: 'corp.example./TXT' names a type: allow patterns are names only (a member is a whole zone)",
        "'\"corp.example.\",'|'\"corp..example.\",'|@.allow[0]: empty label in domain name 'corp..example.'",
        "'      createIn: {vpc: vpc-0123456789abcdef0, region: eu-west-1}\n      exposeTo: {vpcs: [vpc-0123456789abcdef1,'|'      exposeTo: {vpcs: [{vpc: vpc-0123456789abcdef1, region: eu-west-1},'|@.hostedZones.createIn: missing; create: true needs the VPC new hosted zones are created in, e.g. createIn: {vpc: vpc-0123456789abcdef0, region: eu-west-1} (a VPC with no workloads: a member is exposed to them only once its first sync completed)",
        "'{vpc: vpc-0123456789abcdef0, region: eu-west-1}'|'{region: eu-west-1}'|@.hostedZones.createIn.vpc: missing; give the VPC's ID, like vpc-0123456789abcdef0",
        "'{vpc: vpc-0123456789abcdef0, region: eu-west-1}'|'{vpc: vpc-0123456789abcdef0}'|@.hostedZones.createIn.region: missing; give the VPC's region, like eu-west-1",
        "'{vpc: vpc-0123456789abcdef0, region: eu-west-1}'|'{vpc: vpc-0abc, region: eu-west-1}'|@.hostedZones.createIn.vpc: 'vpc-0abc' is not a VPC ID (vpc- and 8 or 17 hex digits)",
        "'{vpc: vpc-0123456789abcdef0, region: eu-west-1}'|'{vpc: vpc-0123456789abcdef0, region: Ireland}'|@.hostedZones.createIn.region: 'Ireland' is not an AWS region (like eu-west-1)",
        "'{vpc: vpc-0123456789abcdef0, region: eu-west-1}'|'{vpc: vpc-0123456789abcdef0, regoin: eu-west-1}'|catalogs[0].hostedZones.createIn.regoin: unknown key 'regoin'; known keys here: [vpc, region]",
        "'exposeTo: {vpcs:'|'exposeTo: {profile: rp-0123456789abcdef, vpcs:'|@.hostedZones.exposeTo: set one of vpcs or profile, not both (a Route 53 Profile reaches every VPC associated with it)",
        "'exposeTo: {vpcs: [vpc-0123456789abcdef1, {vpc: vpc-0123456789abcdef2, region: eu-west-2}]}'|'exposeTo: {}'|@.hostedZones.exposeTo: set vpcs (a list of VPCs) or profile (a Route 53 Profile ID), or leave exposeTo out: members' hosted zones are then associated with no VPC but createIn's",
        "'exposeTo: {vpcs: [vpc-0123456789abcdef1, {vpc: vpc-0123456789abcdef2, region: eu-west-2}]}'|'exposeTo: {vpcs: []}'|@.hostedZones.exposeTo.vpcs: set vpcs (a list of VPCs) or profile (a Route 53 Profile ID), or leave exposeTo out: members' hosted zones are then associated with no VPC but createIn's",
        "'exposeTo: {vpcs: [vpc-0123456789abcdef1, {vpc: vpc-0123456789abcdef2, region: eu-west-2}]}'|'exposeTo: {profile: rp-XYZ}'|@.hostedZones.exposeTo.profile: 'rp-XYZ' is not a Route 53 Profile ID (rp- and hex digits, like rp-0123456789abcdef)",
        "'exposeTo: {vpcs: [vpc-0123456789abcdef1, {vpc: vpc-0123456789abcdef2, region: eu-west-2}]}'|'exposeTo: {profile: vpc-0123456789abcdef1}'|@.hostedZones.exposeTo.profile: 'vpc-0123456789abcdef1' is not a Route 53 Profile ID (rp- and hex digits, like rp-0123456789abcdef)",
        "'[vpc-0123456789abcdef1,'|'[vpc-01234567890,'|@.hostedZones.exposeTo.vpcs[0]: 'vpc-01234567890' is not a VPC ID (vpc- and 8 or 17 hex digits)",
        "'region: eu-west-2}'|'region: west}'|@.hostedZones.exposeTo.vpcs[1].region: 'west' is not an AWS region (like eu-west-1)",
        "'{vpc: vpc-0123456789abcdef2, region: eu-west-2}'|'{vpc: vpc-0123456789abcdef1}'|@.hostedZones.exposeTo.vpcs[1]: vpc-0123456789abcdef1 (eu-west-1) is listed twice (also [0]); keep one",
        "'{vpc: vpc-0123456789abcdef2, region: eu-west-2}'|'{region: eu-west-2}'|@.hostedZones.exposeTo.vpcs[1]: missing; give the VPC's ID, like vpc-0123456789abcdef0",
        "'{vpc: vpc-0123456789abcdef2, region: eu-west-2}'|'{vpc: vpc-0123456789abcdef2, id: x}'|catalogs[0].hostedZones.exposeTo.vpcs[1].id: unknown key 'id'; known keys here: [vpc, region]",
        "'hostedZones:'|'hostedZone:'|catalogs[0].hostedZone: unknown key 'hostedZone'",
        "'      create: true'|'      creat: true'|catalogs[0].hostedZones.creat: unknown key 'creat'; known keys here: [createIn, create, exposeTo]",
        "'    internal: {masters: [10.20.0.53],'|'    \"\": {masters: [10.20.0.53],'|@.groups: a group name is empty; RFC 9432 group properties are non-empty TXT strings: name the group as the catalog's members do",
        "'masters: [10.20.0.53]'|'masters: []'|@.groups.internal.masters: at least one master (host or host:port) is required",
        "'tsig: g.,'|'tsig: h.,'|@.groups.internal.tsig: no key named h. in tsigKeys [k., g.]",
        "'safety: {minZoneRRsets: 50}'|'safety: {minZoneRRsets: -50}'|@.groups.internal.safety: minZoneRRsets must be >= 0, got -50",
        "'lab: {zoneCuts: delegate,'|'lab: {zoneCuts: always,'|@.groups.lab.zoneCuts: 'always' is not skip or delegate (skip: the zone's delegations are reported and nothing at or below them is mirrored; delegate: the NS and glue of the cuts listed in the zone's delegations are mirrored, for Route 53 Resolver DELEGATE rules)",
        "'lab: {zoneCuts: delegate,'|'lab: {fullReconcileEvery: 5m,'|@.groups.lab.fullReconcileEvery: 5m is shorter than the minimum of 1h: each full reconcile reads the whole hosted zone (about 34 Route 53 requests for 10,000 RRsets) out of the account's shared request quota; use 1h or more, or off",
        "'lab: {zoneCuts: delegate,'|'lab: {schedule: rate(1 hour),'|catalogs[0].groups.lab.schedule: unknown key 'schedule'",
        "'metrics: detailed}'|'metrics: all}'|@.defaults.metrics: 'all' is not summary or detailed (summary: the zone counts in the function-level metrics only; detailed: it also gets per-zone metrics and alarms)",
        "'metrics: detailed}'|'delegations: [x.corp.example.]}'|catalogs[0].defaults.delegations: unknown key 'delegations'",
        "'shrink: {maxRemoveFraction: 0.5}'|'shrink: {maxRemoveFraction: 1.5}'|@.shrink: maxRemoveFraction must be within 0..1, got 1.5",
        "'shrink: {maxRemoveFraction: 0.5}'|'shrink: {minMembers: -1}'|@.shrink: minMembers must be >= 0, got -1",
        "'shrink: {maxRemoveFraction: 0.5}'|'shrink: {maxRemove: 0.5}'|catalogs[0].shrink.maxRemove: unknown key 'maxRemove'; known keys here: [maxRemoveFraction, minMembers]",
        "'timeouts: {transfer: 2m}'|'timeouts: {transfer: later}'|@.timeouts.transfer: 'later' is not a duration; write e.g. 500ms, 3s, 2m, 1h or PT3S",
        "'timeouts: {transfer: 2m}'|'limits: {maxTransferRecords: 1}'|@.timeouts/limits: maxRecords >= 2 and maxBytes >= 512 required",
        "'name: catalog.corp.example.'|'name: lab.example.'|catalogs[0] (lab.example.).name: lab.example. is also configured as zones[0] (lab.example.): one zone is either a catalog or a zone to mirror; remove one of them",
        "'hostedZoneId: ZCAT'|'hostedZoneId: ZLAB'|@.hostedZoneId: ZLAB is also the hosted zone of zones[0] (lab.example.): a catalog needs a private hosted zone of its own (zonesync keeps its members' records there)",
      })
  void parse_whenCatalogInvalid_namesCatalogAndField(String from, String to, String message) {
    String yaml = edit(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    String expected = message.replace("@", AT);
    if (expected.contains("unknown key")) {
      assertThat(problems(yaml)).singleElement().asString().startsWith(expected);
    } else {
      assertThat(problems(yaml)).containsExactly(expected);
    }
  }

  @Test
  void parse_whenGroupNameTooLong_saysHowLongItMayBe() {
    String group = "g".repeat(256);
    assertThat(problems(edit("    lab: {", "    " + group + ": {")))
        .containsExactly(
            AT
                + ".groups."
                + group
                + ": the name has 256 octets; a group name has at most 255 (zonesync records it"
                + " beside each member)");
  }

  @Test
  void parse_whenCatalogDefaultsInvalid_namesEachTemplateThatUsesThem() {
    // a block of the catalog's defaults is checked where it is used, like a zone's: the defaults
    // and each group (the scalars, like metrics, are checked once)
    assertThat(problems(edit("safety: {maxUpdateFraction: 0.4}", "safety: {maxUpdateFraction: 2}")))
        .containsExactly(
            AT + ".defaults.safety: maxUpdateFraction must be within 0..1, got 2.0",
            AT + ".groups.internal.safety: maxUpdateFraction must be within 0..1, got 2.0",
            AT + ".groups.lab.safety: maxUpdateFraction must be within 0..1, got 2.0");
  }

  @Test
  void parse_whenTwoCatalogsShareANameOrAHostedZone_refusesTheSecond() {
    String second =
        """
          - name: Catalog.Corp.Example
            hostedZoneId: ZCAT
            masters: [10.10.0.53]
            tsig: none
            allow: ["*.corp.example."]
        """;
    assertThat(problems(CONFIG + second))
        .containsExactly(
            "catalogs[1] (Catalog.Corp.Example).name: catalog.corp.example. is listed twice (also "
                + AT
                + "); keep one",
            "catalogs[1] (Catalog.Corp.Example).hostedZoneId: ZCAT is also the hosted zone of "
                + AT
                + ": a catalog needs a private hosted zone of its own (zonesync keeps its members'"
                + " records there)");
  }

  @Test
  void parse_whenAStringVpcHasNoCreateInToTakeTheRegionFrom_saysWhatToWrite() {
    String yaml =
        edit(
            "      create: true\n      createIn: {vpc: vpc-0123456789abcdef0, region: eu-west-1}\n",
            "");
    assertThat(problems(yaml))
        .containsExactly(
            AT
                + ".hostedZones.exposeTo.vpcs[0]: vpc-0123456789abcdef1 has no region, and there is"
                + " no createIn to take it from; write {vpc: vpc-0123456789abcdef1, region:"
                + " eu-west-1}");
  }

  @Test
  void parse_whenEntryEmpty_saysWhich() {
    assertThat(problems(CONFIG + "  - null\n")).containsExactly("catalogs[1]: empty entry");
  }

  @Test
  void parse_whenTopLevelKeyUnknown_listsCatalogsAmongTheKnownKeys() {
    assertThat(problems(CONFIG + "catalog: []\n"))
        .singleElement()
        .asString()
        .matches("catalog: unknown key 'catalog'; known keys here: \\[.*\\bcatalogs\\b.*]");
  }

  @Test
  void load_ssmPathFragments_concatenateCatalogs() {
    java.util.TreeMap<String, String> params = new java.util.TreeMap<>();
    params.put("/zs/0-global", "version: 1\n");
    for (String c : List.of("a", "b")) {
      params.put(
          "/zs/catalogs-" + c,
          "catalogs: [{name: "
              + c
              + ".catalog.example., hostedZoneId: Z"
              + c.toUpperCase(java.util.Locale.ROOT)
              + ", masters: [192.0.2.1], tsig: none, allow: [\"*.corp.example.\"]}]\n");
    }
    ParameterSource ssm =
        new ParameterSource() {
          @Override
          public String get(String name) {
            throw new AssertionError();
          }

          @Override
          public java.util.SortedMap<String, String> byPath(String path) {
            return params;
          }
        };
    Settings s = new ConfigLoader(() -> ssm).load("ssm-path:/zs");
    assertThat(s.catalogs())
        .extracting(c -> c.name().text())
        .containsExactly("a.catalog.example.", "b.catalog.example.");
  }
}
