package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.infra.config.ConfigException;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.Master;
import dev.zonesync.infra.config.Zone;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and validation of the config, without a synth. */
class ZoneSyncConfigTest {

  @Test
  void parse_whenSample_readsDeploymentAndZones() {
    ZoneSyncConfig c = ZoneSyncConfig.parse(Synth.sampleYaml());
    Deployment d = c.deployment();
    assertThat(d.name()).isEqualTo("zonesync");
    assertThat(d.account()).isEqualTo("111122223333");
    assertThat(d.region()).isEqualTo("eu-west-1");
    assertThat(d.vpc().subnetIds()).hasSize(2);
    assertThat(d.function()).isEqualTo(new Deployment.Function(1024, 300, 90));
    // Each zone's fullReconcileEvery replaces the one full run of every zone.
    assertThat(d.scheduler().fullReconcile()).isEmpty();
    assertThat(d.scheduler().zonesPerSchedule()).isEqualTo(50);
    assertThat(c.engine().zones().get(0).fullReconcileEvery())
        .isEqualTo(java.time.Duration.ofHours(24));
    assertThat(d.hostedZones().vpcs())
        .containsExactly(new Deployment.VpcAssociation("vpc-0123456789abcdef0", "eu-west-1"));
    assertThat(c.zones())
        .extracting(z -> z.name())
        .containsExactly("corp.example.", "10.in-addr.arpa.");
    assertThat(c.zones().get(1).masters())
        .containsExactly(
            new Master("10.10.0.53", 53, Master.Kind.IPV4),
            new Master("10.20.0.53", 53, Master.Kind.IPV4));
    assertThat(c.engineConfig().has("deployment")).isFalse();
  }

  @ParameterizedTest(name = "fullReconcile: {0}")
  @CsvSource({"off", "'\"OFF\"'", "false"})
  void parse_whenFullReconcileIsOff_schedulesNoFullRun(String value) {
    String yaml =
        TestConfigs.MINIMAL.replace(
            "region: eu-west-1", "region: eu-west-1\n  scheduler: {fullReconcile: " + value + "}");
    assertThat(ZoneSyncConfig.parse(yaml).deployment().scheduler().fullReconcile()).isEmpty();
    assertThat(
            ZoneSyncConfig.parse(
                    TestConfigs.MINIMAL.replace(
                        "region: eu-west-1",
                        "region: eu-west-1\n  scheduler: {fullReconcile: \"cron(0 4 * * ? *)\"}"))
                .deployment()
                .scheduler()
                .fullReconcile())
        .contains("cron(0 4 * * ? *)");
  }

  @Test
  void parse_whenMastersAreSharedThroughAnAnchor_readsThemAsTheFunctionDoes() {
    String yaml =
        TestConfigs.MINIMAL
            .replace("masters: [10.10.0.53, 10.20.0.53]", "masters: &dcs [10.10.0.53, 10.20.0.53]")
            .replace("masters: [10.10.0.53]\n", "masters: *dcs\n");
    ZoneSyncConfig c = ZoneSyncConfig.parse(yaml);
    assertThat(c.zones().get(1).masters())
        .containsExactly(
            new Master("10.10.0.53", 53, Master.Kind.IPV4),
            new Master("10.20.0.53", 53, Master.Kind.IPV4));
    assertThat(c.engine().zones().get(1).masters()).hasSize(2);
  }

  @Test
  void parse_whenAnAliasHasNoAnchor_failsNamingTheFile() {
    String yaml = TestConfigs.MINIMAL.replace("masters: [10.10.0.53]\n", "masters: *nowhere\n");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("(file): ")
        .hasMessageContaining("nowhere");
  }

  @Test
  void parse_whenDeploymentKeysOmitted_appliesDefaults() {
    Deployment d = ZoneSyncConfig.parse(TestConfigs.MINIMAL).deployment();
    assertThat(d.name()).isEqualTo("zonesync");
    assertThat(d.function()).isEqualTo(new Deployment.Function(1024, 300, 90));
    assertThat(d.scheduler())
        .isEqualTo(
            new Deployment.Scheduler(
                "rate(5 minutes)", Optional.empty(), Optional.empty(), 2, 300, 0, 4, 50));
    assertThat(d.securityGroup().httpsEgressCidrs()).containsExactly("0.0.0.0/0");
    assertThat(d.vpc().interfaceEndpoints()).isEmpty();
    assertThat(d.vpc().endpointSubnetIds()).isEqualTo(d.vpc().subnetIds());
  }

