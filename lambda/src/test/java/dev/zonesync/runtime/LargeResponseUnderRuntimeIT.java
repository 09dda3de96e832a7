package dev.zonesync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonesync.Samples;
import dev.zonesync.contract.FunctionContract;
import dev.zonesync.testing.IndependentMirror;
import dev.zonesync.testing.LambdaJvm;
import dev.zonesync.testing.LambdaPackage;
import dev.zonesync.testing.LambdaRuntimeEmulator;
import dev.zonesync.testing.LambdaRuntimeEmulator.Invocation;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.ZoneFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first load of 50 zones of 1 200 RRsets through the deployable jar under the real Runtime
 * Interface Client inside the Runtime Interface Emulator: the response that came back is within 1
 * MiB (the emulator does not enforce Lambda's 6 MB, so its size is asserted), parses, and says
 * every zone APPLIED with exact counts and which lists it cut; the cut plans are in the log whole,
 * each event under CloudWatch Logs' 256 KB. Prints the response's size now and the size the report
 * had before it was bounded (pretty-printed, every list whole), rebuilt from the response and the
 * log.
 */
class LargeResponseUnderRuntimeIT {

  private static final String HANDLER = FunctionContract.HANDLER;
  private static final String KEY = "zonesync-transfer.";
  private static final String SECRET_ENV = "ZS_TSIG_SECRET";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int ZONES = 50;
  private static final int RRSETS = 1_200;

  /**
   * RRsets with long TXT values added to the first zone, named to sort before the generated ones:
   * its listed plan is over one log event's share and must come in several parts.
   */
  private static final int LONG_TXT = 300;

  private static final int BUDGET = 1_048_576;
  private static final int EVENT_LIMIT = 256 * 1024;
  private static final int EVENT_MARGIN = 200 * 1024;

  /** The report lists at most this many entries per list (README). */
  private static final int LISTED = 1_000;

  @TempDir Path dir;

  static String origin(int i) {
    return String.format(Locale.ROOT, "z%02d.budget.example.", i);
  }

  /** The generated zone, plus long TXT RRsets in zone 0. */
  static String zoneText(int i) {
    StringBuilder text = new StringBuilder(ZoneFiles.generate(origin(i), RRSETS, 2026120100L, i));
    if (i == 0) {
      String a = "a".repeat(250);
      String b = "b".repeat(150);
      for (int t = 0; t < LONG_TXT; t++) {
        text.append(String.format(Locale.ROOT, "big%04d IN TXT \"%s\" \"%s%04d\"%n", t, a, b, t));
      }
    }
    return text.toString();
  }

  /** Data RRsets zonesync creates on a first load: the generated ones, the glue {@code ns1} A. */
  static int expectedCreates(int i) {
    return RRSETS + 1 + (i == 0 ? LONG_TXT : 0);
  }

  @Test
  void firstLoadOf50Zones_returnsAResponseWithinOneMebibyte_andLogsTheCutPlansWhole()
      throws Exception {
    long started = System.nanoTime();
    String secret = NamedServer.generateTsigSecret();
    NamedServer.Builder master = NamedServer.builder().tsigKey(KEY, "hmac-sha256", secret);
    for (int i = 0; i < ZONES; i++) {
      master.zoneText(origin(i), zoneText(i));
    }
    MotoServer moto = MotoServer.shared();
    try (NamedServer named = master.start();
        LambdaPackage pkg = LambdaPackage.unpack(UnpackedPackageIT.deploymentPackage())) {
      Map<String, String> hostedZoneOf = new LinkedHashMap<>();
      // moto has no change-throughput bucket: at the default 500 changes/s the 60 000 creates
      // alone would take two minutes
      StringBuilder yaml =
          new StringBuilder(
              """
              version: 1
              tsigKeys:
                - name: %s
                  secret: {env: %s}
              execution: {concurrency: 8}
              route53: {requestsPerSecond: 50, burst: 50, minBatchTime: 300ms,\
               changesPerSecond: 1000000, changesBurst: 100000}
              zones:
              """
                  .formatted(KEY, SECRET_ENV));
      for (int i = 0; i < ZONES; i++) {
        String id = moto.createPrivateHostedZone(origin(i));
        hostedZoneOf.put(origin(i), id);
        yaml.append("  - name: ").append(origin(i)).append('\n');
        yaml.append("    hostedZoneId: ").append(id).append('\n');
        yaml.append("    masters: [\"").append(named.hostPort()).append("\"]\n");
        yaml.append("    tsig: ").append(KEY).append('\n');
        yaml.append("    timeouts: {query: 2s, transfer: 30s}\n");
      }
      Path config = dir.resolve("zonesync.yaml");
      Files.writeString(config, yaml);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("JAVA_TOOL_OPTIONS", FunctionContract.JAVA_TOOL_OPTIONS);
      env.put("ZONESYNC_CONFIG", config.toString());
      env.put(SECRET_ENV, secret);
      env.put(MotoServer.ENDPOINT_ENV, moto.endpoint().toString());
      long prepared = System.nanoTime();

      Invocation run;
      try (LambdaRuntimeEmulator function =
          LambdaRuntimeEmulator.builder(pkg, HANDLER)
              .environment(env)
              .timeoutSeconds(300)
              .start()) {
        run = function.invoke(Files.readString(Samples.event("sync-all.json")));
      }
      long invoked = System.nanoTime();

      // the bytes the emulator returned
      byte[] body = run.body().getBytes(StandardCharsets.UTF_8);
      assertThat(run.httpStatus()).isEqualTo(200);
      LambdaJvm.assertRunsOnJava21(run);
      assertThat(run.isError()).as("error: %s", abbreviate(run.body())).isFalse();
      assertThat(body.length).as("response bytes").isLessThanOrEqualTo(BUDGET);
      JsonNode response = JSON.readTree(body);
      assertThat(response.path("truncated").asBoolean()).isTrue();
      assertThat(response.path("ok").asBoolean()).isTrue();
      JsonNode zones = response.path("zones");
      for (int i = 0; i < ZONES; i++) {
        JsonNode z = zones.get(i);
        assertThat(z.path("zone").asText()).isEqualTo(origin(i));
        assertThat(z.path("status").asText()).as("%s: %s", origin(i), z).isEqualTo("APPLIED");
        assertThat(z.path("transfer").asText()).isEqualTo("AXFR");
        assertThat(z.path("changes").path("create").asInt()).isEqualTo(expectedCreates(i));
        assertThat(z.path("changes").path("update").asInt()).isZero();
        assertThat(z.path("changes").path("delete").asInt()).isZero();
        // the apex NS is Route 53's: reported, never written (a list short enough to stay whole)
        assertThat(z.path("skippedTotal").asInt()).isEqualTo(1);
        assertThat(z.path("skipped")).hasSize(1);
        assertThat(z.path("skipped").get(0).path("reason").asText()).isEqualTo("APEX_NS");
        assertThat(z.path("skippedTruncated").asBoolean(true)).isFalse();
        assertThat(z.path("planTruncated").asBoolean()).isTrue();
        assertThat(z.path("plan").size()).isBetween(1, LISTED - 1);
      }

      // the log: every zone's listed plan, whole, in parts under the event limit
      Map<String, List<JsonNode>> partsOf = new LinkedHashMap<>();
      int largestEvent = 0;
      for (String line : run.lines()) {
        if (!line.startsWith("{")) {
          continue;
        }
        JsonNode event = JSON.readTree(line);
        if (!event.path("message").asText().equals("plan") || !event.has("plan")) {
          continue;
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        largestEvent = Math.max(largestEvent, bytes);
        assertThat(bytes).as("plan event bytes").isLessThan(EVENT_LIMIT).isLessThan(EVENT_MARGIN);
        assertThat(event.path("function_request_id").asText()).isEqualTo(run.requestId());
        partsOf.computeIfAbsent(event.path("zone").asText(), k -> new ArrayList<>()).add(event);
      }
      assertThat(partsOf.keySet()).containsExactlyElementsOf(hostedZoneOf.keySet());
      assertThat(partsOf.get(origin(0))).as("the long-TXT zone's parts").hasSizeGreaterThan(1);
      ObjectNode before = response.deepCopy();
      before.remove("truncated");
      for (int i = 0; i < ZONES; i++) {
        List<JsonNode> parts = partsOf.get(origin(i));
        ArrayNode whole = JSON.createArrayNode();
        for (int p = 0; p < parts.size(); p++) {
          assertThat(parts.get(p).path("part").asInt()).isEqualTo(p + 1);
          assertThat(parts.get(p).path("parts").asInt()).isEqualTo(parts.size());
          assertThat(parts.get(p).path("hostedZoneId").asText())
              .isEqualTo(hostedZoneOf.get(origin(i)));
          whole.addAll((ArrayNode) parts.get(p).path("plan"));
        }
        assertThat(whole).hasSize(LISTED);
        JsonNode listed = zones.get(i).path("plan");
        for (int e = 0; e < listed.size(); e++) {
          assertThat(whole.get(e)).isEqualTo(listed.get(e));
        }
        ObjectNode z = (ObjectNode) before.path("zones").get(i);
        z.remove("skippedTruncated");
        z.set("plan", whole);
      }

      // what Route 53 holds: two zones against an independent reading of the master
      for (int i : new int[] {0, ZONES - 1}) {
        assertThat(IndependentMirror.hosted(origin(i), moto.listAll(hostedZoneOf.get(origin(i)))))
            .containsExactlyInAnyOrderElementsOf(
                IndependentMirror.expected(
                    origin(i), IndependentMirror.axfr(named.hostPort(), origin(i), KEY, secret)));
      }

      // the report before it was bounded: every listed entry, pretty-printed as the CLI prints it
      int prettyBefore =
          JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(before).length;
      int compactWhole = JSON.writeValueAsBytes(before).length;
      System.out.printf(
          Locale.ROOT,
          "LargeResponseUnderRuntimeIT: %d zones x %d RRsets (+%d long TXT in %s), first load under"
              + " RIE: response %d bytes (budget %d); the whole report %d bytes pretty-printed (the"
              + " response before the budget), %d compact; %d plan events, largest %d bytes;"
              + " setup %d ms, invoke %d ms (REPORT %s)%n",
          ZONES,
          RRSETS,
          LONG_TXT,
          origin(0),
          body.length,
          BUDGET,
          prettyBefore,
          compactWhole,
          partsOf.values().stream().mapToInt(List::size).sum(),
          largestEvent,
          (prepared - started) / 1_000_000,
          (invoked - prepared) / 1_000_000,
          run.reportedDuration().map(d -> d.toMillis() + " ms").orElse("?"));
      assertThat(prettyBefore).as("the unbounded report is over the budget").isGreaterThan(BUDGET);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "…";
  }
}
