package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static dev.zonesync.testing.SyncHarness.assertSerialHonest;
import static dev.zonesync.testing.SyncHarness.content;
import static dev.zonesync.testing.SyncHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigLoader;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Settings;
import dev.zonesync.handler.SyncHandler;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Malformed Lambda requests and configuration files, through the Lambda handler as deployed (a
 * config file location, the engine built from it on the first invocation): each must fail the
 * invocation with a message that says what is wrong, and nothing may run — no Route 53 call, no
 * transfer, the hosted zone as it was although the master has changes waiting.
 */
@Timeout(60)
class MalformedInputIT {

  private static Route53Proxy route53;
  private static NamedServer named;
  private static String secret;
  private static String zoneId;
  private static String goodYaml;

  private List<String> before;

  @BeforeAll
  static void syncedZoneWithChangesWaiting() {
    route53 = Route53Proxy.in(SyncHarness.moto());
    secret = NamedServer.generateTsigSecret();
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zoneText(ZONE, SyncHarness.sampleZone())
            .start();
    zoneId = SyncHarness.moto().createPrivateHostedZone(ZONE);
    goodYaml = SyncHarness.Config.of(zoneId, named.hostPort()).yaml();
    ZoneReport r = run(SyncHarness.engine(goodYaml, secret, route53.endpoint()));
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    // a change the master now has: any run that got through would apply it
    named.nsupdate("update add pending.corp.example. 300 A 192.0.2.201\nsend\n");
  }

  @AfterAll
  static void stopAll() {
    named.close();
    route53.close();
  }

  @BeforeEach
  void snapshot() {
    before = content(zoneId);
    route53.clear();
  }

  private static int transfersServed() {
    return named.log().split("transfer of '", -1).length - 1;
  }

