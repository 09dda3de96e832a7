package dev.zonesync.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The schedules of the zones of one nested stack ({@link ZoneBuckets}): zones sharing a schedule
 * expression go into one schedule, at most {@code zonesPerSchedule} each, whose input names them
 * all, {@code {"zones": [...]}}, in config order.
 *
 * <p>Stability: within an expression the zones are chunked in name order, and a schedule's ID is
 * its expression and chunk number. Adding or removing a zone therefore changes the schedules of its
 * own nested stack and expression from its chunk on (their inputs shift by one zone), never those
 * of other expressions or nested stacks; appending a zone that sorts last changes one schedule.
 * Chunking by a hash instead would leave the others alone but fill schedules unevenly.
 */
public final class ScheduleGroups {
  private ScheduleGroups() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One schedule.
   *
   * @param id construct ID, stable while the chunk exists: a readable form of the expression, its
   *     hash (two expressions may read alike once punctuation is dropped) and the chunk number
   * @param zones in config order
   */
  public record Group(String id, String expression, int chunk, List<Zone> zones) {
    public Group {
      zones = List.copyOf(zones);
      if (zones.isEmpty()) {
        throw new IllegalArgumentException("a schedule group needs at least one zone");
      }
    }

    /** The schedule's input: {@code {"zones": [names in config order]}}, compact and stable. */
    public String input() {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("zones", zones.stream().map(Zone::name).toList());
      try {
        return JSON.writeValueAsString(input);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The input's size as the function reads it (UTF-8 bytes). */
    public int inputBytes() {
      return input().getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** The groups of {@code zones}, by expression (in sorted order), then chunk. */
  public static List<Group> of(List<Zone> zones, int zonesPerSchedule) {
    if (zonesPerSchedule < 1) {
      throw new IllegalArgumentException("zonesPerSchedule must be >= 1, got " + zonesPerSchedule);
    }
    Map<String, List<Zone>> byExpression = new TreeMap<>();
    for (Zone z : zones) {
      byExpression.computeIfAbsent(z.schedule(), k -> new ArrayList<>()).add(z);
    }
    List<Group> out = new ArrayList<>();
    byExpression.forEach(
        (expression, members) -> {
          List<Zone> sorted =
              members.stream()
                  .sorted(Comparator.comparing(Zone::metricName).thenComparing(Zone::index))
                  .toList();
          for (int from = 0, chunk = 0; from < sorted.size(); from += zonesPerSchedule, chunk++) {
            List<Zone> chunkZones =
                sorted.subList(from, Math.min(sorted.size(), from + zonesPerSchedule)).stream()
                    .sorted(Comparator.comparing(Zone::index))
                    .toList();
            out.add(new Group(id(expression, chunk), expression, chunk, chunkZones));
          }
        });
    return out;
  }

  static String id(String expression, int chunk) {
    CRC32 crc = new CRC32();
    crc.update(expression.getBytes(StandardCharsets.UTF_8));
    String readable = expression.replaceAll("[^A-Za-z0-9]+", "");
    readable = readable.substring(0, Math.min(readable.length(), 40));
    return readable + String.format("-%08x-%d", crc.getValue(), chunk + 1);
  }
}
