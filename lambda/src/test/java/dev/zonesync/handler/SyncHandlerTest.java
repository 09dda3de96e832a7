package dev.zonesync.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigException;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.SecretUnavailableException;
import dev.zonesync.config.Settings;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.ZoneMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The handler in process, with in-memory parts: cold start / init type on the log lines, and
 * configuration failures turned into an ERROR line and the ConfigurationErrors metric.
 */
class SyncHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZONE = "corp.example.";
  private static final String CONFIG =
      """
      version: 1
      tsigKeys:
        - name: zonesync-transfer.
          secret:
            secretsManagerArn: arn:aws:secretsmanager:us-east-1:000000000000:secret:zonesync-tsig-AbCdEf
      route53: {minBatchTime: 1ms}
      zones:
        - name: corp.example.
          hostedZoneId: ZTESTZONE0000000000
          masters: ["192.0.2.1"]
          tsig: zonesync-transfer.
      """;

  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setOut(originalOut);
  }

  private List<JsonNode> invoke(SyncHandler h, String payload, String requestId) throws Exception {
    stdout.reset();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      h.handleRequest(
          new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
          new ByteArrayOutputStream(),
          new LocalInvoke.LocalContext(60_000, System.currentTimeMillis(), requestId));
    } finally {
      System.setOut(originalOut);
      originalOut.print(stdout.toString(StandardCharsets.UTF_8));
    }
    return lines();
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
      if (l.startsWith("{")) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  private static List<JsonNode> logLines(List<JsonNode> lines) {
    return lines.stream().filter(n -> n.has("level")).toList();
  }

  private static List<JsonNode> emf(List<JsonNode> lines, String metric) {
    return lines.stream()
        .filter(n -> n.has("_aws"))
        .filter(n -> n.path("_aws").path("CloudWatchMetrics").toString().contains(metric))
        .toList();
  }

  /** An engine over an in-memory Route 53 whose sources fail with {@code sourceFailure}. */
  private static Engine engine(
      dev.zonesync.app.SourceObserver observer, RuntimeException sourceFailure) {
    Settings s = ConfigParser.parse(CONFIG, "test configuration");
    return Engines.create(
        s,
        Route53Clients.create(
            s.route53(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "test")),
            new dev.zonesync.app.CannedRoute53(ZONE)),
        observer.observe(
            zone -> {
              throw sourceFailure;
            }));
  }

  private static Lifecycle lifecycle(String initType) {
    return new Lifecycle(
        initType == null
            ? Map.of(Lifecycle.PRIME_ENV, "off")
            : Map.of(ContainerState.INIT_TYPE_ENV, initType, Lifecycle.PRIME_ENV, "off"),
        null);
  }

  @Test
  void coldStart_isTrueOnTheFirstInvocationAfterInitAndAfterRestore_withInitTypeAndRestored()
      throws Exception {
    Lifecycle life = lifecycle("snap-start");
    SyncHandler h =
        new SyncHandler(
            "cfg",
            (location, observer) ->
                engine(observer, new IllegalStateException("master unreachable")),
            life);

    List<JsonNode> first = logLines(invoke(h, "{\"dryRun\":true}", "r1"));
    assertThat(first).isNotEmpty();
    assertThat(first)
        .allSatisfy(
            n -> {
              assertThat(n.path("cold_start").asBoolean()).isTrue();
              assertThat(n.path("init_type").asText()).isEqualTo("snap-start");
              assertThat(n.path("restored").asBoolean()).isFalse();
              assertThat(n.path("function_request_id").asText()).isEqualTo("r1");
              assertThat(n.path("function_name").asText()).isEqualTo("zonesync-local");
            });

    // between invocations, lines carry the container's fields only
    assertThat(dev.zonesync.logging.LogFields.current()).containsOnlyKeys("init_type", "restored");
    List<JsonNode> second = logLines(invoke(h, "{\"dryRun\":true}", "r2"));
    assertThat(second)
        .isNotEmpty()
        .allSatisfy(n -> assertThat(n.path("cold_start").asBoolean()).isFalse());

    life.afterRestore(null);
    List<JsonNode> restored = logLines(invoke(h, "{\"dryRun\":true}", "r3"));
    assertThat(restored)
        .isNotEmpty()
        .allSatisfy(
            n -> {
              assertThat(n.path("cold_start").asBoolean()).isTrue();
              assertThat(n.path("restored").asBoolean()).isTrue();
              assertThat(n.path("init_type").asText()).isEqualTo("snap-start");
            });
    List<JsonNode> afterThat = logLines(invoke(h, "{\"dryRun\":true}", "r4"));
    assertThat(afterThat).allSatisfy(n -> assertThat(n.path("cold_start").asBoolean()).isFalse());
  }

  @Test
  void invocation_writesFullReconcileOverdueForTheFunction_butADryRunDoesNot() throws Exception {
    SyncHandler h =
        new SyncHandler(
            "cfg",
            (location, observer) ->
                engine(observer, new IllegalStateException("master unreachable")),
            lifecycle(null));

    List<JsonNode> docs = emf(invoke(h, "{}", "r1"), "FullReconcileOverdue");
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).path("Function").asText()).isEqualTo("zonesync-local");
    // The failed zone's report says nothing about its full reconcile: not counted as overdue.
    assertThat(docs.get(0).path("FullReconcileOverdue").asDouble()).isEqualTo(0.0);

    assertThat(emf(invoke(h, "{\"dryRun\":true}", "r2"), "FullReconcileOverdue")).isEmpty();
  }

  @Test
  void initType_defaultsToOnDemandAndFollowsTheEnvironment() {
    assertThat(new ContainerState(Map.of()).initType()).isEqualTo("on-demand");
    assertThat(
            new ContainerState(Map.of(ContainerState.INIT_TYPE_ENV, "provisioned-concurrency"))
                .initType())
        .isEqualTo("provisioned-concurrency");
    assertThat(
            ContainerState.traceId(
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f;Sampled=1"))
        .isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
  }

  @Test
  void invalidConfigurationAtLoad_logsWhatToFix_writesTheMetric_andFailsTheInvocation()
      throws Exception {
    String location = "ssm:/zonesync/config";
    SyncHandler h =
        new SyncHandler(
            location,
            (loc, observer) -> {
              ConfigParser.parse(
                  "version: 1\nzones: [{name: corp.example.}]\n", "SSM parameter /zonesync/config");
              return null;
            },
            lifecycle(null));
    assertThatThrownBy(() -> invoke(h, "", "r1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SSM parameter /zonesync/config");

    List<JsonNode> all = lines();
    JsonNode error =
        logLines(all).stream()
            .filter(n -> n.path("level").asText().equals("ERROR"))
            .findFirst()
            .orElseThrow();
    assertThat(error.path("message").asText())
        .contains("configuration error in ssm:/zonesync/config")
        .contains("zones[0] (corp.example.).hostedZoneId")
        .contains("fix: correct ssm:/zonesync/config");
    assertThat(error.path("configLocation").asText()).isEqualTo(location);
    assertThat(error.path("errorType").asText()).isEqualTo("ConfigException");
    assertThat(error.path("function_request_id").asText()).isEqualTo("r1");

    List<JsonNode> docs = emf(all, "ConfigurationErrors");
    assertThat(docs).hasSize(1);
    JsonNode d = docs.get(0);
    JsonNode directive = d.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Function\"]]");
    assertThat(directive.path("Metrics").get(0).path("Name").asText())
        .isEqualTo("ConfigurationErrors");
    assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
    assertThat(d.path("Function").asText()).isEqualTo("zonesync-local");
    assertThat(d.path("ConfigurationErrors").asDouble()).isEqualTo(1.0);
    assertThat(ZoneMetrics.CONFIGURATION_ERRORS).isEqualTo("ConfigurationErrors");
  }

  @Test
  void loadFailure_isRetriedOnTheNextInvocation_andCountedEachTime() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    SyncHandler h =
        new SyncHandler(
            "cfg.yaml",
            (loc, observer) -> {
              loads.incrementAndGet();
              throw new ConfigException(
                  "configuration file cfg.yaml does not exist", (Throwable) null);
            },
            lifecycle(null));
    assertThatThrownBy(() -> invoke(h, "", "r1")).isInstanceOf(ConfigException.class);
    assertThat(emf(lines(), "ConfigurationErrors")).hasSize(1);
    assertThatThrownBy(() -> invoke(h, "", "r2")).isInstanceOf(ConfigException.class);
    assertThat(emf(lines(), "ConfigurationErrors")).hasSize(1);
    assertThat(loads).hasValue(2);
  }

  @Test
  void unreadableSecretAtZoneRun_logsTheKeyToFix_writesTheMetric_zoneFails() throws Exception {
    String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:zonesync-tsig-AbCdEf";
    SyncHandler h =
        new SyncHandler(
            "cfg",
            (loc, observer) ->
                engine(
                    observer,
                    new SecretUnavailableException(
                        "cannot read secret " + arn + ": ResourceNotFoundException")),
            lifecycle(null));
    stdout.reset();
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      h.handleRequest(
          new ByteArrayInputStream(new byte[0]),
          report,
          new LocalInvoke.LocalContext(60_000, System.currentTimeMillis(), "r1"));
    } finally {
      System.setOut(originalOut);
    }
    JsonNode r = JSON.readTree(report.toByteArray());
    assertThat(r.path("zones").get(0).path("status").asText()).isEqualTo("FAILED");
    List<JsonNode> all = lines();
    JsonNode error =
        logLines(all).stream()
            .filter(n -> n.path("message").asText().startsWith("configuration error"))
            .findFirst()
            .orElseThrow();
    assertThat(error.path("level").asText()).isEqualTo("ERROR");
    assertThat(error.path("message").asText())
        .contains("configuration error in zone corp.example.")
        .contains(arn)
        .contains("TSIG key zonesync-transfer.")
        .contains("tsigKeys[zonesync-transfer.]");
    assertThat(error.path("zone").asText()).isEqualTo(ZONE);
    assertThat(error.path("tsigKey").asText()).isEqualTo("zonesync-transfer.");
    assertThat(error.path("errorType").asText()).isEqualTo("SecretUnavailableException");
    List<JsonNode> docs = emf(all, "ConfigurationErrors");
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).path("ConfigurationErrors").asDouble()).isEqualTo(1.0);
    assertThat(docs.get(0).path("configurationErrors").path("zone corp.example.").asText())
        .contains(arn);
  }

  @Test
  void otherFailures_writeNoConfigurationErrorMetric() throws Exception {
    SyncHandler h =
        new SyncHandler(
            "cfg",
            (loc, observer) -> engine(observer, new IllegalStateException("master unreachable")),
            lifecycle(null));
    invoke(h, "", "r1"); // the zone FAILS for another reason
    assertThat(emf(lines(), "ConfigurationErrors")).isEmpty();
    // an unknown zone in the request is the caller's mistake, not the configuration's
    assertThatThrownBy(() -> invoke(h, "{\"zones\":[\"nope.example.\"]}", "r2"))
        .hasMessageContaining("unknown zone(s) [nope.example.]");
    assertThat(emf(lines(), "ConfigurationErrors")).isEmpty();
  }

  /** Invokes {@code h} with a sync of every zone; the response's bytes (log lines in stdout). */
  private byte[] response(SyncHandler h) throws Exception {
    stdout.reset();
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      h.handleRequest(
          new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
          response,
          new LocalInvoke.LocalContext(60_000, System.currentTimeMillis(), "r1"));
    } finally {
      System.setOut(originalOut);
    }
    return response.toByteArray();
  }

  private static Engine cannedEngine() {
    try {
      return dev.zonesync.app.CannedSync.engine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void response_isCompactJsonWithinItsBudget_andTheCutPlanIsLoggedWhole() throws Exception {
    byte[] whole = response(new SyncHandler("cfg", (loc, observer) -> cannedEngine()));
    JsonNode wholeJson = JSON.readTree(whole);
    assertThat(new String(whole, StandardCharsets.UTF_8)).doesNotContain("\n");
    assertThat(wholeJson.path("truncated").asBoolean(true)).isFalse();
    JsonNode wholeZone = wholeJson.path("zones").get(0);
    assertThat(wholeZone.path("status").asText()).isEqualTo("APPLIED");
    int planned = wholeZone.path("plan").size();
    assertThat(planned).isGreaterThan(5);

    int budget = whole.length - 100;
    byte[] cut =
        response(
            new SyncHandler(
                "cfg",
                (loc, observer) -> cannedEngine(),
                new dev.zonesync.app.ResponseBudget(budget)));

    assertThat(cut.length).isLessThanOrEqualTo(budget);
    JsonNode cutJson = JSON.readTree(cut);
    assertThat(cutJson.path("truncated").asBoolean()).isTrue();
    JsonNode zone = cutJson.path("zones").get(0);
    assertThat(zone.path("plan").size()).isLessThan(planned);
    assertThat(zone.path("planTruncated").asBoolean()).isTrue();
    assertThat(zone.path("changes")).isEqualTo(wholeZone.path("changes"));
    List<JsonNode> events =
        logLines(lines()).stream().filter(n -> n.path("message").asText().equals("plan")).toList();
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("zone").asText()).isEqualTo(dev.zonesync.app.CannedSync.ZONE);
              assertThat(e.path("part").asInt()).isEqualTo(1);
              assertThat(e.path("parts").asInt()).isEqualTo(1);
              assertThat(e.path("function_request_id").asText()).isEqualTo("r1");
              assertThat(e.path("plan")).isEqualTo(wholeZone.path("plan"));
            });
  }
}