  /** The handler as the Lambda runtime builds it, but with our Route 53 endpoint and secret. */
  private static SyncHandler handler(String configLocation) {
    return new SyncHandler(
        configLocation,
        location -> {
          Settings s = new ConfigLoader(() -> null).load(location);
          return Engines.create(
              s,
              Route53Clients.create(
                  s.route53().withEndpoint(route53.endpoint()),
                  StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS)),
              new DnsSourceFactory(
                  new LocalSecretResolver(Map.of(SyncHarness.SECRET_ENV, secret), null)));
        });
  }

  private static Throwable invoke(SyncHandler handler, byte[] payload) {
    return catchThrowable(
        () ->
            handler.handleRequest(
                new ByteArrayInputStream(payload), new ByteArrayOutputStream(), null));
  }

  private static Path file(String text) {
    try {
      Path p = Files.createTempFile("zonesync-malformed-", ".yaml");
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void assertNothingRan(int transfersBefore) {
    assertThat(route53.calls()).as("no Route 53 call at all").isEmpty();
    assertThat(transfersServed()).as("no transfer").isEqualTo(transfersBefore);
    assertThat(content(zoneId)).isEqualTo(before);
    assertSerialHonest(zoneId, SyncHarness.SAMPLE_SERIAL);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(
            "zones not a list", "{\"zones\": \"corp.example.\"}", "\"zones\" must be a list"),
        Arguments.of("zone not a string", "{\"zones\": [42]}", "must contain zone names"),
        Arguments.of(
            "force not a boolean", "{\"force\": \"yes\"}", "\"force\" must be true or false"),
        Arguments.of("dryRun a number", "{\"dryRun\": 1}", "\"dryRun\" must be true or false"),
        Arguments.of("unknown mode", "{\"mode\": \"fast\"}", "mode must be \"auto\" or \"full\""),
        Arguments.of("mode a number", "{\"mode\": 3}", "\"mode\" must be \"auto\" or \"full\""),
        Arguments.of("unknown field", "{\"zone\": [\"corp.example.\"]}", "unknown field(s) [zone]"),
        Arguments.of(
            "unknown zone",
            "{\"zones\": [\"nope.example.\"]}",
            "unknown zone(s) [nope.example.]; configured zones are [corp.example.]"),
        Arguments.of("not JSON", "{\"zones\": [", "not valid JSON"),
        Arguments.of("trailing garbage", "{} {}", "not valid JSON"),
        Arguments.of("a list", "[\"corp.example.\"]", "must be a JSON object"),
        Arguments.of(
            "another EventBridge event",
            "{\"detail-type\": \"EC2 Instance State-change Notification\"}",
            "unsupported EventBridge event"),
        Arguments.of(
            "oversized",
            "{\"zones\": [\"" + "a".repeat(70_000) + "\"]}",
            "bytes; the limit is 65536"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void request_whenMalformed_failsTheInvocationSayingWhyAndNothingRuns(
      String what, String payload, String message) {
    int transfers = transfersServed();

    Throwable t =
        invoke(handler(file(goodYaml).toString()), payload.getBytes(StandardCharsets.UTF_8));

    assertThat(t).as(what).isNotNull();
    assertThat(t.getMessage()).contains(message);
    assertNothingRan(transfers);
  }

  static Stream<Arguments> badConfigs() {
    String zone = "zones:\n  - name: corp.example.\n    hostedZoneId: ZFAULTS\n";
    String keys = "tsigKeys: [{name: k., secret: {env: S}}]\n";
    return Stream.of(
        Arguments.of(
            "masters of the wrong type",
            "version: 1\n" + keys + zone + "    masters: 5\n    tsig: k.\n",
            "masters"),
        Arguments.of(
            "a number that is text",
            "version: 1\n"
                + keys
                + zone
                + "    masters: [\"127.0.0.1\"]\n    tsig: k.\n    batch: {maxValues: many}\n",
            "batch.maxValues"),
        Arguments.of(
            "unknown top-level key",
            "version: 1\nzonez: []\n"
                + keys
                + zone
                + "    masters: [\"127.0.0.1\"]\n    tsig: k.\n",
            "unknown key 'zonez'"),
        Arguments.of(
            "unknown zone key",
            "version: 1\n"
                + keys
                + zone
                + "    masters: [\"127.0.0.1\"]\n    tsig: k.\n    tsgi: k.\n",
            "unknown key 'tsgi'"),
        Arguments.of(
            "bad master",
            "version: 1\n" + keys + zone + "    masters: [\"10.0.0.1:99999\"]\n    tsig: k.\n",
            "zones[0] (corp.example.).masters[0]"),
        Arguments.of(
            "batch above Route 53's limit",
            "version: 1\n"
                + keys
                + zone
                + "    masters: [\"127.0.0.1\"]\n    tsig: k.\n    batch: {maxValues: 5000}\n",
            "above Route 53's limit of 1000"),
        Arguments.of(
            "a timeout that is not a duration",
            "version: 1\n"
                + keys
                + zone
                + "    masters: [\"127.0.0.1\"]\n    tsig: k.\n    timeouts: {query: soon}\n",
            "timeouts.query"),
        Arguments.of("no zones", "version: 1\n" + keys, "at least one zone"),
        Arguments.of("not YAML", "version: 1\nzones: [\n", "not valid YAML"),
        Arguments.of(
            "oversized",
            "version: 1\n# " + "x".repeat(1 << 20) + "\n",
            "larger than 1048576 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void config_whenMalformed_failsTheInvocationNamingTheFieldAndNothingRuns(
      String what, String yaml, String message) {
    int transfers = transfersServed();

    Throwable t = invoke(handler(file(yaml).toString()), "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(t).as(what).isNotNull();
    assertThat(t.getMessage()).contains(message);
    assertNothingRan(transfers);
  }

  @Test
  void cli_whenTheConfigIsInvalidOrTheZoneUnknown_exitsWith2AndChangesNothing() {
    int transfers = transfersServed();
    CliProcess badConfig =
        CliProcess.start(
            goodYaml.replace("tsig: " + KEY, "tsig: no-such-key."),
            secret,
            route53.endpoint(),
            List.of(),
            Map.of());
    assertThat(badConfig.await(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(badConfig.stderr()).contains("tsig: no key named no-such-key.");
    assertThat(badConfig.stdout()).isBlank();
    CliProcess unknownZone =
        CliProcess.start(
            goodYaml,
            secret,
            route53.endpoint(),
            List.of(),
            Map.of(),
            List.of("--zone", "nope.example."));
    assertThat(unknownZone.await(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(unknownZone.stderr()).contains("unknown zone(s) [nope.example.]");

    assertNothingRan(transfers);
  }
}
