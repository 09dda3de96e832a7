package dev.zonesync.app;

import dev.zonesync.logging.RawJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * The lists a cut response ({@link ResponseBudget}) holds only in part, whole, as JSON log events
 * an operator can put together again with Logs Insights (README, "Lambda payloads and the report"):
 * per cut zone and list, events {@code {"message":"plan","zone":…,"hostedZoneId":…,"part":1,
 * "parts":3,"plan":[…]}} (and {@code "skipped"} alike), the entries in report order.
 *
 * <p>CloudWatch Logs refuses events over 256 KB; each part's list is kept within {@link
 * #MAX_PART_BYTES}, which leaves the line's other fields (level, invocation, zone: under 2 KB) a
 * wide margin. A single entry larger than a part would get a part of its own, over the limit; a
 * planned change cannot be that large, as Route 53 takes at most 32 000 value characters per
 * request and one RRset never spans requests.
 */
public final class CutLog {

  /** Bytes of one part's JSON array: the event stays under 200 KB, far below 256 KB. */
  public static final int MAX_PART_BYTES = 192 * 1024;

  private CutLog() {}

  /** Which list of a zone report an event carries; its name is both message and field. */
  public enum Kind {
    PLAN("plan"),
    SKIPPED("skipped");

    private final String field;

    Kind(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /**
   * One log event: part {@code part} of {@code parts} of a zone's list.
   *
   * @param json the part's entries as a JSON array, one line
   */
  public record Event(
      Kind kind, String zone, String hostedZoneId, int part, int parts, String json) {
    public Event {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(json, "json");
      if (part < 1 || part > parts) {
        throw new IllegalArgumentException("part " + part + " of " + parts);
      }
    }
  }

  /** The events for every list the response holds only in part, with parts of at most this size. */
  public static List<Event> events(List<ResponseBudget.Cut> cuts, int maxPartBytes) {
    List<Event> events = new ArrayList<>();
    for (ResponseBudget.Cut cut : cuts) {
      if (cut.planCut()) {
        add(events, Kind.PLAN, cut, parts(cut.zone().plan(), maxPartBytes));
      }
      if (cut.skippedCut()) {
        add(events, Kind.SKIPPED, cut, parts(cut.zone().skipped(), maxPartBytes));
      }
    }
    return events;
  }

  private static void add(List<Event> events, Kind kind, ResponseBudget.Cut cut, List<String> p) {
    for (int i = 0; i < p.size(); i++) {
      events.add(
          new Event(kind, cut.zone().zone(), cut.zone().hostedZoneId(), i + 1, p.size(), p.get(i)));
    }
  }

  /**
   * {@code entries} as consecutive JSON arrays of at most {@code maxPartBytes} UTF-8 bytes each (an
   * entry larger than that alone in one); none for no entries.
   */
  static List<String> parts(List<?> entries, int maxPartBytes) {
    if (maxPartBytes < 2) {
      throw new IllegalArgumentException("a part needs at least 2 bytes: " + maxPartBytes);
    }
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder("[");
    int bytes = 1;
    for (Object entry : entries) {
      byte[] json = ReportJson.compact(entry);
      int size = json.length;
      boolean first = part.length() == 1;
      // the closing bracket, and a comma unless the entry opens the part
      if (!first && bytes + 1 + size + 1 > maxPartBytes) {
        parts.add(part.append(']').toString());
        part = new StringBuilder("[");
        bytes = 1;
        first = true;
      }
      if (!first) {
        part.append(',');
        bytes++;
      }
      part.append(new String(json, StandardCharsets.UTF_8));
      bytes += size;
    }
    if (part.length() > 1) {
      parts.add(part.append(']').toString());
    }
    return parts;
  }

  /** Writes the events at INFO, one JSON line each. */
  public static void write(List<Event> events, Logger log) {
    for (Event e : events) {
      log.atInfo()
          .addKeyValue("zone", e.zone())
          .addKeyValue("hostedZoneId", e.hostedZoneId())
          .addKeyValue("part", e.part())
          .addKeyValue("parts", e.parts())
          .addKeyValue(e.kind().field(), new RawJson(e.json()))
          .log(e.kind().field());
    }
  }
}
