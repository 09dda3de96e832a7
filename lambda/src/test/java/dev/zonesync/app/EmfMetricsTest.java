package dev.zonesync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.sync.port.LearnedRates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The documents an invocation writes: one function-level document (dimension Function) with the
 * same metrics whatever the zone count, and per-zone documents only for zones configured {@code
 * metrics: detailed}.
 */
class EmfMetricsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "zonesync-test";
  private static final Predicate<String> NONE_DETAILED = zone -> false;

  /** The function-level metrics as the README lists them. */
  private static final List<String> FUNCTION_METRICS =
      List.of(
          "ZonesApplied Count",
          "ZonesUpToDate Count",
          "ZonesFailed Count",
          "ZonesRejected Count",
          "ZonesPartial Count",
          "ZonesNotStarted Count",
          "RecordsCreated Count",
          "RecordsUpdated Count",
          "RecordsDeleted Count",
          "RecordsSkipped Count",
          "Route53Calls Count",
          "Route53Throttles Count",
          "Route53Retries Count",
          "DriftDetected Count",
          "SyncDuration Milliseconds",
          "RunsCompleted Count",
          "FullReconcileOverdue Count",
          "FullReconcileFailing Count",
          "UnresolvedCuts Count",
          "CatalogsFailed Count",
          "MembersQuarantined Count",
          "OldestQuarantineSeconds Seconds");

  // --- the function-level document ---------------------------------------------------------------

  @ParameterizedTest(
      name =
          "{0} -> applied {1}, up to date {2}, failed {3}, rejected {4}, partial {5}, not started {6}")
  @CsvSource({
    "'UP_TO_DATE',                                      0, 1, 0, 0, 0, 0",
    "'APPLIED APPLIED UP_TO_DATE',                       2, 1, 0, 0, 0, 0",
    "'FAILED REJECTED PARTIAL',                          0, 0, 1, 1, 1, 0",
    "'NOT_STARTED NOT_STARTED FAILED',                   0, 0, 1, 0, 0, 2",
    "'APPLIED UP_TO_DATE FAILED REJECTED PARTIAL NOT_STARTED', 1, 1, 1, 1, 1, 1",
  })
  void functionDocument_countsTheZonesByHowTheyEnded(
      String outcomes,
      int applied,
      int upToDate,
      int failed,
      int rejected,
      int partial,
      int notStarted)
      throws Exception {
    List<ZoneReport> zones = new ArrayList<>();
    int i = 0;
    for (String o : outcomes.split(" ")) {
      zones.add(
          o.equals("NOT_STARTED")
              ? ZoneReport.notStarted("z" + i++ + ".example.", "Z1")
              : zone("z" + i++ + ".example.", Status.valueOf(o)).build());
    }

    JsonNode doc =
        functionDocument(EmfMetrics.documents(RunReport.of(zones), FUNCTION, NONE_DETAILED, 1234));

    assertThat(doc.path("ZonesApplied").asInt()).isEqualTo(applied);
    assertThat(doc.path("ZonesUpToDate").asInt()).isEqualTo(upToDate);
    assertThat(doc.path("ZonesFailed").asInt()).isEqualTo(failed);
    assertThat(doc.path("ZonesRejected").asInt()).isEqualTo(rejected);
    assertThat(doc.path("ZonesPartial").asInt()).isEqualTo(partial);
    assertThat(doc.path("ZonesNotStarted").asInt()).isEqualTo(notStarted);
    assertThat(doc.path("RunsCompleted").asInt()).isEqualTo(1);
    assertThat(doc.path("SyncDuration").asLong()).isEqualTo(1234);
  }

  @Test
  void functionDocument_hasEveryFunctionMetricOnTheFunctionDimensionOnly() throws Exception {
    RunReport run = RunReport.of(List.of(zone("a.example.", Status.UP_TO_DATE).build()));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION, NONE_DETAILED, 5));

    JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Function\"]]");
    assertThat(directive.path("Metrics"))
        .extracting(m -> m.path("Name").asText() + " " + m.path("Unit").asText())
        // the EMF library keeps its metrics in a hash map: the order is FunctionMetrics' own
        .containsExactlyInAnyOrderElementsOf(FUNCTION_METRICS);
    assertThat(doc.path("Function").asText()).isEqualTo(FUNCTION);
    assertThat(doc.has("Zone")).isFalse();
  }

  @Test
  void functionDocument_sumsTheZonesChangesCallsAndDrift() throws Exception {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.APPLIED)
                    .changes(3, 2, 1)
                    .calls(2, 1, 2)
                    .skipped(4)
                    .drift(true)
                    .build(),
                zone("b.example.", Status.PARTIAL).changes(10, 0, 5).calls(7, 0, 0).build(),
                // a refused plan changed nothing: its counts are the plan's, not sent
                zone("c.example.", Status.REJECTED)
                    .changes(100, 100, 100)
                    .calls(1, 0, 0)
                    .skipped(1)
                    .build(),
                zone("d.example.", Status.UP_TO_DATE).calls(1, 0, 1).drift(false).build()));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION, NONE_DETAILED, 5));

    assertThat(doc.path("RecordsCreated").asInt()).isEqualTo(13);
    assertThat(doc.path("RecordsUpdated").asInt()).isEqualTo(2);
    assertThat(doc.path("RecordsDeleted").asInt()).isEqualTo(6);
    assertThat(doc.path("RecordsSkipped").asInt()).isEqualTo(5);
    assertThat(doc.path("Route53Calls").asInt()).isEqualTo(11);
    assertThat(doc.path("Route53Throttles").asInt()).isEqualTo(1);
    assertThat(doc.path("Route53Retries").asInt()).isEqualTo(3);
    assertThat(doc.path("DriftDetected").asInt()).isEqualTo(1);
    assertThat(doc.path("driftZones").toString()).isEqualTo("[\"a.example.\"]");
  }

  @Test
  void functionDocument_listsTheZonesBehindEachUnhealthyCount() throws Exception {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.FAILED).build(),
                ZoneReport.notStarted("b.example.", "Z1"),
                zone("c.example.", Status.REJECTED).build(),
                zone("d.example.", Status.PARTIAL).build(),
                zone("e.example.", Status.UP_TO_DATE).build()));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION, NONE_DETAILED, 5));

    assertThat(doc.path("failedZones").toString()).isEqualTo("[\"a.example.\"]");
    assertThat(doc.path("notStartedZones").toString()).isEqualTo("[\"b.example.\"]");
    assertThat(doc.path("rejectedZones").toString()).isEqualTo("[\"c.example.\"]");
    assertThat(doc.path("partialZones").toString()).isEqualTo("[\"d.example.\"]");
  }

  @Test
  void functionDocument_whenAllIsWell_writesZerosAndNoZoneLists() throws Exception {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.UP_TO_DATE).overdue(false).build(),
                zone("b.example.", Status.APPLIED).build()));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION, NONE_DETAILED, 5));

    for (String zero :
        List.of(
            "ZonesFailed",
            "ZonesRejected",
            "ZonesPartial",
            "ZonesNotStarted",
            "FullReconcileOverdue",
            "FullReconcileFailing",
            "UnresolvedCuts",
            "CatalogsFailed",
            "MembersQuarantined",
            "OldestQuarantineSeconds")) {
      assertThat(doc.has(zero)).as(zero).isTrue();
      assertThat(doc.path(zero).asDouble()).as(zero).isZero();
    }
    assertThat(doc.fieldNames()).toIterable().noneMatch(f -> f.endsWith("Zones"));
  }

  @Test
  void functionDocument_countsTheZonesWhoseFullReconcileIsOverdueOrFailing() throws Exception {
    ZoneReport.Warning failing =
        new ZoneReport.Warning("FULL_RECONCILE_FAILING", "2 full reconcile(s) in a row failed");
    ZoneReport.Warning other = new ZoneReport.Warning("SOA_RESTORED", "the apex SOA was changed");
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.UP_TO_DATE).overdue(true).warnings(failing).build(),
                zone("b.example.", Status.APPLIED).overdue(false).warnings(other).build(),
                zone("c.example.", Status.FAILED).overdue(true).warnings(other, failing).build(),
                zone("d.example.", Status.UP_TO_DATE).build()));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION, NONE_DETAILED, 5));

    assertThat(doc.path("FullReconcileOverdue").asDouble()).isEqualTo(2.0);
    assertThat(doc.path("fullReconcileOverdueZones").toString())
        .isEqualTo("[\"a.example.\",\"c.example.\"]");
    assertThat(doc.path("FullReconcileFailing").asDouble()).isEqualTo(2.0);
    assertThat(doc.path("fullReconcileFailingZones").toString())
        .isEqualTo("[\"a.example.\",\"c.example.\"]");
  }

  @Test
  void functionDocument_countsEveryUnresolvedCut_andListsEachZoneOnce() throws Exception {
    ZoneReport.Warning lab = new ZoneReport.Warning("UNRESOLVED_CUT", "lab.a.example. is ...");
    ZoneReport.Warning dev = new ZoneReport.Warning("UNRESOLVED_CUT", "dev.a.example. is ...");
    ZoneReport.Warning branch =
        new ZoneReport.Warning("UNRESOLVED_CUT", "branch.b.example. is ...");
    ZoneReport.Warning other = new ZoneReport.Warning("SOA_RESTORED", "the apex SOA was changed");
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.UP_TO_DATE).warnings(lab, other, dev).build(),
                zone("b.example.", Status.APPLIED).warnings(branch).build(),
                zone("c.example.", Status.UP_TO_DATE).warnings(other).build()));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION, NONE_DETAILED, 5));

    assertThat(doc.path("UnresolvedCuts").asDouble()).isEqualTo(3.0);
    assertThat(doc.path("unresolvedCutZones").toString())
        .isEqualTo("[\"a.example.\",\"b.example.\"]");
  }

  @Test
  void functionDocument_carriesTheLearnedChangeRate_whenTheReportHasOne() throws Exception {
    RunReport run =
        RunReport.of(List.of(zone("a.example.", Status.APPLIED).build()))
            .withRoute53Pacing(new LearnedRates(6.5, 187.5, 3));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION, NONE_DETAILED, 5));

    assertThat(doc.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics"))
        .extracting(m -> m.path("Name").asText() + " " + m.path("Unit").asText())
        .contains("Route53LearnedChangeRate Count/Second");
    assertThat(doc.path("Route53LearnedChangeRate").asDouble()).isEqualTo(187.5);
  }

  @Test
  void functionDocument_withoutLearnedRates_leavesTheChangeRateOut() throws Exception {
    RunReport run = RunReport.of(List.of(zone("a.example.", Status.APPLIED).build()));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION, NONE_DETAILED, 5));

    assertThat(doc.has("Route53LearnedChangeRate")).isFalse();
  }

  @Test
  void functionDocument_listsAtMost50ZonesButCountsThemAll() throws Exception {
    List<ZoneReport> zones = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      zones.add(zone("z" + i + ".example.", Status.FAILED).overdue(true).build());
    }

    JsonNode doc =
        functionDocument(EmfMetrics.documents(RunReport.of(zones), FUNCTION, NONE_DETAILED, 5));

    assertThat(doc.path("ZonesFailed").asInt()).isEqualTo(60);
    assertThat(doc.path("failedZones")).hasSize(50);
    assertThat(doc.path("failedZones").get(49).asText()).isEqualTo("z49.example.");
    assertThat(doc.path("FullReconcileOverdue").asInt()).isEqualTo(60);
    assertThat(doc.path("fullReconcileOverdueZones")).hasSize(50);
  }

  @Test
  void documents_ofTenAndOfAThousandZones_describeTheSameMetrics() throws Exception {
    Set<String> ten = distinctMetrics(EmfMetrics.documents(run(10), FUNCTION, NONE_DETAILED, 5));
    Set<String> thousand =
        distinctMetrics(EmfMetrics.documents(run(1000), FUNCTION, NONE_DETAILED, 5));

    assertThat(thousand).hasSize(22).isEqualTo(ten);
  }

  // --- dry runs and per-zone documents -----------------------------------------------------------

  @Test
  void documents_ofADryRun_areNone_evenForDetailedZones() {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.DRY_RUN).overdue(true).build(),
                zone("b.example.", Status.DRY_RUN).build()));

    assertThat(EmfMetrics.documents(run, FUNCTION, zone -> true, 5)).isEmpty();
  }

  @Test
  void documents_onlyDetailedZonesGetAPerZoneDocument() throws Exception {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.UP_TO_DATE).build(),
                zone("b.example.", Status.APPLIED).changes(1, 0, 0).build(),
                zone("c.example.", Status.FAILED).build()));

    List<String> docs = EmfMetrics.documents(run, FUNCTION, Set.of("b.example.")::contains, 5);

    assertThat(docs).hasSize(2);
    JsonNode zoneDoc = JSON.readTree(docs.get(0));
    assertThat(zoneDoc.path("Zone").asText()).isEqualTo("b.example.");
    assertThat(zoneDoc.path("Applied").asInt()).isEqualTo(1);
    assertThat(zoneDoc.path("RecordsCreated").asInt()).isEqualTo(1);
    assertThat(zoneDoc.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
        .isEqualTo("[[\"Zone\"]]");
    // every zone still counts in the function-level document
    JsonNode doc = functionDocument(docs);
    assertThat(doc.path("ZonesUpToDate").asInt()).isEqualTo(1);
    assertThat(doc.path("ZonesApplied").asInt()).isEqualTo(1);
    assertThat(doc.path("ZonesFailed").asInt()).isEqualTo(1);
  }

  @Test
  void documents_withoutFunctionName_areThePerZoneDocumentsOnly() throws Exception {
    RunReport run = RunReport.of(List.of(zone("a.example.", Status.UP_TO_DATE).build()));

    List<String> docs = EmfMetrics.documents(run, null, zone -> true, 5);

    assertThat(docs).hasSize(1);
    assertThat(JSON.readTree(docs.get(0)).path("Zone").asText()).isEqualTo("a.example.");
    assertThat(docs.get(0)).doesNotContain("RunsCompleted");
  }

  @Test
  void publish_writesTheFunctionLevelDocumentAndTheDetailedZonesToStdout() throws Exception {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.UP_TO_DATE).overdue(true).build(),
                zone("b.example.", Status.UP_TO_DATE).overdue(true).build(),
                zone("c.example.", Status.UP_TO_DATE).build()));
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      EmfMetrics.publish(run, FUNCTION, Set.of("a.example.")::contains, 5);
    } finally {
      System.setOut(original);
    }
    List<String> lines = new ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (l.startsWith("{")) {
        lines.add(l);
      }
    }

    JsonNode doc = functionDocument(lines);

    assertThat(doc.path("ZonesUpToDate").asInt()).isEqualTo(3);
    assertThat(doc.path("FullReconcileOverdue").asDouble()).isEqualTo(2.0);
    assertThat(lines)
        .filteredOn(l -> l.contains("\"Zone\""))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("\"Zone\":\"a.example.\""));
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** (namespace, metric name, dimension values) of every metric the documents define. */
  private static Set<String> distinctMetrics(List<String> docs) throws Exception {
    Set<String> out = new TreeSet<>();
    for (String d : docs) {
      JsonNode n = JSON.readTree(d);
      for (JsonNode directive : n.path("_aws").path("CloudWatchMetrics")) {
        for (JsonNode set : directive.path("Dimensions")) {
          StringBuilder dims = new StringBuilder();
          set.forEach(k -> dims.append(k.asText()).append('=').append(n.path(k.asText()).asText()));
          for (JsonNode m : directive.path("Metrics")) {
            out.add(
                directive.path("Namespace").asText() + " " + m.path("Name").asText() + " " + dims);
          }
        }
      }
    }
    return out;
  }

  private static RunReport run(int zones) {
    List<ZoneReport> out = new ArrayList<>();
    Status[] statuses = {Status.UP_TO_DATE, Status.APPLIED, Status.FAILED};
    for (int i = 0; i < zones; i++) {
      out.add(zone("z" + i + ".example.", statuses[i % 3]).calls(1, 0, 0).build());
    }
    return RunReport.of(out);
  }

  /** The one document whose dimension is Function. */
  private static JsonNode functionDocument(List<String> docs) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (String d : docs) {
      JsonNode n = JSON.readTree(d);
      if (n.has("Function")) {
        found.add(n);
      }
    }
    assertThat(found).as("function-level documents in %s", docs).hasSize(1);
    return found.get(0);
  }

  private static Zone zone(String name, Status status) {
    return new Zone(name, status);
  }

  /** A zone report with the fields the metrics read. */
  private static final class Zone {
    private final String name;
    private final Status status;
    private ZoneReport.Counts changes = new ZoneReport.Counts(0, 0, 0);
    private final Map<String, Integer> calls = new LinkedHashMap<>();
    private int throttled;
    private int retries;
    private int skipped;
    private Boolean drift;
    private Boolean overdue;
    private List<ZoneReport.Warning> warnings;

    Zone(String name, Status status) {
      this.name = name;
      this.status = status;
    }

    Zone changes(long create, long update, long delete) {
      changes = new ZoneReport.Counts(create, update, delete);
      return this;
    }

    Zone calls(int total, int throttled, int retries) {
      calls.put("total", total);
      this.throttled = throttled;
      this.retries = retries;
      return this;
    }

    Zone skipped(int n) {
      skipped = n;
      return this;
    }

    Zone drift(boolean d) {
      drift = d;
      return this;
    }

    Zone overdue(boolean o) {
      overdue = o;
      return this;
    }

    Zone warnings(ZoneReport.Warning... w) {
      warnings = List.of(w);
      return this;
    }

    ZoneReport build() {
      return new ZoneReport(
          name,
          "Z1",
          status,
          TransferKind.NONE,
          List.of(),
          "serial unchanged",
          1L,
          1L,
          "10.0.0.53:53",
          changes,
          List.of(),
          skipped,
          0,
          0,
          0,
          calls.isEmpty() ? null : Map.copyOf(calls),
          throttled,
          retries,
          1L,
          0L,
          null,
          drift,
          null,
          overdue == null ? null : "2026-12-01T00:00:00Z",
          overdue,
          5,
          null,
          status == Status.FAILED ? "master unreachable" : null,
          warnings,
          null,
          null);
    }
  }
}
