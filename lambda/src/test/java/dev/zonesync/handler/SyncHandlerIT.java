package dev.zonesync.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.Samples;
import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigLoader;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Route53Settings;
import dev.zonesync.config.Settings;
import dev.zonesync.route53.Route53Clients;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The Lambda handler invoked with every sample payload in {@code events/}, as the runtime does. */
class SyncHandlerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final String secret = NamedServer.generateTsigSecret();
  private NamedServer named;
  private Route53Proxy proxy;
  private MotoServer moto;
  private String zoneId;
  private SyncHandler handler;

  @BeforeEach
  void setUp() throws IOException {
    named =
        NamedServer.builder()
            .tsigKey("zonesync-transfer.", "hmac-sha256", secret)
            .zone("corp.example.", Samples.sample("corp.example.zone"))
            .start();
    moto = MotoServer.shared();
    proxy = Route53Proxy.in(moto);
    zoneId = moto.createPrivateHostedZone("corp.example.");
    Path config = dir.resolve("zonesync.yaml");
    // metrics: detailed: the zone's own EMF document is written beside the function's
    Files.writeString(
        config,
        SyncHarness.sampleZoneConfig(zoneId, named.hostPort(), "ZS_SECRET")
            .replace("    tsig: ", "    metrics: detailed\n    tsig: "));
    handler =
        new SyncHandler(
            config.toString(),
            location -> {
              Settings s = new ConfigLoader(() -> null).load(location);
              return Engines.create(
                  s,
                  Route53Clients.create(
                      Route53Settings.DEFAULT.withEndpoint(proxy.endpoint()),
                      StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS)),
                  new DnsSourceFactory(new LocalSecretResolver(Map.of("ZS_SECRET", secret), null)));
            });
  }

  @AfterEach
  void tearDown() {
    named.close();
    proxy.close();
  }

  private JsonNode invoke(String eventFile) throws IOException {
    return invoke(Files.readAllBytes(Samples.event(eventFile)));
  }

  private JsonNode invoke(byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(payload),
        out,
        new LocalInvoke.LocalContext(120_000, System.currentTimeMillis(), "test-request"));
    return JSON.readTree(out.toByteArray());
  }

  private static String status(JsonNode report) {
    return report.path("zones").get(0).path("status").asText();
  }

  @Test
  void everySamplePayload_runsThroughTheHandler() throws IOException {
    JsonNode dry = invoke("dry-run.json");
    assertThat(status(dry)).isEqualTo("DRY_RUN");
    assertThat(proxy.calls("ChangeResourceRecordSets")).isEmpty();
    assertThat(dry.path("zones").get(0).path("changes").path("create").asInt()).isGreaterThan(30);

    JsonNode scheduled = invoke("scheduled-event.json");
    assertThat(status(scheduled)).isEqualTo("APPLIED");
    assertThat(scheduled.path("ok").asBoolean()).isTrue();
    JsonNode zone = scheduled.path("zones").get(0);
    for (String field :
        new String[] {
          "zone",
          "hostedZoneId",
          "status",
          "transfer",
          "sourceSerial",
          "previousSerial",
          "changes",
          "skipped",
          "batches",
          "apiCalls",
          "durationMs"
        }) {
      assertThat(zone.has(field)).as(field).isTrue();
    }
    assertThat(zone.path("hostedZoneId").asText()).isEqualTo(zoneId);

    assertThat(status(invoke("sync-all.json"))).isEqualTo("UP_TO_DATE");
    assertThat(status(invoke("sync-zone.json"))).isEqualTo("UP_TO_DATE");
    JsonNode forced = invoke("force-sync.json");
    assertThat(forced.path("zones").get(0).path("transfer").asText()).isEqualTo("AXFR");
    assertThat(forced.path("zones").get(0).path("changes").path("create").asInt()).isZero();
    JsonNode full = invoke("full-reconcile.json");
    assertThat(full.path("zones").get(0).path("transfer").asText()).isEqualTo("AXFR");
    assertThat(status(full)).isEqualTo("UP_TO_DATE");
  }

  /** Invokes the handler and returns what the function wrote to stdout (logs and metrics). */
  private List<String> stdoutOf(String eventFile) throws IOException {
    java.io.PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      invoke(eventFile);
    } finally {
      System.setOut(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text.lines().filter(l -> l.startsWith("{")).toList();
  }

  @Test
  void handler_emitsTheFunctionsDocumentAndOneForTheDetailedZone() throws IOException {
    List<String> lines = stdoutOf("sync-zone.json");
    List<JsonNode> emf = new java.util.ArrayList<>();
    for (String l : lines) {
      JsonNode n = JSON.readTree(l);
      if (n.has("_aws")) {
        emf.add(n);
      }
    }
    assertThat(emf).hasSize(2);
    assertThat(
            emf.get(1).path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
        .isEqualTo("[[\"Function\"]]");
    assertThat(emf.get(1).path("FullReconcileOverdue").asDouble()).isZero();
    assertThat(emf.get(1).path("ZonesApplied").asDouble()).isEqualTo(1.0);
    assertThat(emf.get(1).path("RecordsCreated").asDouble())
        .isEqualTo(emf.get(0).path("RecordsCreated").asDouble());
    JsonNode doc = emf.get(0);
    JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Zone\"]]");
    List<String> names = new java.util.ArrayList<>();
    directive.path("Metrics").forEach(m -> names.add(m.path("Name").asText()));
    assertThat(names)
        .contains(
            "Succeeded",
            "Applied",
            "UpToDate",
            "Failed",
            "Rejected",
            "Partial",
            "RecordsCreated",
            "RecordsUpdated",
            "RecordsDeleted",
            "RecordsSkipped",
            "Batches",
            "Route53Calls",
            "Route53Throttles",
            "Route53Retries",
            "TransferDuration",
            "SyncDuration",
            "SourceSerial",
            "DriftDetected");
    assertThat(doc.path("Zone").asText()).isEqualTo("corp.example.");
    assertThat(doc.path("Succeeded").asDouble()).isEqualTo(1.0);
    assertThat(doc.path("Applied").asDouble()).isEqualTo(1.0);
    assertThat(doc.path("RecordsCreated").asDouble()).isGreaterThan(30);
    assertThat(doc.path("SourceSerial").asLong()).isEqualTo(2026112201L);
    // 7 by ownership, plus the sample's name with a space, which Route 53 does not accept
    assertThat(doc.path("RecordsSkipped").asDouble()).isEqualTo(8);
  }

  @Test
  void handler_logsJsonLinesWithZoneFieldsAndNeverTheSecret() throws IOException {
    List<String> lines = stdoutOf("sync-zone.json");
    JsonNode summary = null;
    for (String l : lines) {
      JsonNode n = JSON.readTree(l);
      if (n.has("status") && n.has("zone") && n.has("message")) {
        summary = n;
      }
    }
    assertThat(summary).as("a summary log line with zone fields in %s", lines).isNotNull();
    assertThat(summary.path("zone").asText()).isEqualTo("corp.example.");
    assertThat(summary.path("status").asText()).isEqualTo("APPLIED");
    assertThat(summary.path("transfer").asText()).isEqualTo("AXFR");
    assertThat(summary.path("sourceSerial").asText()).isEqualTo("2026112201");
    assertThat(summary.path("master").asText()).isEqualTo(named.hostPort());
    assertThat(summary.path("created").asInt()).isGreaterThan(30);
    // what the stack's saved queries read
    assertThat(summary.path("outcome").asText()).isEqualTo("APPLIED");
    assertThat(summary.path("succeeded").asText()).isEqualTo("1");
    assertThat(summary.path("changes").asInt()).isEqualTo(summary.path("created").asInt());
    assertThat(summary.path("path").asText()).isEqualTo("full");
    assertThat(summary.path("function_request_id").asText()).isEqualTo("test-request");
    assertThat(summary.path("hostedZoneId").asText()).isEqualTo(zoneId);
    for (String l : lines) {
      assertThat(l).doesNotContain(secret);
    }
  }

  @Test
  void malformedPayload_failsTheInvocationAndChangesNothing() {
    assertThatThrownBy(
            () -> invoke("{\"zone\": \"corp.example.\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("unknown field(s) [zone]");
    assertThatThrownBy(
            () -> invoke("{\"zones\": [\"nope.example.\"]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("unknown zone(s) [nope.example.]");
    assertThat(proxy.calls("ChangeResourceRecordSets")).isEmpty();
  }
}
