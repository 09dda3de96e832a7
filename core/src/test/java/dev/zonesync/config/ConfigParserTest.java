package dev.zonesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.Samples;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RrType;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParserTest {

  private static final String MINIMAL =
      """
      version: 1
      tsigKeys:
        - name: k.
          secret: {env: K}
      zones:
        - name: corp.example.
          hostedZoneId: Z123
          masters: [192.0.2.53]
          tsig: k.
      """;

  @Test
  void parse_sampleConfig_resolvesDefaultsAndOverrides() throws IOException {
    Settings s =
        ConfigParser.parse(
            Files.readString(Samples.sample("zonesync.yaml")), "samples/zonesync.yaml");
    assertThat(s.zones()).hasSize(2);
    ZoneSettings corp = s.zones().get(0);
    assertThat(corp.name()).isEqualTo(DnsName.of("corp.example."));
    assertThat(corp.masters())
        .containsExactly(new Master("10.10.0.53", 53), new Master("10.20.0.53", 53));
    assertThat(corp.tsig().name()).isEqualTo(DnsName.of("zonesync-transfer."));
    assertThat(corp.tsig().algorithm()).isEqualTo("hmac-sha256");
    assertThat(corp.rules().isPreserved(DnsName.of("aws-lb.corp.example."), RrType.A)).isTrue();
    assertThat(corp.rules().isPreserved(DnsName.of("_acme-challenge.corp.example."), RrType.A))
        .isFalse();
    assertThat(corp.source().queryTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(corp.safety().maxDeleteFraction()).isEqualTo(0.30);
    ZoneSettings rev = s.zones().get(1);
    assertThat(rev.safety().maxDeleteFraction()).isEqualTo(0.10);
    assertThat(rev.safety().maxUpdateFraction()).isEqualTo(0.30);
    assertThat(s.route53().requestsPerSecond()).isEqualTo(8);
  }

  @Test
  void parse_acceptsTheKeysOnlyTheCdkAppReads() {
    String yaml =
        MINIMAL
            + "    schedule: rate(10 minutes)\n    alarms: {staleAfter: 1h}\n"
            + "deployment: {account: \"111122223333\", region: eu-west-1}\n";
    assertThat(ConfigParser.parse(yaml, "t").zones()).hasSize(1);
  }

  @Test
  void parse_minimal_usesRoute53Defaults() {
    ZoneSettings z = ConfigParser.parse(MINIMAL, "t").zones().get(0);
    assertThat(z.batch().maxValues()).isEqualTo(1000);
    assertThat(z.batch().maxValueChars()).isEqualTo(32000);
    assertThat(z.rules().managedTypes()).isEqualTo(RrType.ROUTE53_TYPES);
    assertThat(z.hostedZoneName()).isEqualTo(z.name());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'missing tsig'|'    tsig: none\\n'|'tsig: k.'|''",
        "'unknown tsig key'|'tsig: k.'|'tsig: other.'|'zones[0] (corp.example.).tsig: no key named other.'",
        "'bad master'|'[192.0.2.53]'|'[\"192.0.2.53:99999\"]'|'zones[0] (corp.example.).masters[0]'",
        "'no masters'|'[192.0.2.53]'|'[]'|'zones[0] (corp.example.).masters: at least one master'",
        "'bad hosted zone id'|'Z123'|'zone-123'|'hostedZoneId: ''zone-123'' is not a hosted zone ID'",
        "'unknown key'|'    tsig: k.'|'    tsig: k.\\n    tsgi: none'|'unknown key ''tsgi'''",
        "'bad version'|'version: 1'|'version: 2'|'version: must be 1'",
        "'bad zone name'|'name: corp.example.'|'name: \"corp..example\"'|'zones[0] (corp..example).name'"
      })
  void parse_whenInvalid_namesZoneAndField(String what, String from, String to, String message) {
    String yaml = MINIMAL.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    if (what.equals("missing tsig")) {
      yaml = MINIMAL.replace("    tsig: k.\n", "");
      message =
          "zones[0] (corp.example.).tsig: missing; name a key from tsigKeys, or write 'tsig: none'";
    }
    String y = yaml;
    assertThatThrownBy(() -> ConfigParser.parse(y, "test.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining(message);
  }

  @Test
  void parse_route53ChangePacing_readsBothFields() {
    Settings s =
        ConfigParser.parse(MINIMAL + "route53: {changesPerSecond: 40.5, changesBurst: 300}\n", "t");
    assertThat(s.route53().changesPerSecond()).isEqualTo(40.5);
    assertThat(s.route53().changesBurst()).isEqualTo(300);
    assertThat(s.route53().requestsPerSecond()).as("untouched").isEqualTo(8);
  }

  @Test
  void parse_withoutChangePacing_usesTheDefaultCeilings() {
    Settings s = ConfigParser.parse(MINIMAL + "route53: {requestsPerSecond: 5}\n", "t");
    assertThat(s.route53().changesPerSecond()).isEqualTo(2000);
    assertThat(s.route53().changesBurst()).isEqualTo(1000);
    assertThat(ConfigParser.parse(MINIMAL, "t").route53().changesBurst()).isEqualTo(1000);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'changesPerSecond: 0'|'route53.changesPerSecond must be a positive number of record changes per second, got 0.0'",
        "'changesPerSecond: -3'|'route53.changesPerSecond must be a positive number of record changes per second, got -3.0'",
        "'changesBurst: 0'|'route53.changesBurst must be >= 1 (record changes sent back to back before pacing), got 0'",
        "'changesBurst: many'|'changesBurst'"
      })
  void parse_whenChangePacingInvalid_namesTheField(String entry, String message) {
    String yaml = MINIMAL + "route53: {" + entry + "}\n";
    assertThatThrownBy(() -> ConfigParser.parse(yaml, "test.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining(message);
  }

  @Test
  void parse_whenExecutionMissing_runsFourZonesAtOnce() {
    assertThat(ConfigParser.parse(MINIMAL, "t").execution().concurrency()).isEqualTo(4);
    assertThat(ConfigParser.parse(MINIMAL + "execution: {}\n", "t").execution().concurrency())
        .isEqualTo(4);
  }

  @ParameterizedTest(name = "concurrency {0}")
  @CsvSource({"1", "8", "32"})
  void parse_executionConcurrency_readsTheValue(int concurrency) {
    Settings s =
        ConfigParser.parse(MINIMAL + "execution: {concurrency: " + concurrency + "}\n", "t");
    assertThat(s.execution().concurrency()).isEqualTo(concurrency);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'concurrency: 0'|'execution.concurrency must be within 1..32 (zones synced at once; 1 runs them one after another), got 0'",
        "'concurrency: 33'|'execution.concurrency must be within 1..32 (zones synced at once; 1 runs them one after another), got 33'",
        "'concurrency: x'|'execution.concurrency: Cannot deserialize value of type `java.lang.Integer` from String \"x\"'",
        "'concurency: 8'|'execution.concurency: unknown key ''concurency''; known keys here: [concurrency, unchangedCheckEvery]'",
        "'unchangedCheckEvery: 2h'|'execution.unchangedCheckEvery must be within 0s..1h (how long the marker a run read stands for an unchanged zone; 0s reads it every run), got 2h'",
        "'unchangedCheckEvery: soon'|'execution.unchangedCheckEvery: '"
      })
  void parse_whenExecutionInvalid_namesTheFieldAndRange(String entry, String message) {
    String yaml = MINIMAL + "execution: {" + entry + "}\n";
    assertThatThrownBy(() -> ConfigParser.parse(yaml, "test.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining(message);
  }

  @Test
  void parse_whenUnchangedCheckEveryGiven_keepsIt_elseEveryRunReads() {
    assertThat(
            ConfigParser.parse(MINIMAL + "execution: {unchangedCheckEvery: 15m}\n", "t")
                .execution()
                .unchangedCheckEvery())
        .isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(ConfigParser.parse(MINIMAL, "t").execution().unchangedCheckEvery()).isZero();
  }

  @Test
  void parse_whenTopLevelKeyUnknown_listsExecutionAmongTheKnownKeys() {
    assertThatThrownBy(() -> ConfigParser.parse(MINIMAL + "exectuion: {concurrency: 2}\n", "t"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'exectuion'")
        .hasMessageMatching("(?s).*known keys here: \\[[^]]*\\bexecution\\b[^]]*].*");
  }

  @Test
  void parse_collectsEveryProblemAtOnce() {
    String yaml =
        MINIMAL
            .replace("[192.0.2.53]", "[]")
            .replace("Z123", "bad id")
            .replace("tsig: k.", "tsig: nope.");
    ConfigException e = (ConfigException) catchThrowable(() -> ConfigParser.parse(yaml, "t"));
    assertThat(e.problems()).hasSize(3);
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  @Test
  void parse_whenWrongType_saysWhere() {
    String yaml = MINIMAL.replace("masters: [192.0.2.53]", "masters: {a: 1}");
    assertThatThrownBy(() -> ConfigParser.parse(yaml, "t"))
        .hasMessageContaining("zones[0].masters");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'safety: {maxDeleteFraction: 1.5}'|'safety: maxDeleteFraction must be within 0..1'",
        "'batch: {maxValues: 2000}'|'batch.maxValues: 2000 is above Route 53''s limit of 1000'",
        "'ttl: {min: 600, max: 60}'|'.ttl: ttl policy needs'",
        "'timeouts: {query: soon}'|'timeouts.query: ''soon'' is not a duration'",
        "'types: [HINFO]'|'types: HINFO cannot be managed'",
        "'hostedZoneName: other.example.'|'hostedZoneName: other.example. does not contain the zone corp.example.'"
      })
  void parse_whenZoneOptionInvalid_namesIt(String option, String message) {
    String yaml = MINIMAL + "    " + option + "\n";
    assertThatThrownBy(() -> ConfigParser.parse(yaml, "t"))
        .hasMessageContaining("zones[0] (corp.example.)")
        .hasMessageContaining(message);
  }

  @Test
  void parse_withoutFullReconcileEvery_reconcilesEachZoneDaily() {
    assertThat(ConfigParser.parse(MINIMAL, "t").zones().get(0).fullReconcileEvery())
        .isEqualTo(Duration.ofHours(24));
  }

  @ParameterizedTest(name = "defaults {0}, zone {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "-      | 90m     | PT1H30M",
        "-      | 1h      | PT1H",
        "-      | 720h    | PT720H",
        "-      | P30D    | PT720H",
        "-      | 6h      | PT6H",
        "-      | off     | -",
        "-      | \"OFF\" | -",
        "12h    | -       | PT12H",
        "off    | -       | -",
        "off    | 48h     | PT48H",
        "12h    | off     | -"
      })
  void parse_fullReconcileEvery_zoneOverridesDefaults(
      String defaults, String zone, String expected) {
    String yaml = MINIMAL;
    if (zone != null) {
      yaml += "    fullReconcileEvery: " + zone + "\n";
    }
    if (defaults != null) {
      yaml += "defaults: {fullReconcileEvery: " + defaults + "}\n";
    }
    assertThat(ConfigParser.parse(yaml, "t").zones().get(0).fullReconcileEvery())
        .isEqualTo(expected == null ? null : Duration.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'    fullReconcileEvery: 30m'|'zones[1] (corp.example.).fullReconcileEvery: 30m is shorter than the minimum of 1h: each full reconcile reads the whole hosted zone (about 34 Route 53 requests for 10,000 RRsets) out of the account''s shared request quota; use 1h or more, or off'",
        "'    fullReconcileEvery: 3599s'|'zones[1] (corp.example.).fullReconcileEvery: 3599s is shorter than the minimum of 1h'",
        "'    fullReconcileEvery: 721h'|'zones[1] (corp.example.).fullReconcileEvery: 721h is longer than the maximum of 720h (30 days): drift in the hosted zone would go unrepaired that long; use at most 720h, or off'",
        "'    fullReconcileEvery: P31D'|'zones[1] (corp.example.).fullReconcileEvery: P31D is longer than the maximum of 720h'",
        "'    fullReconcileEvery: daily'|'zones[1] (corp.example.).fullReconcileEvery: ''daily'' is not a duration; write e.g. 500ms, 3s, 2m, 1h or PT3S, or off'",
        "'    fullReconcileEvery: 0'|'zones[1] (corp.example.).fullReconcileEvery: 0 is shorter than the minimum of 1h'",
        "'    fullReconcileEvery: -2h'|'zones[1] (corp.example.).fullReconcileEvery: -2h is shorter than the minimum of 1h'",
        "'defaults: {fullReconcileEvery: 10m}'|'defaults.fullReconcileEvery: 10m is shorter than the minimum of 1h'"
      })
  void parse_whenFullReconcileEveryInvalid_namesTheField(String entry, String message) {
    // The zone under test is the second one, so the index in the message is checked too.
    String yaml =
        MINIMAL.replace("corp.example.", "other.example.").replace("Z123", "Z999")
            + """
              - name: corp.example.
                hostedZoneId: Z123
                masters: [192.0.2.53]
                tsig: k.
            """
            + entry
            + "\n";
    assertThatThrownBy(() -> ConfigParser.parse(yaml, "test.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining(message);
  }

  @Test
  void parse_whenDefaultFullReconcileEveryInvalid_reportsItOnceNotPerZone() {
    String yaml = MINIMAL + "defaults: {fullReconcileEvery: 10m}\n";
    ConfigException e = (ConfigException) catchThrowable(() -> ConfigParser.parse(yaml, "t"));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).startsWith("defaults.fullReconcileEvery: 10m");
  }

  @Test
  void parse_whenTwoSourceZonesShareAHostedZone_excludesTheNestedOneFromItsParent() {
    String yaml =
        MINIMAL
            + """
              - name: _msdcs.corp.example.
                hostedZoneId: Z123
                hostedZoneName: corp.example.
                masters: [192.0.2.53]
                tsig: k.
            """;
    Settings s = ConfigParser.parse(yaml, "t");
    assertThat(s.zones().get(0).rules().excludedSubtrees())
        .containsExactly(DnsName.of("_msdcs.corp.example."));
    assertThat(s.zones().get(1).rules().ownsSoaSerial()).isFalse();
    assertThat(s.zones().get(0).rules().ownsSoaSerial()).isTrue();
  }

  @Test
  void parse_whenInputHuge_refusesBeforeParsing() {
    String yaml = MINIMAL + "#" + "x".repeat(ConfigParser.MAX_CONFIG_BYTES);
    assertThatThrownBy(() -> ConfigParser.parse(yaml, "t")).hasMessageContaining("larger than");
  }

  @Test
  void select_whenZoneUnknown_listsConfiguredZones() {
    Settings s = ConfigParser.parse(MINIMAL, "t");
    assertThat(s.select(List.of("CORP.example"))).hasSize(1);
    assertThatThrownBy(() -> s.select(List.of("nope.example.")))
        .hasMessageContaining("unknown zone(s) [nope.example.]")
        .hasMessageContaining("corp.example.");
  }

  @Test
  void load_ssmPathFragments_concatenateZonesAndKeys() {
    TreeMap<String, String> params = new TreeMap<>();
    params.put("/zs/0-global", "version: 1\ntsigKeys: [{name: k., secret: {env: K}}]\n");
    params.put(
        "/zs/zones-1",
        "{\"zones\": [{\"name\": \"a.example.\", \"hostedZoneId\": \"ZA\", \"masters\": [\"192.0.2.1\"], \"tsig\": \"k.\"}]}");
    params.put(
        "/zs/zones-2",
        "{\"zones\": [{\"name\": \"b.example.\", \"hostedZoneId\": \"ZB\", \"masters\": [\"192.0.2.1\"], \"tsig\": \"none\"}]}");
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
    assertThat(s.zones())
        .extracting(z -> z.name().text())
        .containsExactly("a.example.", "b.example.");
    params.put("/zs/zones-3", "version: 1\n");
    assertThatThrownBy(() -> new ConfigLoader(() -> ssm).load("ssm-path:/zs"))
        .hasMessageContaining("'version' appears in both /zs/0-global and /zs/zones-3");
  }

  @Test
  void load_whenFileMissing_saysWhichFile() {
    assertThatThrownBy(() -> new ConfigLoader(() -> null).load("/nonexistent/zonesync.yaml"))
        .hasMessageContaining("/nonexistent/zonesync.yaml does not exist");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "hmac-md5, hmac-md5 must not be used for TSIG (RFC 8945 section 6",
    "HMAC-SHA1, hmac-sha1 is not recommended for TSIG (RFC 8945 section 6"
  })
  void weakAlgorithm_whenMd5OrSha1_explainsWhyAndWhatToUseInstead(String algorithm, String why) {
    String yaml =
        MINIMAL.replace("secret: {env: K}", "algorithm: " + algorithm + "\n    secret: {env: K}");
    TsigKeySpec key = ConfigParser.parse(yaml, "t").zones().get(0).tsig();
    assertThat(key.weakAlgorithm())
        .startsWith(why)
        .contains("hmac-sha256 key on the masters (tsig-keygen -a hmac-sha256)");
  }

  @ParameterizedTest
  @CsvSource({"hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"})
  void weakAlgorithm_whenSha2_isNull(String algorithm) {
    String yaml =
        MINIMAL.replace("secret: {env: K}", "algorithm: " + algorithm + "\n    secret: {env: K}");
    assertThat(ConfigParser.parse(yaml, "t").zones().get(0).tsig().weakAlgorithm()).isNull();
  }
}
