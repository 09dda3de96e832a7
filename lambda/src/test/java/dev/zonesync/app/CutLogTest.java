package dev.zonesync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.logging.LogFields;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.ZoneReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The lists a cut response left out, as log events each within CloudWatch's event limit. */
class CutLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out = System.out;

  @AfterEach
  void restore() {
    System.setOut(out);
    LogFields.clear();
  }

  private static List<ZoneReport.SkippedEntry> entries(int count, int detailChars) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                new ZoneReport.SkippedEntry(
                    "n" + i + ".example.", "HINFO", "X", "d".repeat(detailChars)))
        .toList();
  }

  static Stream<Arguments> lists() {
    return Stream.of(
        // entries, detail characters, part bytes, parts expected
        Arguments.of(0, 10, 1_000, 0),
        Arguments.of(1, 10, 1_000, 1),
        Arguments.of(10, 100, 1_000, 2), // each entry ~160 bytes: 6 fit in 1 000
        Arguments.of(1_000, 100, CutLog.MAX_PART_BYTES, 1),
        Arguments.of(5_000, 100, CutLog.MAX_PART_BYTES, 5),
        Arguments.of(3, 2_000, 1_000, 3)); // an entry larger than a part: one part each
  }

  @ParameterizedTest(name = "{0} entries of ~{1} chars in parts of {2} bytes")
  @MethodSource("lists")
  void parts_eachWithinTheLimit_togetherTheWholeListInOrder(
      int count, int detail, int maxPartBytes, int expectedParts) throws Exception {
    List<ZoneReport.SkippedEntry> entries = entries(count, detail);

    List<String> parts = CutLog.parts(entries, maxPartBytes);

    assertThat(parts).hasSize(expectedParts);
    List<JsonNode> joined = new ArrayList<>();
    for (String p : parts) {
      JsonNode array = JSON.readTree(p);
      assertThat(array.isArray()).isTrue();
      assertThat(array).isNotEmpty();
      if (array.size() > 1) {
        assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxPartBytes);
      }
      array.forEach(joined::add);
    }
    List<JsonNode> expected = entries.stream().map(CutLogTest::parsed).toList();
    assertThat(joined).containsExactlyElementsOf(expected);
  }

  @Test
  void parts_countBytesNotCharacters() throws Exception {
    // 100 two-byte characters per entry: by characters 5 would fit in 700, by bytes only 3
    List<ZoneReport.SkippedEntry> entries = entries(5, 0);
    List<ZoneReport.SkippedEntry> wide =
        entries.stream()
            .map(e -> new ZoneReport.SkippedEntry(e.name(), e.type(), e.reason(), "é".repeat(100)))
            .toList();

    List<String> parts = CutLog.parts(wide, 700);

    assertThat(parts)
        .allSatisfy(
            p -> assertThat(p.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(700));
    assertThat(parts).hasSizeGreaterThan(1);
  }

  @Test
  void events_coverEveryCutListWhole_andNothingElse() {
    ZoneReport planOnly = ResponseBudgetTest.zone("a.corp.example.", 1_000, 0);
    ZoneReport both = ResponseBudgetTest.zone("b.corp.example.", 1_000, 1_000);
    ZoneReport small = ResponseBudgetTest.zone("c.corp.example.", 3, 0);
    ResponseBudget.Fitted fitted =
        ResponseBudget.fit(RunReport.of(List.of(planOnly, both, small)), 20_000);

    List<CutLog.Event> events = CutLog.events(fitted.cuts(), 30_000);

    // in report order, plan before skipped; the zone that was not cut has none
    assertThat(events)
        .extracting(e -> e.zone() + " " + e.kind().field())
        .containsSubsequence(
            "a.corp.example. plan", "b.corp.example. plan", "b.corp.example. skipped")
        .containsOnly("a.corp.example. plan", "b.corp.example. plan", "b.corp.example. skipped");
    assertThat(events)
        .allSatisfy(e -> assertThat(e.hostedZoneId()).isEqualTo("Z0123456789ABCDEFGHIJ"));
    assertWholeAndNumbered(events, "a.corp.example.", CutLog.Kind.PLAN, planOnly.plan());
    assertWholeAndNumbered(events, "b.corp.example.", CutLog.Kind.PLAN, both.plan());
    assertWholeAndNumbered(events, "b.corp.example.", CutLog.Kind.SKIPPED, both.skipped());
  }

  /** The events of one list: parts 1..n of n, under 30 000 bytes, joined the whole list. */
  private static void assertWholeAndNumbered(
      List<CutLog.Event> events, String zone, CutLog.Kind kind, List<?> whole) {
    List<CutLog.Event> mine =
        events.stream().filter(e -> e.zone().equals(zone) && e.kind() == kind).toList();
    assertThat(mine).hasSizeGreaterThan(1);
    List<JsonNode> joined = new ArrayList<>();
    for (int i = 0; i < mine.size(); i++) {
      CutLog.Event e = mine.get(i);
      assertThat(e.part()).isEqualTo(i + 1);
      assertThat(e.parts()).isEqualTo(mine.size());
      assertThat(e.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(30_000);
      readArray(e.json()).forEach(joined::add);
    }
    // parsed from text, as the parts are (a tree of the value would hold longs where text has ints)
    List<JsonNode> expected = whole.stream().map(CutLogTest::parsed).toList();
    assertThat(joined).containsExactlyElementsOf(expected);
  }

  @Test
  void write_logsOneJsonLinePerEvent_withTheListAsAnArray() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
    LogFields.set(java.util.Map.of("function_request_id", "req-1"));
    ZoneReport z = ResponseBudgetTest.zone("a.corp.example.", 1_000, 0);
    ResponseBudget.Fitted fitted = ResponseBudget.fit(RunReport.of(List.of(z)), 2_000);

    CutLog.write(
        CutLog.events(fitted.cuts(), CutLog.MAX_PART_BYTES), LoggerFactory.getLogger(CutLog.class));

    System.setOut(out);
    List<String> lines = b.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getBytes(StandardCharsets.UTF_8).length).isLessThan(200 * 1024);
    JsonNode event = JSON.readTree(lines.get(0));
    assertThat(event.path("level").asText()).isEqualTo("INFO");
    assertThat(event.path("message").asText()).isEqualTo("plan");
    assertThat(event.path("zone").asText()).isEqualTo("a.corp.example.");
    assertThat(event.path("hostedZoneId").asText()).isEqualTo("Z0123456789ABCDEFGHIJ");
    assertThat(event.path("part").asInt()).isEqualTo(1);
    assertThat(event.path("parts").asInt()).isEqualTo(1);
    assertThat(event.path("function_request_id").asText()).isEqualTo("req-1");
    assertThat(event.path("plan").isArray()).isTrue();
    assertThat(event.path("plan")).hasSize(1_000);
    assertThat(event.path("plan").get(999).path("name").asText())
        .isEqualTo("h00999.a.corp.example.");
  }

  /** The value written by the test's own mapper, parsed back. */
  private static JsonNode parsed(Object value) {
    try {
      return JSON.readTree(JSON.writeValueAsString(value));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode readArray(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
