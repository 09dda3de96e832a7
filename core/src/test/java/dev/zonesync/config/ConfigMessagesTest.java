package dev.zonesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message the parser gives, exactly, and in the order given: operators, the README and
 * scripts quote them, so a change to the parser's structure must not change one byte of them. Each
 * row is one invalid configuration and the complete list of its problems.
 */
class ConfigMessagesTest {

  private static final String KEYS =
      """
      version: 1
      tsigKeys:
        - name: k.
          secret: {env: K}
      """;

  private static final String ZONE =
      """
      zones:
        - name: corp.example.
          hostedZoneId: Z123
          masters: [192.0.2.53]
          tsig: k.
      """;

  private static final String B = KEYS + ZONE;

  private static Arguments row(String what, String yaml, String problems) {
    return Arguments.of(what, yaml, problems.lines().toList());
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "version 2",
            B.replace("version: 1", "version: 2"),
            """
            version: must be 1, got 2
            """),
        row(
            "version missing",
            B.replace("version: 1\n", ""),
            """
            version: must be 1, got null
            """),
        row(
            "tsig key entry empty",
            B.replace("tsigKeys:\n", "tsigKeys:\n  - null\n"),
            """
            tsigKeys[0]: empty entry
            """),
        row(
            "tsig key name missing",
            B.replace(
                "  - name: k.\n    secret: {env: K}\n",
                "  - secret: {env: K}\n  - name: k.\n    secret: {env: K}\n"),
            """
            tsigKeys[0].name: missing
            """),
        row(
            "tsig key name bad",
            B.replace(
                "  - name: k.\n    secret: {env: K}\n",
                "  - name: a..b\n    secret: {env: K}\n  - name: k.\n    secret: {env: K}\n"),
            """
            tsigKeys[0].name: 'a..b' is not a domain name (empty label in domain name 'a..b.')
            """),
        row(
            "tsig no secret",
            B.replace("    secret: {env: K}\n", ""),
            """
            tsigKeys[0].secret: set exactly one of env, file, secretsManagerArn
            zones[0] (corp.example.).tsig: no key named k. in tsigKeys []
            """),
        row(
            "tsig two secrets",
            B.replace("{env: K}", "{env: K, file: /k}"),
            """
            tsigKeys[0].secret: set exactly one of env, file, secretsManagerArn
            zones[0] (corp.example.).tsig: no key named k. in tsigKeys []
            """),
        row(
            "tsig arn",
            B.replace("{env: K}", "{secretsManagerArn: nope}"),
            """
            tsigKeys[0].secret.secretsManagerArn: not an ARN
            """),
        row(
            "tsig key twice",
            B.replace("tsigKeys:\n", "tsigKeys:\n  - {name: K., secret: {env: K}}\n"),
            """
            tsigKeys[1].name: key k. is defined twice
            """),
        row(
            "route53 endpoint",
            B + "route53: {endpoint: \"not a url\"}\n",
            """
            route53.endpoint: 'not a url' is not a URL (Illegal character in path at index 3: not a url)
            """),
        row(
            "route53 endpoint no host",
            B + "route53: {endpoint: \"http://\"}\n",
            """
            route53.endpoint: 'http://' is not a URL (Expected authority at index 7: http://)
            """),
        row(
            "route53 rps",
            B + "route53: {requestsPerSecond: 0, endpoint: \"x:\"}\n",
            """
            route53.endpoint: 'x:' is not a URL (Expected scheme-specific part at index 2: x:)
            route53.requestsPerSecond must be within (0, 50], got 0.0
            """),
        row(
            "route53 burst",
            B + "route53: {burst: 0}\n",
            """
            route53.burst must be >= 1
            """),
        row(
            "route53 attempts",
            B + "route53: {maxAttempts: 21}\n",
            """
            route53.maxAttempts must be within 1..20
            """),
        row(
            "route53 changes",
            B + "route53: {changesPerSecond: -1}\n",
            """
            route53.changesPerSecond must be a positive number of record changes per second, got -1.0
            """),
        row(
            "route53 minBatchTime 0",
            B + "route53: {minBatchTime: 0}\n",
            """
            route53.minBatchTime: must be positive, got 0
            """),
        row(
            "route53 minBatchTime soon",
            B + "route53: {minBatchTime: soon}\n",
            """
            route53.minBatchTime: 'soon' is not a duration; write e.g. 500ms, 3s, 2m, 1h or PT3S
            """),
        row(
            "execution every",
            B + "execution: {unchangedCheckEvery: soon, concurrency: 0}\n",
            """
            execution.unchangedCheckEvery: 'soon' is not a duration; write e.g. 500ms, 3s, 2m, 1h or PT3S
            """),
        row(
            "execution concurrency",
            B + "execution: {concurrency: 0}\n",
            """
            execution.concurrency must be within 1..32 (zones synced at once; 1 runs them one after another), got 0
            """),
        row(
            "execution every 2h",
            B + "execution: {unchangedCheckEvery: 2h}\n",
            """
            execution.unchangedCheckEvery must be within 0s..1h (how long the marker a run read stands for an unchanged zone; 0s reads it every run), got 2h
            """),
        row(
            "zones missing",
            KEYS,
            """
            zones: at least one zone is required
            """),
        row(
            "zones empty",
            KEYS + "zones: []\n",
            """
            zones: at least one zone is required
            """),
        row(
            "zone null",
            KEYS + "zones: [null]\n",
            """
            zones[0]: empty entry
            """),
        row(
            "hosted zone id missing",
            B.replace("    hostedZoneId: Z123\n", ""),
            """
            zones[0] (corp.example.).hostedZoneId: missing; give the private hosted zone's ID
            """),
        row(
            "hosted zone id missing, created",
            B.replace("    hostedZoneId: Z123\n", "    createHostedZone: true\n"),
            """
            zones[0] (corp.example.).hostedZoneId: missing; give the private hosted zone's ID (createHostedZone: the CDK app fills it into the deployed configuration)
            """),
        row(
            "hosted zone id blank",
            B.replace("hostedZoneId: Z123", "hostedZoneId: \"  \""),
            """
            zones[0] (corp.example.).hostedZoneId: missing; give the private hosted zone's ID
            """),
        row(
            "hosted zone id bad",
            B.replace("hostedZoneId: Z123", "hostedZoneId: zone-123"),
            """
            zones[0] (corp.example.).hostedZoneId: 'zone-123' is not a hosted zone ID (like Z0123456789ABCDEFGHIJ)
            """),
        row(
            "hosted zone id prefixed",
            B.replace("hostedZoneId: Z123", "hostedZoneId: /hostedzone/z123"),
            """
            zones[0] (corp.example.).hostedZoneId: '/hostedzone/z123' is not a hosted zone ID (like Z0123456789ABCDEFGHIJ)
            """),
        row(
            "hosted zone name outside",
            B + "    hostedZoneName: other.example.\n",
            """
            zones[0] (corp.example.).hostedZoneName: other.example. does not contain the zone corp.example.
            """),
        row(
            "hosted zone name bad",
            B + "    hostedZoneName: a..b\n",
            """
            zones[0] (corp.example.).hostedZoneName: 'a..b' is not a domain name (empty label in domain name 'a..b.')
            """),
        row(
            "masters missing",
            B.replace("    masters: [192.0.2.53]\n", ""),
            """
            zones[0] (corp.example.).masters: at least one master (host or host:port) is required
            """),
        row(
            "masters empty",
            B.replace("[192.0.2.53]", "[]"),
            """
            zones[0] (corp.example.).masters: at least one master (host or host:port) is required
            """),
        row(
            "masters null entry",
            B.replace("[192.0.2.53]", "[192.0.2.53, null]"),
            """
            zones[0] (corp.example.).masters[1]: empty
            """),
        row(
            "masters bad",
            B.replace("[192.0.2.53]", "[\"192.0.2.53:99999\", \"[::1\"]"),
            """
            zones[0] (corp.example.).masters[0]: master '192.0.2.53:99999' is not host, host:port or [ipv6]:port: master port 99999 outside 1..65535
            zones[0] (corp.example.).masters[1]: master '[::1' is not host, host:port or [ipv6]:port: missing ']'
            """),
        row(
            "discoverMasters bad",
            B + "    discoverMasters: a..b\n",
            """
            zones[0] (corp.example.).discoverMasters: 'a..b' is not a domain name (empty label in domain name 'a..b.')
            """),
        row(
            "tsig missing",
            B.replace("    tsig: k.\n", ""),
            """
            zones[0] (corp.example.).tsig: missing; name a key from tsigKeys, or write 'tsig: none' to transfer without TSIG (not recommended)
            """),
        row(
            "tsig unknown",
            B.replace("tsig: k.", "tsig: other."),
            """
            zones[0] (corp.example.).tsig: no key named other. in tsigKeys [k.]
            """),
        row(
            "tsig bad name",
            B.replace("tsig: k.", "tsig: a..b"),
            """
            zones[0] (corp.example.).tsig: 'a..b' is not a domain name (empty label in domain name 'a..b.')
            """),
        row(
            "types",
            B + "    types: [HINFO, SOA, NOPE, A]\n",
            """
            zones[0] (corp.example.).types: HINFO cannot be managed: Route 53 cannot hold it
            zones[0] (corp.example.).types: SOA is never mirrored (only its serial is zonesync's)
            zones[0] (corp.example.).types: unknown RR type 'NOPE'
            """),
        row(
            "defaults types",
            B + "defaults: {types: [LOC]}\n",
            """
            zones[0] (corp.example.).types: LOC cannot be managed: Route 53 cannot hold it
            """),
        row(
            "preserve",
            B + "    preserve: [\"/A\", \"x/NOPE\"]\ndefaults: {preserve: [\"/TXT\"]}\n",
            """
            zones[0] (corp.example.).preserve: '/TXT': empty preserve pattern '/TXT'
            zones[0] (corp.example.).preserve: '/A': empty preserve pattern '/A'
            zones[0] (corp.example.).preserve: 'x/NOPE': unknown RR type 'NOPE'
            """),
        row(
            "ttl",
            B + "    ttl: {min: 600, max: 60}\n",
            """
            zones[0] (corp.example.).ttl: ttl policy needs 0 <= min <= max <= 2147483647, got min=600 max=60
            """),
        row(
            "defaults ttl",
            B + "defaults: {ttl: {min: -1}}\n",
            """
            zones[0] (corp.example.).ttl: ttl policy needs 0 <= min <= max <= 2147483647, got min=-1 max=2147483647
            """),
        row(
            "safety",
            B + "    safety: {maxDeleteFraction: 1.5}\n",
            """
            zones[0] (corp.example.).safety: maxDeleteFraction must be within 0..1, got 1.5
            """),
        row(
            "safety min",
            B + "defaults: {safety: {minZoneRRsets: -1}}\n",
            """
            zones[0] (corp.example.).safety: minZoneRRsets must be >= 0, got -1
            """),
        row(
            "batch chars low",
            B + "    batch: {maxValueChars: 5000}\n",
            """
            zones[0] (corp.example.).batch.maxValueChars: 5000 leaves no room for the serial commit (the SOA and the _zonesync marker need up to about 6600 characters, UPSERT counted twice); use at least 7000
            """),
        row(
            "batch values high",
            B + "    batch: {maxValues: 2000, maxValueChars: 40000}\n",
            """
            zones[0] (corp.example.).batch.maxValues: 2000 is above Route 53's limit of 1000
            zones[0] (corp.example.).batch.maxValueChars: 40000 is above Route 53's limit of 32000
            """),
        row(
            "batch changes",
            B + "    batch: {maxChanges: 0}\n",
            """
            zones[0] (corp.example.).batch: batch limits too small to commit a serial: maxValues>=4, maxValueChars>=100, maxChanges>=2 required, got BatchLimits[maxValues=0, maxValueChars=0, maxChanges=0]
            """),
        row(
            "batch values zero",
            B + "defaults: {batch: {maxValues: 0}}\n",
            """
            zones[0] (corp.example.).batch: batch limits too small to commit a serial: maxValues>=4, maxValueChars>=100, maxChanges>=2 required, got BatchLimits[maxValues=0, maxValueChars=0, maxChanges=0]
            """),
        row(
            "timeouts",
            B + "    timeouts: {query: soon, transfer: -1s}\n",
            """
            zones[0] (corp.example.).timeouts.query: 'soon' is not a duration; write e.g. 500ms, 3s, 2m, 1h or PT3S
            zones[0] (corp.example.).timeouts.transfer: must be positive, got -1s
            """),
        row(
            "timeouts zero",
            B + "defaults: {timeouts: {query: 0}}\n",
            """
            zones[0] (corp.example.).timeouts.query: must be positive, got 0
            """),
        row(
            "limits",
            B + "    limits: {maxTransferRecords: 0}\n",
            """
            zones[0] (corp.example.).timeouts/limits: maxRecords >= 2 and maxBytes >= 512 required
            """),
        row(
            "limits bytes",
            B + "defaults: {limits: {maxTransferBytes: -5}}\n",
            """
            zones[0] (corp.example.).timeouts/limits: maxRecords >= 2 and maxBytes >= 512 required
            """),
        row(
            "full every short",
            B + "    fullReconcileEvery: 30m\n",
            """
            zones[0] (corp.example.).fullReconcileEvery: 30m is shorter than the minimum of 1h: each full reconcile reads the whole hosted zone (about 34 Route 53 requests for 10,000 RRsets) out of the account's shared request quota; use 1h or more, or off
            """),
        row(
            "full every bad",
            B + "    fullReconcileEvery: daily\ndefaults: {fullReconcileEvery: weekly}\n",
            """
            defaults.fullReconcileEvery: 'weekly' is not a duration; write e.g. 500ms, 3s, 2m, 1h or PT3S, or off
            zones[0] (corp.example.).fullReconcileEvery: 'daily' is not a duration; write e.g. 500ms, 3s, 2m, 1h or PT3S, or off
            """),
        row(
            "full every long",
            B + "defaults: {fullReconcileEvery: 721h}\n",
            """
            defaults.fullReconcileEvery: 721h is longer than the maximum of 720h (30 days): drift in the hosted zone would go unrepaired that long; use at most 720h, or off
            """),
        row(
            "metrics",
            B + "    metrics: verbose\ndefaults: {metrics: all}\n",
            """
            defaults.metrics: 'all' is not summary or detailed (summary: the zone counts in the function-level metrics only; detailed: it also gets per-zone metrics and alarms)
            zones[0] (corp.example.).metrics: 'verbose' is not summary or detailed (summary: the zone counts in the function-level metrics only; detailed: it also gets per-zone metrics and alarms)
            """),
        row(
            "zone twice",
            B
                + "  - name: CORP.example\n    hostedZoneId: Z456\n    masters: [192.0.2.53]\n    tsig: none\n",
            """
            zones[1] (CORP.example).name: zone corp.example. is configured twice
            """),
        row(
            "hosted zone named twice",
            B
                + "  - name: a.corp.example.\n    hostedZoneId: Z123\n    hostedZoneName: a.corp.example.\n    masters: [192.0.2.53]\n    tsig: none\n",
            """
            zones[0] (corp.example.).hostedZoneName: hosted zone Z123 is named both corp.example. and a.corp.example.
            zones[1] (a.corp.example.).hostedZoneName: hosted zone Z123 is named both a.corp.example. and corp.example.
            """),
        row(
            "root zone",
            B.replace("name: corp.example.\n    hostedZoneId", "name: .\n    hostedZoneId"),
            """
            zones[0] (.).name: the root zone cannot be mirrored
            """),
        row(
            "zone name missing",
            B.replace("  - name: corp.example.\n    hostedZoneId", "  - hostedZoneId"),
            """
            zones[0].name: missing
            """),
        row(
            "unknown zone key",
            B + "    presrve: []\n",
            """
            zones[0].presrve: unknown key 'presrve'; known keys here: [alarms, metrics, discoverMasters, name, preserve, hostedZoneId, createHostedZone, masters, safety, resolvedElsewhere, schedule, limits, types, batch, fullReconcileEvery, tsig, hostedZoneName, delegations, ttl, timeouts, zoneCuts]
            """),
        row(
            "unknown top key",
            B + "zone: []\n",
            """
            zone: unknown key 'zone'; known keys here: [tsigKeys, defaults, deployment, route53, version, catalogs, zones, execution]
            """),
        row(
            "unknown defaults key",
            B + "defaults: {schedule: x}\n",
            """
            defaults.schedule: unknown key 'schedule'; known keys here: [safety, metrics, limits, types, batch, ttl, zoneCuts, timeouts, preserve, fullReconcileEvery]
            """),
        row(
            "unknown nested key",
            B + "    safety: {maxDelete: 1}\n",
            """
            zones[0].safety.maxDelete: unknown key 'maxDelete'; known keys here: [maxDeleteFraction, maxUpdateFraction, minZoneRRsets]
            """),
        row(
            "wrong type",
            B.replace("masters: [192.0.2.53]", "masters: {a: 1}"),
            """
            zones[0].masters: Cannot deserialize value of type `java.util.ArrayList<java.lang.String>` from Object value (token `JsonToken.START_OBJECT`)
            """),
        row(
            "wrong type version",
            B.replace("version: 1", "version: one"),
            """
            version: Cannot deserialize value of type `java.lang.Integer` from String "one": not a valid `java.lang.Integer` value
            """),
        row(
            "wrong type scalar",
            B + "    batch: 5\n",
            """
            zones[0].batch: Cannot construct instance of `dev.zonesync.config.ConfigFile$Batch` (although at least one Creator exists): no int/Int-argument constructor/factory method to deserialize from Number value (5)
            """),
        row(
            "not a mapping",
            "- a\n",
            """
            expected a YAML mapping at the top level
            """),
        row(
            "empty",
            "",
            """
            expected a YAML mapping at the top level
            """),
        row(
            "duplicate key",
            B + "    tsig: k.\n",
            """
            line 10, column 5: key 'tsig' appears twice in the same mapping; keep one
            """),
        row(
            "many problems",
            KEYS
                + "zones:\n  - name: a.example.\n    hostedZoneId: ZA\n    masters: []\n    tsig: nope.\n  - name: b.example.\n    hostedZoneId: bad\n    masters: [192.0.2.1]\n    tsig: none\n    ttl: {min: 9, max: 1}\n    batch: {maxValueChars: 100}\n",
            """
            zones[0] (a.example.).masters: at least one master (host or host:port) is required
            zones[0] (a.example.).tsig: no key named nope. in tsigKeys [k.]
            zones[1] (b.example.).hostedZoneId: 'bad' is not a hosted zone ID (like Z0123456789ABCDEFGHIJ)
            zones[1] (b.example.).ttl: ttl policy needs 0 <= min <= max <= 2147483647, got min=9 max=1
            zones[1] (b.example.).batch.maxValueChars: 100 leaves no room for the serial commit (the SOA and the _zonesync marker need up to about 6600 characters, UPSERT counted twice); use at least 7000
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void parse_whenInvalid_listsExactlyTheseProblems(
      String what, String yaml, List<String> problems) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigParser.parse(yaml, "t.yaml"));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.problems()).containsExactlyElementsOf(problems);
  }
}
