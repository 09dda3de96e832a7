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
import java.util.List;
import org.junit.jupiter.api.Test;

/** The function-level FullReconcileOverdue document beside the per-zone ones. */
class EmfMetricsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNCTION = "zonesync-test";

  @Test
  void documents_countTheZonesWhoseFullReconcileIsOverdue() throws Exception {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.UP_TO_DATE, true),
                zone("b.example.", Status.APPLIED, false),
                zone("c.example.", Status.FAILED, true),
                zone("d.example.", Status.UP_TO_DATE, null)));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION));

    JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Function\"]]");
    assertThat(directive.path("Metrics"))
        .extracting(m -> m.path("Name").asText() + " " + m.path("Unit").asText())
        .containsExactlyInAnyOrder("FullReconcileOverdue Count", "FullReconcileFailing Count");
    assertThat(doc.path("Function").asText()).isEqualTo(FUNCTION);
    assertThat(doc.path("FullReconcileOverdue").asDouble()).isEqualTo(2.0);
    assertThat(doc.path("fullReconcileOverdueZones").toString())
        .isEqualTo("[\"a.example.\",\"c.example.\"]");
  }

  @Test
  void documents_countTheZonesWhoseFullReconcileKeepsFailing() throws Exception {
    ZoneReport.Warning failing =
        new ZoneReport.Warning("FULL_RECONCILE_FAILING", "2 full reconcile(s) in a row failed");
    ZoneReport.Warning other = new ZoneReport.Warning("SOA_RESTORED", "the apex SOA was changed");
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.APPLIED, false, List.of(failing)),
                zone("b.example.", Status.UP_TO_DATE, false, List.of(other)),
                zone("c.example.", Status.UP_TO_DATE, false, List.of(other, failing)),
                zone("d.example.", Status.UP_TO_DATE, false, null)));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION));

    assertThat(doc.path("FullReconcileFailing").asDouble()).isEqualTo(2.0);
    assertThat(doc.path("fullReconcileFailingZones").toString())
        .isEqualTo("[\"a.example.\",\"c.example.\"]");
  }

  @Test
  void documents_whenNoZoneIsOverdue_publishZeroSoTheAlarmClears() throws Exception {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.UP_TO_DATE, false),
                zone("b.example.", Status.APPLIED, null)));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION));

    assertThat(doc.path("FullReconcileOverdue").asDouble()).isEqualTo(0.0);
    assertThat(doc.has("fullReconcileOverdueZones")).isFalse();
    assertThat(doc.path("FullReconcileFailing").asDouble()).isEqualTo(0.0);
    assertThat(doc.has("fullReconcileFailingZones")).isFalse();
  }

  @Test
  void documents_carryTheLearnedChangeRate_whenTheReportHasOne() throws Exception {
    RunReport run =
        RunReport.of(List.of(zone("a.example.", Status.APPLIED, false)))
            .withRoute53Pacing(new LearnedRates(6.5, 187.5, 3));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION));

    assertThat(doc.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics"))
        .extracting(m -> m.path("Name").asText() + " " + m.path("Unit").asText())
        .contains("Route53LearnedChangeRate Count/Second");
    assertThat(doc.path("Route53LearnedChangeRate").asDouble()).isEqualTo(187.5);
  }

  @Test
  void documents_withoutLearnedRates_leaveTheChangeRateOut() throws Exception {
    RunReport run = RunReport.of(List.of(zone("a.example.", Status.APPLIED, false)));

    JsonNode doc = functionDocument(EmfMetrics.documents(run, FUNCTION));

    assertThat(doc.has("Route53LearnedChangeRate")).isFalse();
  }

  @Test
  void documents_ofADryRun_haveNoFunctionLevelDocument() throws Exception {
    RunReport run = RunReport.of(List.of(zone("a.example.", Status.DRY_RUN, true)));

    assertThat(EmfMetrics.documents(run, FUNCTION)).isEmpty();
  }

  @Test
  void documents_withoutFunctionName_areThePerZoneDocumentsOnly() throws Exception {
    RunReport run = RunReport.of(List.of(zone("a.example.", Status.UP_TO_DATE, true)));

    List<String> docs = EmfMetrics.documents(run);

    assertThat(docs).hasSize(1);
    assertThat(JSON.readTree(docs.get(0)).path("Zone").asText()).isEqualTo("a.example.");
    assertThat(docs.get(0)).doesNotContain("FullReconcileOverdue");
  }

  @Test
  void documents_listAtMost50OverdueZonesButCountThemAll() throws Exception {
    List<ZoneReport> zones = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      zones.add(zone("z" + i + ".example.", Status.UP_TO_DATE, true));
    }

    JsonNode doc = functionDocument(EmfMetrics.documents(RunReport.of(zones), FUNCTION));

    assertThat(doc.path("FullReconcileOverdue").asDouble()).isEqualTo(60.0);
    assertThat(doc.path("fullReconcileOverdueZones")).hasSize(50);
    assertThat(doc.path("fullReconcileOverdueZones").get(49).asText()).isEqualTo("z49.example.");
  }

  @Test
  void publish_writesTheFunctionLevelDocumentToStdout() throws Exception {
    RunReport run =
        RunReport.of(
            List.of(
                zone("a.example.", Status.UP_TO_DATE, true),
                zone("b.example.", Status.UP_TO_DATE, true)));
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      EmfMetrics.publish(run, FUNCTION);
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

    assertThat(doc.path("FullReconcileOverdue").asDouble()).isEqualTo(2.0);
    assertThat(lines).filteredOn(l -> l.contains("\"Zone\"")).hasSize(2);
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

  private static ZoneReport zone(String name, Status status, Boolean overdue) {
    return zone(name, status, overdue, null);
  }

  private static ZoneReport zone(
      String name, Status status, Boolean overdue, List<ZoneReport.Warning> warnings) {
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
        new ZoneReport.Counts(0, 0, 0),
        List.of(),
        0,
        0,
        0,
        0,
        null,
        0,
        0,
        1L,
        0L,
        null,
        null,
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