  @Test
  void parse_whenKeyUnknownToTheEngine_failsAtSynthWithTheEnginesMessage() {
    // What the function would refuse on every run must never deploy.
    assertThatThrownBy(
            () ->
                ZoneSyncConfig.parse(
                    TestConfigs.MINIMAL.replace(
                        "    tsig: none\n", "    tsig: none\n    someFutureEngineKey: {a: 1}\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid configuration as deployed (the function's own parser)")
        .hasMessageContaining("zones[1].someFutureEngineKey: unknown key 'someFutureEngineKey'");
  }

  @Test
  void parse_whenTwoSourceZonesShareAHostedZone_deploysBoth() {
    // The README's Active Directory recipe: corp.example. and _msdcs.corp.example. in one zone.
    ZoneSyncConfig c =
        ZoneSyncConfig.parse(
            TestConfigs.MINIMAL.replace(
                "  - name: lab.example.\n    hostedZoneId: Z0987654321ABCDEFGHIJ\n",
                "  - name: _msdcs.corp.example.\n    hostedZoneId: Z0123456789ABCDEFGHIJ\n"
                    + "    hostedZoneName: corp.example.\n"));
    assertThat(c.zones())
        .extracting(Zone::name)
        .containsExactly("corp.example.", "_msdcs.corp.example.");
    assertThat(c.engine().zones().get(0).rules().excludedSubtrees())
        .extracting(n -> n.text())
        .containsExactly("_msdcs.corp.example.");
  }

  @Test
  void parse_whenExecutionSet_deploysItWithTheOtherEngineKeys() {
    ZoneSyncConfig c =
        ZoneSyncConfig.parse(
            TestConfigs.MINIMAL.replace("zones:\n", "execution: {concurrency: 12}\nzones:\n"));
    // the engine's parser ran over the fragments the stack deploys: the block travelled with them
    assertThat(c.engine().execution().concurrency()).isEqualTo(12);
    assertThat(ZoneSyncConfig.parse(TestConfigs.MINIMAL).engine().execution().concurrency())
        .isEqualTo(4);
    // 200 zones take several SSM parameters: the block still reaches the function exactly once
    ZoneSyncConfig many =
        ZoneSyncConfig.parse(
            TestConfigs.manyZones(200)
                .replace("zones:\n", "execution: {concurrency: 16}\nzones:\n"));
    assertThat(many.engine().execution().concurrency()).isEqualTo(16);
    assertThat(many.engine().zones()).hasSize(200);
  }

  @Test
  void parse_whenMastersHavePortsIpv6AndHostnames_readsEach() {
    ZoneSyncConfig c =
        ZoneSyncConfig.parse(
            TestConfigs.MINIMAL
                .replace(
                    "masters: [10.10.0.53]",
                    "masters: [\"10.10.0.54:5353\", \"[2001:db8::53]:53\", \"2001:db8::54\","
                        + " NS1.Corp.Example.]")
                .replace(
                    "  vpc:\n",
                    "  securityGroup:\n    masterCidrs: {ns1.corp.example: [10.30.0.0/24]}\n  vpc:\n"));
    assertThat(c.zones().get(1).masters())
        .containsExactly(
            new Master("10.10.0.54", 5353, Master.Kind.IPV4),
            new Master("2001:db8:0:0:0:0:0:53", 53, Master.Kind.IPV6),
            new Master("2001:db8:0:0:0:0:0:54", 53, Master.Kind.IPV6),
            new Master("ns1.corp.example", 53, Master.Kind.HOSTNAME));
  }

  /** Each row: text replaced in {@link TestConfigs#MINIMAL}, its replacement, the field named. */
  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          'deployment:'                        | 'unused:'                                 | deployment
          'account: "111122223333"'            | 'account: 111122223333'                   | deployment.account
          'account: "111122223333"'            | 'account: "1111"'                         | deployment.account
          'region: eu-west-1'                  | 'region: Ireland'                         | deployment.region
          'region: eu-west-1'                  | 'region: eu-west-1\\n  nam: x'           | deployment.nam
          '  vpc:'                             | '  vpc_:'                                 | deployment.vpc
          'id: vpc-0123456789abcdef0'          | 'id: vpc-xyz'                             | deployment.vpc.id
          'subnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]' | 'subnetIds: []' | deployment.vpc.subnetIds
          ', subnet-0fedcba9876543210]'        | ', subnet-12]'                            | deployment.vpc.subnetIds[1]
          ', subnet-0fedcba9876543210]'        | ', subnet-0123456789abcdef0]'             | deployment.vpc.subnetIds[1]
          ', subnet-0fedcba9876543210]'        | ']\\n    subnetId: subnet-0fedcba9876543210' | deployment.vpc.subnetId
          ', subnet-0fedcba9876543210]'        | ']\\n    interfaceEndpoints: [s3]'         | deployment.vpc.interfaceEndpoints[0]
          'region: eu-west-1'                  | 'region: eu-west-1\\n  function: {memoryMb: 64}' | deployment.function.memoryMb
          'region: eu-west-1'                  | 'region: eu-west-1\\n  function: {timeout: 20m}' | deployment.function.timeout
          'region: eu-west-1'                  | 'region: eu-west-1\\n  function: {timeout: 300}' | deployment.function.timeout
          'region: eu-west-1'                  | 'region: eu-west-1\\n  function: {logRetentionDays: 10}' | deployment.function.logRetentionDays
          'region: eu-west-1'                  | 'region: eu-west-1\\n  scheduler: {fullReconcile: daily}' | deployment.scheduler.fullReconcile
          'region: eu-west-1'                  | 'region: eu-west-1\\n  scheduler: {fullReconcile: "cron(0 3 * * 1 *)"}' | deployment.scheduler.fullReconcile
          'region: eu-west-1'                  | 'region: eu-west-1\\n  scheduler: {timezone: Mars/Olympus}' | deployment.scheduler.timezone
          'region: eu-west-1'                  | 'region: eu-west-1\\n  scheduler: {nestedStacks: 0}' | deployment.scheduler.nestedStacks
          'region: eu-west-1'                  | 'region: eu-west-1\\n  scheduler: {zonesPerSchedule: 0}' | deployment.scheduler.zonesPerSchedule
          'region: eu-west-1'                  | 'region: eu-west-1\\n  scheduler: {zonesPerSchedule: 501}' | deployment.scheduler.zonesPerSchedule
          'region: eu-west-1'                  | 'region: eu-west-1\\n  scheduler: {zonesPerSchedule: many}' | deployment.scheduler.zonesPerSchedule
          'region: eu-west-1'                  | 'region: eu-west-1\\n  scheduler: {maxEventAge: 10s}' | deployment.scheduler.maxEventAge
          'region: eu-west-1'                  | 'region: eu-west-1\\n  securityGroup: {httpsEgressCidrs: []}' | deployment.securityGroup.httpsEgressCidrs
          'region: eu-west-1'                  | 'region: eu-west-1\\n  securityGroup: {httpsEgressCidrs: [10.0.0.0/33]}' | deployment.securityGroup.httpsEgressCidrs[0]
          'region: eu-west-1'                  | 'region: eu-west-1\\n  securityGroup: {masterCidrs: {ns9.corp.example: [10.0.0.0/8]}}' | deployment.securityGroup.masterCidrs.ns9.corp.example
          'region: eu-west-1'                  | 'region: eu-west-1\\n  hostedZones: {vpcs: [{id: vpc-1}]}' | deployment.hostedZones.vpcs[0].id
          'region: eu-west-1'                  | 'region: eu-west-1\\n  tsigSecretKmsKeyArns: [alias/x]' | deployment.tsigSecretKmsKeyArns[0]
          'region: eu-west-1'                  | 'region: eu-west-1\\n  name: 1zonesync' | deployment.name
          '    hostedZoneId: Z0987654321ABCDEFGHIJ\\n' | ''                                | zones[1].hostedZoneId
          'hostedZoneId: Z0987654321ABCDEFGHIJ' | 'hostedZoneId: Z0123456789ABCDEFGHIJ'     | (engine) zones[1] (lab.example.).hostedZoneName: hosted zone Z0123456789ABCDEFGHIJ is named both
          'hostedZoneId: Z0987654321ABCDEFGHIJ' | 'hostedZoneId: hostedzone-1'              | (engine) zones[1] (lab.example.).hostedZoneId: 'hostedzone-1' is not a hosted zone ID
          'hostedZoneId: Z0987654321ABCDEFGHIJ' | 'hostedZoneId: Z0987654321ABCDEFGHIJ\\n    createHostedZone: true' | zones[1].createHostedZone
          'masters: [10.10.0.53]'              | 'masters: [10.10.0.300]'                   | zones[1].masters[0]
          'masters: [10.10.0.53]'              | 'masters: []'                              | (engine) zones[1] (lab.example.).masters: at least one master
          'masters: [10.10.0.53]'              | 'masters: [ns1.corp.example]'              | zones[1].masters[0]
          'masters: [10.10.0.53]'              | 'masters: ["10.10.0.53:0"]'                | (engine) zones[1] (lab.example.).masters[0]: master '10.10.0.53:0'
          '    tsig: none'                     | '    tsig: none\\n    schedule: rate(1 minutes)' | zones[1].schedule
          '    tsig: none'                     | '    tsig: none\\n    schedule: every 5 minutes' | zones[1].schedule
          '    tsig: none'                     | '    tsig: none\\n    createHostedZone: "yes"' | zones[1].createHostedZone
          'name: lab.example.'                 | 'name: corp.example'                       | (engine) zones[1] (corp.example).name: zone corp.example. is configured twice
          'name: lab.example.'                 | 'name: ""'                                 | zones[1].name
          '    tsig: none'                     | '    tsig: none\n    presrve: [x.lab.example.]' | (engine) zones[1].presrve: unknown key 'presrve'
          'zones:'                             | 'defualts: {}\nzones:'                    | (engine) defualts: unknown key 'defualts'
          'version: 1'                         | 'version: 2'                               | (engine) version: must be 1, got 2
          'version: 1\n'                       | ''                                         | (engine) version: must be 1, got null
          'algorithm: hmac-sha256'             | 'algorithm: hmac-sha3'                     | (engine) tsigKeys[0].algorithm: 'hmac-sha3' unsupported
          '    tsig: none'                     | '    tsig: none\n    batch: {maxValueChars: 5000}' | (engine) zones[1] (lab.example.).batch.maxValueChars: 5000 leaves no room
          '    tsig: none'                     | '    tsig: none\n    types: [SOA]'         | (engine) zones[1] (lab.example.).types: SOA is never mirrored
          '    tsig: none'                     | '    tsig: none\n    fullReconcileEvery: 10m' | (engine) zones[1] (lab.example.).fullReconcileEvery: 10m is shorter than the minimum of 1h
          '    tsig: none'                     | '    tsig: none\n    timeouts: {query: 0}' | (engine) zones[1] (lab.example.).timeouts.query: must be positive, got 0
          'zones:'                             | 'route53: {requestsPerSecond: -1}\nzones:' | (engine) route53.requestsPerSecond must be within (0, 50], got -1.0
          'zones:'                             | 'execution: {concurrency: 33}\nzones:'   | (engine) execution.concurrency must be within 1..32
          'zones:'                             | 'execution: {concurency: 8}\nzones:'     | (engine) execution.concurency: unknown key 'concurency'
          '    tsig: k1.'                      | '    tsig: k2.'                            | (engine) zones[0] (corp.example.).tsig: no key named k2.
          'secretsManagerArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/k1-AbCdEf' | 'env: K1_SECRET' | zones[0].tsig
          'secretsManagerArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/k1-AbCdEf\\nzones:\\n  - name: corp.example.\\n    hostedZoneId: Z0123456789ABCDEFGHIJ\\n    masters: [10.10.0.53, 10.20.0.53]\\n    tsig: k1.' | 'env: K1_SECRET\\nzones:\\n  - name: corp.example.\\n    hostedZoneId: Z0123456789ABCDEFGHIJ\\n    masters: [10.10.0.53, 10.20.0.53]\\n    tsig: K1' | zones[0].tsig
          'secretsManagerArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/k1-AbCdEf' | 'secretsManagerArn: zonesync/k1' | tsigKeys[0].secret.secretsManagerArn
          'version: 1'                         | 'version: 1\\nversion: 2'                   | (file)
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {enabled: "no"}' | deployment.alarms.enabled
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {period: 90s}' | deployment.alarms.period
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {period: 2h}' | deployment.alarms.period
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {staleAfter: 30}' | deployment.alarms.staleAfter
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {staleAfter: 25h}' | deployment.alarms.staleAfter
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {staleAfter: 27m}' | deployment.alarms.staleAfter
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {staleAfter: 5m}' | deployment.alarms.staleAfter
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {emails: [dns]}' | deployment.alarms.emails[0]
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {emails: [a@b.example, A@b.example]}' | deployment.alarms.emails[1]
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {topicArn: ops-alarms}' | deployment.alarms.topicArn
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {topicArn: "arn:aws:sns:us-east-1:111122223333:ops"}' | deployment.alarms.topicArn
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {topicArn: "arn:aws:sns:eu-west-1:111122223333:ops", emails: [a@b.example]}' | deployment.alarms.emails
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {stalAfter: 30m}' | deployment.alarms.stalAfter
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: [email]' | deployment.alarms
          'region: eu-west-1'                  | 'region: eu-west-1\\n  dashboard: {enabled: true, name: x}' | deployment.dashboard.name
          '    tsig: none'                     | '    tsig: none\\n    metrics: detailed\\n    alarms: {staleAfter: 31m}' | zones[1].alarms.staleAfter
          '    tsig: none'                     | '    tsig: none\\n    alarms: {staleAfter: 1d}' | zones[1].alarms.staleAfter
          '    tsig: none'                     | '    tsig: none\\n    alarms: {stale: 1h}' | zones[1].alarms.stale
          '    tsig: none'                     | '    tsig: none\\n    metrics: detailed\\n    schedule: rate(1 hour)' | zones[1].alarms.staleAfter
          '    tsig: none'                     | '    tsig: none\\n    metrics: detailed\\n    schedule: rate(1 hour)\\n    alarms: {staleAfter: 1h}' | zones[1].alarms.staleAfter
          '    tsig: none'                     | '    tsig: none\\n    metrics: detailed\\n    schedule: rate(1 day)\\n    alarms: {staleAfter: 24h}' | zones[1].alarms.staleAfter
          '    tsig: none'                     | '    tsig: none\\n    schedule: rate(13 hours)' | zones[1].schedule
          '    tsig: none'                     | '    tsig: none\\n    metrics: verbose' | (engine) zones[1] (lab.example.).metrics: 'verbose' is not summary or detailed
          'zones:'                             | 'defaults: {metrics: all}\\nzones:'       | (engine) defaults.metrics: 'all' is not summary or detailed
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {failingFor: 15}' | deployment.alarms.failingFor
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {failingFor: 25h}' | deployment.alarms.failingFor
          'region: eu-west-1'                  | 'region: eu-west-1\\n  alarms: {failingFor: 30s}' | deployment.alarms.failingFor
          """)
  void parse_whenInvalid_failsNamingTheField(String from, String to, String field) {
    String yaml = TestConfigs.MINIMAL.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    assertThat(yaml).as("test row must change the config").isNotEqualTo(TestConfigs.MINIMAL);

    // "(engine) <text>": the engine's parser found it; its message names the field itself.
    boolean engine = field.startsWith(ConfigException.ENGINE_FIELD + " ");
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              if (engine) {
                assertThat(((ConfigException) e).field()).isEqualTo(ConfigException.ENGINE_FIELD);
                assertThat(e.getMessage())
                    .contains(field.substring(ConfigException.ENGINE_FIELD.length() + 1));
              } else {
                assertThat(((ConfigException) e).field()).isEqualTo(field);
                assertThat(e.getMessage()).startsWith(field + ": ");
              }
            });
  }

  @Test
  void parse_whenAlarmsOmitted_appliesDefaults() {
    ZoneSyncConfig c = ZoneSyncConfig.parse(TestConfigs.MINIMAL);
    assertThat(c.deployment().alarms())
        .isEqualTo(new Deployment.Alarms(true, Optional.empty(), List.of(), true, 300, 1800));
    assertThat(c.deployment().dashboard()).isEqualTo(new Deployment.Dashboard(true));
    assertThat(c.zones().get(1).staleAfterSeconds()).isEmpty();
    assertThat(c.zones().get(1).staleAfterSeconds(c.deployment().alarms())).isEqualTo(1800);
    assertThat(c.zones().get(1).metricName()).isEqualTo("lab.example.");
    assertThat(c.deployment().alarms().failingForSeconds()).isEqualTo(900);
    assertThat(c.zones()).noneMatch(Zone::detailed);
  }

  @Test
  void parse_metrics_isReadByTheEnginesParserForEveryZone() {
    ZoneSyncConfig c =
        ZoneSyncConfig.parse(
            TestConfigs.MINIMAL
                .replace("version: 1\n", "version: 1\ndefaults: {metrics: detailed}\n")
                .replace("    tsig: none\n", "    tsig: none\n    metrics: summary\n"));
    assertThat(c.zones())
        .extracting(Zone::name, Zone::detailed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("corp.example.", true),
            org.assertj.core.groups.Tuple.tuple("lab.example.", false));
    // the sample graphs its first zone in detail
    assertThat(ZoneSyncConfig.parse(Synth.sampleYaml()).zones())
        .extracting(Zone::name, Zone::detailed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("corp.example.", true),
            org.assertj.core.groups.Tuple.tuple("10.in-addr.arpa.", false));
  }

  @Test
  void parse_whenSample_readsTheAlarmSettings() {
    Deployment d = ZoneSyncConfig.parse(Synth.sampleYaml()).deployment();
    assertThat(d.alarms())
        .isEqualTo(new Deployment.Alarms(true, Optional.empty(), List.of(), true, 300, 1800));
    assertThat(d.dashboard().enabled()).isTrue();
  }

  @Test
  void parse_whenDetailedZoneRunsHourly_asksForAStaleWindowOfTwoRuns() {
    String hourly =
        TestConfigs.MINIMAL.replace(
            "    tsig: none\n",
            "    tsig: none\n    metrics: detailed\n    schedule: rate(1 hour)\n");
    // a summary zone has no staleness alarm of its own: nothing to ask for
    assertThat(
            ZoneSyncConfig.parse(hourly.replace("    metrics: detailed\n", ""))
                .zones()
                .get(1)
                .detailed())
        .isFalse();
    assertThatThrownBy(() -> ZoneSyncConfig.parse(hourly))
        .hasMessage(
            "zones[1].alarms.staleAfter: the zone runs rate(1 hour): deployment.alarms.staleAfter"
                + " (30m) would raise the staleness alarm after a single missed run; set at least 2h"
                + " (two runs plus the scheduler's flexible window)");
    ZoneSyncConfig ok =
        ZoneSyncConfig.parse(
            hourly.replace("rate(1 hour)\n", "rate(1 hour)\n    alarms: {staleAfter: 2h}\n"));
    assertThat(ok.zones().get(1).staleAfterSeconds()).contains(7200);
    // The flexible window counts too; alarms disabled: nothing to check.
    assertThatThrownBy(
            () ->
                ZoneSyncConfig.parse(
                    TestConfigs.MINIMAL.replace(
                            "    tsig: k1.\n", "    tsig: k1.\n    metrics: detailed\n")
                        + "  scheduler: {flexibleWindowMinutes: 30}\n"))
        .hasMessageStartingWith("zones[0].alarms.staleAfter: the zone runs rate(5 minutes)")
        .hasMessageEndingWith("set at least 40m (two runs plus the scheduler's flexible window)");
    ZoneSyncConfig.parse(hourly + "  alarms: {enabled: false}\n");
  }

  @Test
  void parse_whenAlarmsConfigured_readsEachKey() {
    Deployment d =
        ZoneSyncConfig.parse(
                TestConfigs.MINIMAL
                    + "  alarms: {emails: [dns@example.com], notifyOk: false, period: 1m,"
                    + " staleAfter: 2h, failingFor: 1h}\n  dashboard: {enabled: false}\n")
            .deployment();
    assertThat(d.alarms())
        .isEqualTo(
            new Deployment.Alarms(
                true, Optional.empty(), List.of("dns@example.com"), false, 60, 7200, 3600));
    assertThat(d.dashboard().enabled()).isFalse();
    assertThat(
            ZoneSyncConfig.parse(
                    TestConfigs.MINIMAL
                        + "  alarms: {topicArn: \"arn:aws:sns:eu-west-1:111122223333:ops\"}\n")
                .deployment()
                .alarms()
                .topicArn())
        .contains("arn:aws:sns:eu-west-1:111122223333:ops");
  }

  @Test
  void parse_whenZonesMissing_failsNamingZones() {
    assertThatThrownBy(() -> ZoneSyncConfig.parse("version: 1\ndeployment: {}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("zones: ");
  }

  @Test
  void parse_whenAccountUnquoted_explainsQuoting() {
    assertThatThrownBy(
            () ->
                ZoneSyncConfig.parse(
                    TestConfigs.MINIMAL.replace(
                        "account: \"111122223333\"", "account: 011122223333")))
        .hasMessageContaining("quoted string");
  }

  @Test
  void masters_whenHostnameListedInMasterCidrs_areAccepted() {
    List<Master> masters =
        ZoneSyncConfig.parse(
                TestConfigs.MINIMAL
                    .replace("masters: [10.10.0.53]", "masters: [\"ns1.corp.example.:53\"]")
                    .replace(
                        "  vpc:\n",
                        "  securityGroup:\n    masterCidrs: {NS1.corp.example.: [10.30.0.53/32]}\n  vpc:\n"))
            .zones()
            .get(1)
            .masters();
    assertThat(masters).containsExactly(new Master("ns1.corp.example", 53, Master.Kind.HOSTNAME));
  }

  private static String catalogSample() {
    try {
      return java.nio.file.Files.readString(
          java.nio.file.Path.of("..", "samples", "zonesync-catalog.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The zone entry of the catalog sample, to drop for a configuration of catalogs only. */
  private static final String CATALOG_SAMPLE_ZONE =
      """
      zones:
        - name: corp.example.
          hostedZoneId: Z0123456789ABCDEFGHIJ
          masters: [10.10.0.53, 10.20.0.53]
          tsig: zonesync-transfer.
      """;

  @Test
  void parse_whenCatalogSample_passesTheCatalogToTheEngine() {
    ZoneSyncConfig c = ZoneSyncConfig.parse(catalogSample());
    assertThat(c.zones()).extracting(Zone::name).containsExactly("corp.example.");
    assertThat(c.engine().catalogs())
        .extracting(k -> k.name().text())
        .containsExactly("catalog.corp.example.");
    assertThat(c.engineConfig().path("catalogs").get(0).path("schedule").asText())
        .isEqualTo("rate(5 minutes)");
  }

  @Test
  void parse_whenCatalogsOnly_needsNoZone() {
    String sample = catalogSample();
    assertThat(sample).contains(CATALOG_SAMPLE_ZONE);
    ZoneSyncConfig c = ZoneSyncConfig.parse(sample.replace(CATALOG_SAMPLE_ZONE, ""));
    assertThat(c.zones()).isEmpty();
    assertThat(c.engine().zones()).isEmpty();
    assertThat(c.engine().catalogs()).hasSize(1);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'      secretsManagerArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/tsig-lab-GhIjKl'|'      env: LAB_SECRET'|catalogs[0].groups.lab.tsig: key zonesync-lab. has no secret.secretsManagerArn: the Lambda function reads TSIG secrets only from Secrets Manager (env and file exist only for the CLI)",
        "'\"*.corp.example.\"'|'\"*corp.example.\"'|catalogs[0] (catalog.corp.example.).allow[0]: allow pattern *corp.example.: a wildcard must end at a label boundary",
      })
  void parse_whenCatalogInvalid_failsAtSynthNamingTheField(String from, String to, String message) {
    String sample = catalogSample();
    assertThat(sample).contains(from);
    assertThatThrownBy(() -> ZoneSyncConfig.parse(sample.replace(from, to)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void fragments_whenCatalogsDoNotFitOneParameter_spreadThemAndTheEngineJoinsThem() {
    StringBuilder more = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      more.append(
          String.format(
              "  - {name: c%02d.catalog.example., hostedZoneId: ZC%02d, masters: [10.10.0.53],"
                  + " tsig: none, allow: [\"*.c%02d.example.\"], groups: {internal: {masters:"
                  + " [10.20.0.53, 10.20.0.54, 10.20.0.55], safety: {maxDeleteFraction: 0.1}}}}%n",
              i, i, i));
    }
    String yaml = catalogSample().replace("catalogs:\n", "catalogs:\n" + more);
    ZoneSyncConfig c = ZoneSyncConfig.parse(yaml);
    dev.zonesync.infra.config.ConfigFragments f =
        dev.zonesync.infra.config.ConfigFragments.pack(c, 1024);
    assertThat(f.values())
        .hasSizeGreaterThan(2)
        .allSatisfy(v -> assertThat(v).hasSizeLessThan(1025));
    java.util.SortedMap<String, String> parameters = new java.util.TreeMap<>();
    for (int i = 0; i < f.values().size(); i++) {
      parameters.put(String.format("%03d", i), f.values().get(i));
    }
    dev.zonesync.config.Settings merged =
        dev.zonesync.config.ConfigParser.parse(
            dev.zonesync.config.ConfigLoader.merge(parameters, "t"), "t");
    assertThat(merged.catalogs()).hasSize(13);
    assertThat(merged.catalogs().get(12).name().text()).isEqualTo("catalog.corp.example.");
  }
}
