package dev.zonesync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.Samples;
import dev.zonesync.contract.FunctionContract;
import dev.zonesync.testing.LambdaJvm;
import dev.zonesync.testing.LambdaPackage;
import dev.zonesync.testing.LambdaRuntimeEmulator;
import dev.zonesync.testing.LambdaRuntimeEmulator.Invocation;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable {@code zonesync.jar} as Lambda runs it: unpacked into a task root, started by the
 * real Runtime Interface Client inside the real Runtime Interface Emulator on a Java 21 runtime
 * (the java21 runtime's JVM options plus the deployed {@code JAVA_TOOL_OPTIONS}), configured only
 * through environment variables, syncing a real {@code named} (TSIG) into moto's Route 53.
 */
class HandlerUnderRuntimeIT {

  static final String HANDLER = FunctionContract.HANDLER;
  private static final String SECRET_ENV = "ZS_TSIG_SECRET";

  private static LambdaPackage pkg;
  private static MotoServer moto;

  @TempDir Path dir;
  private final String secret = NamedServer.generateTsigSecret();
  private NamedServer named;
  private String zoneId;
  private LambdaRuntimeEmulator function;

  @BeforeAll
  static void unpack() {
    pkg = LambdaPackage.unpack(UnpackedPackageIT.deploymentPackage());
    moto = MotoServer.shared();
  }

  @AfterAll
  static void removePackage() {
    if (pkg != null) {
      pkg.close();
    }
  }

  @BeforeEach
  void master() {
    named =
        NamedServer.builder()
            .tsigKey(SyncHarness.KEY, "hmac-sha256", secret)
            .zone(SyncHarness.ZONE, Samples.sample("corp.example.zone"))
            .start();
    zoneId = moto.createPrivateHostedZone(SyncHarness.ZONE);
  }

  @AfterEach
  void stop() {
    if (function != null) {
      function.close();
    }
    named.close();
  }

  /** The sample zone, metrics: detailed: the function writes its per-zone document too. */
  static String config(String hostedZoneId, String master) {
    return SyncHarness.sampleZoneConfig(hostedZoneId, master, SECRET_ENV)
        .replace("    tsig: ", "    metrics: detailed\n    tsig: ");
  }

  /** The function's environment as the CDK app would configure it, pointed at the emulators. */
  static Map<String, String> functionEnvironment(Path config, String secret) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_TOOL_OPTIONS", FunctionContract.JAVA_TOOL_OPTIONS);
    env.put("ZONESYNC_CONFIG", config.toString());
    env.put(SECRET_ENV, secret);
    env.put(MotoServer.ENDPOINT_ENV, moto.endpoint().toString());
    return env;
  }

  private LambdaRuntimeEmulator start(String configText) throws IOException {
    Path config = dir.resolve("zonesync.yaml");
    Files.writeString(config, configText);
    return LambdaRuntimeEmulator.builder(pkg, HANDLER)
        .environment(functionEnvironment(config, secret))
        .timeoutSeconds(120)
        .start();
  }

  private static String payload(String eventFile) throws IOException {
    return Files.readString(Samples.event(eventFile));
  }

  @Test
  void syncZoneEvent_appliesTheSampleZone_thenIsUpToDate() throws IOException {
    function = start(config(zoneId, named.hostPort()));

    Invocation first = function.invoke(payload("sync-zone.json"));

    assertThat(first.isError()).as("first invocation: %s", first.body()).isFalse();
    System.out.println(LambdaJvm.assertRunsOnJava21(first));
    // the JVM applied the deployed options (it says so on stderr, which the runtime logs)
    assertThat(first.lines())
        .contains("Picked up JAVA_TOOL_OPTIONS: " + FunctionContract.JAVA_TOOL_OPTIONS);
    JsonNode zone = first.json().path("zones").get(0);
    assertThat(zone.path("zone").asText()).isEqualTo("corp.example.");
    assertThat(zone.path("status").asText()).as(first.body()).isEqualTo("APPLIED");
    assertThat(SyncHarness.mirrorLines(zoneId))
        .containsExactlyInAnyOrderElementsOf(SyncHarness.golden("corp.example.mirror"));

    // the function's stdout: JSON log events with the zone's fields, one EMF document
    List<JsonNode> events = first.logEvents();
    assertThat(events).as("JSON log lines in %s", first.lines()).isNotEmpty();
    assertThat(events).allSatisfy(e -> assertThat(e.has("level") && e.has("message")).isTrue());
    JsonNode summary =
        events.stream()
            .filter(e -> e.has("zone") && e.has("status"))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no log line with zone fields: " + events));
    assertThat(summary.path("zone").asText()).isEqualTo("corp.example.");
    assertThat(summary.path("status").asText()).isEqualTo("APPLIED");
    assertThat(summary.path("level").asText()).isEqualTo("INFO");
    assertThat(summary.path("function_request_id").asText()).isEqualTo(first.requestId());
    // one document for the zone (metrics: detailed), one for the function
    assertThat(first.emfDocuments()).hasSize(2);
    assertThat(first.emfDocuments().get(1).path("FullReconcileOverdue").asDouble()).isZero();
    assertThat(first.emfDocuments().get(1).path("ZonesApplied").asDouble()).isEqualTo(1.0);
    assertThat(first.emfDocuments().get(1).path("RunsCompleted").asDouble()).isEqualTo(1.0);
    JsonNode emf = first.emfDocuments().get(0);
    assertThat(emf.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
        .isEqualTo("ZoneSync");
    assertThat(emf.path("Zone").asText()).isEqualTo("corp.example.");
    assertThat(emf.path("Applied").asDouble()).isEqualTo(1.0);
    assertThat(first.lines()).noneMatch(l -> l.contains(secret));

    Invocation second = function.invoke(payload("sync-zone.json"));

    assertThat(second.json().path("zones").get(0).path("status").asText())
        .as(second.body())
        .isEqualTo("UP_TO_DATE");
    assertThat(second.initDuration()).isEmpty();
    assertThat(second.emfDocuments()).hasSize(2);
    assertThat(second.emfDocuments().get(0).path("UpToDate").asDouble()).isEqualTo(1.0);
    assertThat(second.emfDocuments().get(1).path("ZonesUpToDate").asDouble()).isEqualTo(1.0);
    assertThat(second.lines()).noneMatch(l -> l.contains(secret));
    System.out.printf(
        "under RIE: first invoke %d ms wall (init %s), second %d ms wall%n",
        first.wallTime().toMillis(),
        first.initDuration().map(Duration::toMillis).orElse(-1L),
        second.wallTime().toMillis());
  }

  @Test
  void configWithATypoedKey_failsTheInvocationWithTheLambdaErrorShapeNamingTheKey()
      throws IOException {
    String typo = config(zoneId, named.hostPort()).replace("hostedZoneId:", "hostedZoneID:");
    function = start(typo);

    Invocation r = function.invoke(payload("sync-zone.json"));

    assertThat(r.isError()).as("error shape: %s", r.body()).isTrue();
    JsonNode error = r.json();
    assertThat(error.path("errorType").asText()).isEqualTo("dev.zonesync.config.ConfigException");
    assertThat(error.path("errorMessage").asText())
        .contains("unknown key 'hostedZoneID'")
        .contains("zonesync.yaml");
    assertThat(SyncHarness.mirrorLines(zoneId)).as("nothing written").isEmpty();
    assertThat(r.lines()).noneMatch(l -> l.contains(secret));
  }

  /**
   * Cold starts: {@code zonesync.coldStarts} (default 5) fresh emulators, each syncing the sample
   * zone into a new hosted zone, then invoking again; prints min/median/max of both.
   */
  @Test
  void freshStarts_eachAppliesThenIsUpToDate_andPrintTimings() throws IOException {
    int starts = Integer.getInteger("zonesync.coldStarts", 5);
    List<Long> firsts = new ArrayList<>();
    List<Long> seconds = new ArrayList<>();
    List<Long> inits = new ArrayList<>();
    for (int i = 0; i < starts; i++) {
      String zone = i == 0 ? zoneId : moto.createPrivateHostedZone(SyncHarness.ZONE);
      try (LambdaRuntimeEmulator fn = start(config(zone, named.hostPort()))) {
        Invocation first = fn.invoke(payload("sync-zone.json"));
        Invocation second = fn.invoke(payload("sync-zone.json"));
        LambdaJvm.assertRunsOnJava21(first);
        assertThat(first.json().path("zones").get(0).path("status").asText())
            .as(first.body())
            .isEqualTo("APPLIED");
        assertThat(second.json().path("zones").get(0).path("status").asText())
            .isEqualTo("UP_TO_DATE");
        firsts.add(first.wallTime().toMillis());
        seconds.add(second.wallTime().toMillis());
        inits.add(first.initDuration().map(Duration::toMillis).orElse(-1L));
      }
    }
    System.out.printf(
        "cold starts under RIE (%d fresh starts, %s): first invoke (init+invoke) wall ms %s;"
            + " RIE INIT REPORT ms %s; second invoke wall ms %s%n",
        starts, "function on " + LambdaJvm.java(), stats(firsts), stats(inits), stats(seconds));
  }

  private static String stats(List<Long> values) {
    List<Long> s = values.stream().sorted().toList();
    return "min "
        + s.get(0)
        + " / median "
        + s.get(s.size() / 2)
        + " / max "
        + s.getLast()
        + " "
        + values;
  }
}
