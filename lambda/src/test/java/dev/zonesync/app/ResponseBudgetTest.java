package dev.zonesync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.sync.CatalogReport;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.TransferKind;
import dev.zonesync.sync.ZoneReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The function's response within its byte budget. Sizes are measured on the JSON bytes with a
 * mapper of the test's own; counts come from the fixtures.
 */
class ResponseBudgetTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MIB = 1 << 20;

  /** What the budget adds to a report it does not cut: the top-level flag ... */
  private static final int TRUNCATED_FALSE = ",\"truncated\":false".length();

  /** ... and, per zone with a skipped list, whether that list is whole. */
  private static final int SKIPPED_FLAG_FALSE = ",\"skippedTruncated\":false".length();

  private static final int SKIPPED_FLAG_TRUE = ",\"skippedTruncated\":true".length();

  /** More bytes than any fixture's plan or skipped entry takes. */
  private static final int LONGEST_ENTRY = 200;

  // ------------------------------------------------------------------------------------------
  // fixtures: zone reports shaped as the engine makes them (lists capped at 1000, counts exact)

  /**
   * An APPLIED zone that planned {@code creates} RRsets and skipped {@code skippedTotal}; its lists
   * hold the first 1000 of each.
   */
  static ZoneReport zone(String name, int creates, int skippedTotal) {
    List<ZoneReport.PlannedChange> plan =
        IntStream.range(0, Math.min(creates, 1000))
            .mapToObj(
                i ->
                    new ZoneReport.PlannedChange(
                        "create",
                        String.format(Locale.ROOT, "h%05d.%s", i, name),
                        "A",
                        3600L,
                        List.of("10.0." + (i / 250) + "." + (i % 250 + 1)),
                        null,
                        null))
            .toList();
    List<ZoneReport.SkippedEntry> skipped =
        IntStream.range(0, Math.min(skippedTotal, 1000))
            .mapToObj(
                i ->
                    new ZoneReport.SkippedEntry(
                        String.format(Locale.ROOT, "legacy%05d.%s", i, name),
                        "HINFO",
                        "UNSUPPORTED_TYPE",
                        "Route 53 cannot hold HINFO records"))
            .toList();
    return new ZoneReport(
        name,
        "Z0123456789ABCDEFGHIJ",
        creates == 0 ? Status.UP_TO_DATE : Status.APPLIED,
        TransferKind.AXFR,
        List.of(TransferKind.AXFR),
        "no zonesync marker in the hosted zone (first sync, or removed)",
        2026112201L,
        1L,
        "10.10.0.53:53",
        new ZoneReport.Counts(creates, 0, 0),
        skipped,
        skippedTotal,
        creates / 1000 + 1,
        creates / 1000 + 1,
        creates / 1000 + 1,
        Map.of("ChangeResourceRecordSets", creates / 1000 + 1, "ListResourceRecordSets", 1),
        0,
        0,
        30L,
        (long) creates + skippedTotal + 3,
        "full",
        null,
        "full",
        "2026-11-30T09:12:40Z",
        false,
        617,
        null,
        null,
        null,
        plan,
        creates > 1000);
  }

  /** A zone whose serial was already applied: no lists. */
  static ZoneReport upToDate(String name) {
    ZoneReport f = failed(name);
    return new ZoneReport(
        f.zone(),
        f.hostedZoneId(),
        Status.UP_TO_DATE,
        TransferKind.NONE,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of("ListResourceRecordSets", 1, "total", 1),
        0,
        0,
        null,
        null,
        null,
        null,
        "serial-check",
        null,
        null,
        12,
        null,
        null,
        null,
        null,
        null);
  }

  /** A zone whose master failed: no plan, no lists. */
  static ZoneReport failed(String name) {
    return new ZoneReport(
        name,
        "Z0123456789ABCDEFGHIJ",
        Status.FAILED,
        TransferKind.NONE,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of("total", 0),
        0,
        0,
        null,
        null,
        null,
        null,
        "serial-check",
        null,
        null,
        12,
        null,
        "no master answered: 10.10.0.53:53 timed out",
        null,
        null,
        null);
  }

  static List<ZoneReport> zones(int count, int creates, int skipped) {
    List<ZoneReport> z = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      z.add(zone(String.format(Locale.ROOT, "zone%02d.corp.example.", i), creates, skipped));
    }
    return z;
  }

  /** The report's compact JSON as the test's own mapper writes it (without the budget's flags). */
  static int independentSize(RunReport report) throws Exception {
    return JSON.writeValueAsBytes(report).length;
  }

  // ------------------------------------------------------------------------------------------
  // the table: whatever the case, the same promises

  static Stream<Arguments> cases() {
    List<ZoneReport> oneHuge = new ArrayList<>(zones(9, 20, 2));
    oneHuge.add(4, zone("huge.corp.example.", 1_200, 1_500));
    List<ZoneReport> withFailures = new ArrayList<>(zones(3, 800, 0));
    withFailures.add(1, failed("down.corp.example."));
    return Stream.of(
        Arguments.of("zero zones", RunReport.of(List.of()), MIB, false),
        Arguments.of("one small zone", RunReport.of(zones(1, 30, 3)), MIB, false),
        Arguments.of("50 zones of 1200 RRsets", RunReport.of(zones(50, 1_200, 0)), MIB, true),
        Arguments.of(
            "50 zones, full lists of both kinds", RunReport.of(zones(50, 1_200, 1_500)), MIB, true),
        Arguments.of("one huge zone among small ones", RunReport.of(oneHuge), 64 * 1024, true),
        Arguments.of(
            "a zone with only skipped entries", RunReport.of(zones(1, 0, 1_500)), 16 * 1024, true),
        Arguments.of("failed zones have no lists", RunReport.of(withFailures), 40 * 1024, true),
        Arguments.of("a budget of 6 MB", RunReport.of(zones(50, 1_200, 1_500)), 6_000_000, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fit_keepsTheResponseWithinBudget_countsExact_listsPrefixes_flagsTrue(
      String name, RunReport report, int budget, boolean expectCut) throws Exception {
    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, budget);

    byte[] json = fitted.json();
    assertThat(json.length).as("response bytes").isLessThanOrEqualTo(budget);
    assertThat(fitted.withinBudget()).isTrue();
    if (expectCut) {
      // and it uses the budget: each list left at most one entry's room unused
      assertThat(json.length).isGreaterThan(budget - 2 * report.zones().size() * LONGEST_ENTRY);
    }
    // the bytes are the report returned, and parse
    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(JSON.writeValueAsString(fitted.report()));
    JsonNode parsed = JSON.readTree(json);
    assertThat(parsed.path("truncated").asBoolean()).isEqualTo(expectCut);
    assertThat(fitted.truncated()).isEqualTo(expectCut);
    assertThat(parsed.path("ok").asBoolean()).isEqualTo(report.ok());
    assertThat(parsed.path("zones")).hasSize(report.zones().size());

    for (int i = 0; i < report.zones().size(); i++) {
      ZoneReport before = report.zones().get(i);
      ZoneReport after = fitted.report().zones().get(i);
      JsonNode zone = parsed.path("zones").get(i);
      // every field but the lists and their flags as it was: counts included
      assertThat(after.withLists(before.plan(), before.planTruncated(), before.skipped(), null))
          .isEqualTo(before);
      if (before.changes() != null) {
        assertThat(zone.path("changes").path("create").asLong())
            .isEqualTo(before.changes().create());
        assertThat(zone.path("skippedTotal").asInt()).isEqualTo(before.skippedTotal());
      }
      if (before.plan() == null) {
        assertThat(zone.has("plan")).isFalse();
        assertThat(zone.has("skippedTruncated")).isFalse();
        continue;
      }
      assertThat(before.plan()).startsWith(after.plan().toArray(ZoneReport.PlannedChange[]::new));
      assertThat(before.skipped())
          .startsWith(after.skipped().toArray(ZoneReport.SkippedEntry[]::new));
      boolean planComplete = after.plan().size() == before.plan().size() && !before.planTruncated();
      assertThat(zone.path("planTruncated").asBoolean()).isEqualTo(!planComplete);
      assertThat(zone.path("skippedTruncated").asBoolean())
          .isEqualTo(after.skipped().size() < before.skippedTotal());
      assertThat(zone.path("plan")).hasSize(after.plan().size());
      assertThat(zone.path("skipped")).hasSize(after.skipped().size());
    }
    // the cuts name exactly the zones whose lists are shorter now
    List<String> shorter = new ArrayList<>();
    for (int i = 0; i < report.zones().size(); i++) {
      ZoneReport before = report.zones().get(i);
      ZoneReport after = fitted.report().zones().get(i);
      if (before.plan() != null
          && (after.plan().size() < before.plan().size()
              || after.skipped().size() < before.skipped().size())) {
        shorter.add(before.zone());
      }
    }
    assertThat(fitted.cuts()).extracting(c -> c.zone().zone()).containsExactlyElementsOf(shorter);
    assertThat(shorter.isEmpty()).isEqualTo(!expectCut);
  }

  // ------------------------------------------------------------------------------------------
  // the edge of the budget

  @Test
  void fit_whenTheBudgetIsExactlyTheWholeResponse_cutsNothing() throws Exception {
    RunReport report = RunReport.of(zones(3, 200, 1_500));
    int whole = independentSize(report) + TRUNCATED_FALSE + 3 * SKIPPED_FLAG_TRUE;

    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, whole);

    assertThat(fitted.bytes()).isEqualTo(whole);
    assertThat(fitted.truncated()).isFalse();
    assertThat(fitted.cuts()).isEmpty();
    assertThat(fitted.report().zones()).allSatisfy(z -> assertThat(z.plan()).hasSize(200));
    // the engine's own 1000-entry cap is said too
    assertThat(JSON.readTree(fitted.json()).path("zones").get(0).path("skippedTruncated").asText())
        .isEqualTo("true");
  }

  @Test
  void fit_whenTheBudgetIsOneByteShort_cutsAndFits() throws Exception {
    RunReport report = RunReport.of(zones(3, 200, 10));
    int whole = independentSize(report) + TRUNCATED_FALSE + 3 * SKIPPED_FLAG_FALSE;

    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, whole - 1);

    assertThat(fitted.bytes()).isLessThanOrEqualTo(whole - 1);
    assertThat(fitted.truncated()).isTrue();
    JsonNode json = JSON.readTree(fitted.json());
    assertThat(json.path("truncated").asBoolean()).isTrue();
    // alike lists lose alike: the last planned change of each zone
    for (JsonNode zone : json.path("zones")) {
      assertThat(zone.path("plan")).hasSize(199);
      assertThat(zone.path("planTruncated").asBoolean()).isTrue();
      assertThat(zone.path("changes").path("create").asInt()).isEqualTo(200);
      assertThat(zone.path("skipped")).hasSize(10);
      assertThat(zone.path("skippedTruncated").asBoolean()).isFalse();
      assertThat(zone.path("skippedTotal").asInt()).isEqualTo(10);
    }
  }

  // ------------------------------------------------------------------------------------------
  // how it cuts

  @Test
  void fit_whenOverBudget_cutsLargestListsFirst() throws Exception {
    ZoneReport small = zone("small.corp.example.", 10, 0);
    ZoneReport medium = zone("medium.corp.example.", 100, 0);
    ZoneReport large = zone("large.corp.example.", 1_000, 0);
    RunReport report = RunReport.of(List.of(small, large, medium));
    int whole = independentSize(report) + TRUNCATED_FALSE + 3 * SKIPPED_FLAG_FALSE;

    // 20 000 bytes less: the large list alone can give them and still stay above the medium one
    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, whole - 20_000);

    assertThat(fitted.bytes()).isLessThanOrEqualTo(whole - 20_000);
    List<ZoneReport> z = fitted.report().zones();
    assertThat(z.get(0).plan()).hasSize(10);
    assertThat(z.get(0).planTruncated()).isFalse();
    assertThat(z.get(2).plan()).hasSize(100);
    assertThat(z.get(2).planTruncated()).isFalse();
    assertThat(z.get(1).plan().size()).isBetween(101, 999);
    assertThat(z.get(1).planTruncated()).isTrue();
    assertThat(fitted.cuts()).singleElement().satisfies(c -> assertThat(c.zone()).isEqualTo(large));
  }

  @Test
  void fit_whenOverBudget_givesAlikeListsTheSameShare() {
    RunReport report = RunReport.of(zones(4, 1_000, 1_000));

    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, 200_000);

    List<Integer> plans = fitted.report().zones().stream().map(z -> z.plan().size()).toList();
    List<Integer> skipped = fitted.report().zones().stream().map(z -> z.skipped().size()).toList();
    assertThat(plans).allSatisfy(n -> assertThat(n).isEqualTo(plans.get(0)).isBetween(1, 999));
    assertThat(skipped).allSatisfy(n -> assertThat(n).isEqualTo(skipped.get(0)).isBetween(1, 999));
    assertThat(fitted.bytes()).isLessThanOrEqualTo(200_000);
  }

  @Test
  void fit_zoneWithOnlySkippedEntries_cutsSkippedAndKeepsTheEmptyPlan() throws Exception {
    RunReport report = RunReport.of(List.of(zone("quiet.corp.example.", 0, 1_500)));

    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, 8 * 1024);

    assertThat(fitted.bytes()).isLessThanOrEqualTo(8 * 1024);
    JsonNode zone = JSON.readTree(fitted.json()).path("zones").get(0);
    assertThat(zone.path("status").asText()).isEqualTo("UP_TO_DATE");
    assertThat(zone.path("plan").isArray()).isTrue();
    assertThat(zone.path("plan")).isEmpty();
    assertThat(zone.path("planTruncated").asBoolean()).isFalse();
    assertThat(zone.path("skipped").size()).isBetween(1, 999);
    assertThat(zone.path("skippedTruncated").asBoolean()).isTrue();
    assertThat(zone.path("skippedTotal").asInt()).isEqualTo(1_500);
    assertThat(fitted.cuts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.planCut()).isFalse();
              assertThat(c.skippedCut()).isTrue();
            });
  }

  @Test
  void fit_zeroZones_returnsTheEmptyReportWithItsFlag() {
    ResponseBudget.Fitted fitted = ResponseBudget.fit(RunReport.of(List.of()), MIB);

    assertThat(new String(fitted.json(), StandardCharsets.UTF_8))
        .isEqualTo("{\"zones\":[],\"ok\":true,\"truncated\":false}");
    assertThat(fitted.cuts()).isEmpty();
  }

  @Test
  void fit_whenEvenEmptyListsAreOverBudget_leavesOutWholeZonesAndCountsThemByStatus()
      throws Exception {
    RunReport report = RunReport.of(zones(3, 50, 5));
    int oneZone = independentSize(RunReport.of(zones(1, 0, 0)));

    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, oneZone + 200);

    assertThat(fitted.withinBudget()).isTrue();
    JsonNode json = JSON.readTree(fitted.json());
    assertThat(json.path("truncated").asBoolean()).isTrue();
    assertThat(json.path("zones")).hasSize(1);
    assertThat(json.path("zones").get(0).path("zone").asText())
        .as("the last in the report goes first")
        .isEqualTo("zone00.corp.example.");
    assertThat(json.path("zones").get(0).path("plan")).isEmpty();
    assertThat(json.path("zonesOmitted").path("APPLIED").asInt()).isEqualTo(2);
    assertThat(fitted.zonesOmitted()).isEqualTo(2);
    // every zone's lists were cut: the log still gets them all whole
    assertThat(fitted.cuts()).hasSize(3);
  }

  @Test
  void fit_whenZonesMustGo_upToDateGoBeforeAppliedAndFailedStayLongest() throws Exception {
    List<ZoneReport> zones = new ArrayList<>();
    zones.add(failed("down.corp.example."));
    zones.addAll(zones(2, 10, 0)); // APPLIED
    for (int i = 0; i < 6; i++) {
      zones.add(upToDate("same" + i + ".corp.example."));
    }
    RunReport report = RunReport.of(zones);
    int failedOnly = independentSize(RunReport.of(List.of(failed("down.corp.example."))));

    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, failedOnly + 120);

    JsonNode json = JSON.readTree(fitted.json());
    assertThat(json.path("zones"))
        .extracting(z -> z.path("zone").asText())
        .containsExactly("down.corp.example.");
    assertThat(json.path("zonesOmitted").path("UP_TO_DATE").asInt()).isEqualTo(6);
    assertThat(json.path("zonesOmitted").path("APPLIED").asInt()).isEqualTo(2);
    assertThat(json.path("ok").asBoolean()).isFalse();
    assertThat(fitted.withinBudget()).isTrue();
  }

  @Test
  void fit_whenCatalogMembersAreTooMany_mirroredMembersGoFirstAndZonesStay() throws Exception {
    List<CatalogReport.Member> members = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      members.add(
          new CatalogReport.Member(
              "m" + i + ".corp.example.", "Z" + (10_000_000 + i), "mirrored", "mirrored"));
    }
    members.add(
        new CatalogReport.Member(
            "evilcorp.example.", null, "refused", "evilcorp.example. is outside allow"));
    CatalogReport catalog =
        new CatalogReport("catalog.corp.example.", Status.UP_TO_DATE, null, 7L, members);
    RunReport report = RunReport.of(zones(2, 0, 0), List.of(catalog));
    assertThat(independentSize(report)).isGreaterThan(100_000);

    ResponseBudget.Fitted fitted = ResponseBudget.fit(report, 100_000);

    JsonNode json = JSON.readTree(fitted.json());
    assertThat(json.path("zones")).hasSize(2);
    assertThat(json.has("zonesOmitted")).isFalse();
    JsonNode c = json.path("catalogs").get(0);
    assertThat(c.path("membersOmitted").asInt()).isEqualTo(3_000);
    assertThat(c.path("members"))
        .extracting(m -> m.path("state").asText())
        .containsExactly("refused");
    assertThat(json.path("truncated").asBoolean()).isTrue();
    assertThat(fitted.withinBudget()).isTrue();
  }

  @Test
  void fit_whenTheBudgetCannotHoldEvenAnEmptyReport_saysSo() {
    ResponseBudget.Fitted fitted = ResponseBudget.fit(RunReport.of(zones(3, 50, 5)), 10);

    assertThat(fitted.withinBudget()).isFalse();
    assertThat(fitted.zonesOmitted()).isEqualTo(3);
    assertThat(fitted.truncated()).isTrue();
  }

  @Test
  void fit_neverChangesWhatTheCliPrints() throws Exception {
    RunReport report = RunReport.of(zones(2, 1_200, 1_500));
    String before = ReportJson.toJson(report);

    ResponseBudget.fit(report, 10_000);

    assertThat(ReportJson.toJson(report)).isEqualTo(before);
    JsonNode printed = JSON.readTree(before);
    assertThat(printed.has("truncated")).isFalse();
    assertThat(printed.path("zones"))
        .allSatisfy(z -> assertThat(z.has("skippedTruncated")).isFalse());
    assertThat(printed.path("zones").get(0).path("plan")).hasSize(1_000);
  }

  // ------------------------------------------------------------------------------------------
  // validation

  @Test
  void budget_mustBePositive() {
    assertThatThrownBy(() -> new ResponseBudget(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void cut_mustCutSomethingAndKeepNoMoreThanThereIs() {
    ZoneReport z = zone("a.corp.example.", 10, 3);
    assertThatThrownBy(() -> new ResponseBudget.Cut(z, 10, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing");
    assertThatThrownBy(() -> new ResponseBudget.Cut(z, 11, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResponseBudget.Cut(z, -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ResponseBudget.Cut(z, 10, 0).planCut()).isFalse();
  }
}
