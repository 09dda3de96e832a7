package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which zones share a schedule, and what changes when a zone comes or goes. */
class ScheduleGroupsTest {

  @Test
  void of_whenOneExpression_chunksByNameAndListsEachChunkInConfigOrder() {
    // Config order d, a, e, b, c: chunks of 2 by name are [a, b], [c, d], [e].
    List<Zone> zones =
        List.of(
            zone(0, "d.example.", "rate(5 minutes)"),
            zone(1, "a.example.", "rate(5 minutes)"),
            zone(2, "e.example.", "rate(5 minutes)"),
            zone(3, "B.example", "rate(5 minutes)"),
            zone(4, "c.example.", "rate(5 minutes)"));

    List<ScheduleGroups.Group> groups = ScheduleGroups.of(zones, 2);

    assertThat(groups)
        .extracting(g -> names(g))
        .containsExactly(
            List.of("a.example.", "B.example"),
            List.of("d.example.", "c.example."),
            List.of("e.example."));
    assertThat(groups.get(1).input()).isEqualTo("{\"zones\":[\"d.example.\",\"c.example.\"]}");
    assertThat(groups).extracting(ScheduleGroups.Group::chunk).containsExactly(0, 1, 2);
    assertThat(groups.get(0).inputBytes()).isEqualTo(groups.get(0).input().length());
  }

  @Test
  void of_groupsByExpressionFirst() {
    List<Zone> zones =
        List.of(
            zone(0, "a.example.", "rate(5 minutes)"),
            zone(1, "b.example.", "rate(1 hour)"),
            zone(2, "c.example.", "rate(5 minutes)"),
            zone(3, "d.example.", "cron(0/15 * * * ? *)"));

    Map<String, List<String>> byExpression = new LinkedHashMap<>();
    for (ScheduleGroups.Group g : ScheduleGroups.of(zones, 50)) {
      assertThat(byExpression.put(g.expression(), names(g))).isNull();
    }

    assertThat(byExpression)
        .containsOnly(
            Map.entry("rate(5 minutes)", List.of("a.example.", "c.example.")),
            Map.entry("rate(1 hour)", List.of("b.example.")),
            Map.entry("cron(0/15 * * * ? *)", List.of("d.example.")));
  }

  @Test
  void of_whenOnePerSchedule_givesEachZoneItsOwnSchedule() {
    List<Zone> zones = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      zones.add(zone(i, "z" + i + ".example.", "rate(5 minutes)"));
    }

    List<ScheduleGroups.Group> groups = ScheduleGroups.of(zones, 1);

    assertThat(groups).hasSize(7).allSatisfy(g -> assertThat(g.zones()).hasSize(1));
  }

  @Test
  void ids_areStablePerExpressionAndChunk_andSafeAsConstructIds() {
    List<ScheduleGroups.Group> groups =
        ScheduleGroups.of(
            List.of(
                zone(0, "a.example.", "cron(0/15 * * * ? *)"),
                zone(1, "b.example.", "cron(0-15 * * * ? *)")),
            50);

    // Same readable part, different expressions: the hash tells them apart; no '/' in an ID.
    assertThat(groups).extracting(ScheduleGroups.Group::id).doesNotHaveDuplicates();
    assertThat(groups).allSatisfy(g -> assertThat(g.id()).matches("[A-Za-z0-9-]+").endsWith("-1"));
    assertThat(ScheduleGroups.id("rate(5 minutes)", 2))
        .isEqualTo(ScheduleGroups.id("rate(5 minutes)", 2))
        .startsWith("rate5minutes-")
        .endsWith("-3");
  }

  @Test
  void addingAZoneThatSortsLast_changesOneScheduleOnly() {
    List<Zone> before = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      before.add(zone(i, String.format("zone-%03d.example.", i), "rate(5 minutes)"));
    }
    List<Zone> after = new ArrayList<>(before);
    after.add(zone(120, "zone-120.example.", "rate(5 minutes)"));

    Map<String, String> was = inputs(ScheduleGroups.of(before, 50));
    Map<String, String> now = inputs(ScheduleGroups.of(after, 50));

    assertThat(now.keySet()).isEqualTo(was.keySet());
    List<String> changed = new ArrayList<>();
    now.forEach(
        (id, input) -> {
          if (!input.equals(was.get(id))) {
            changed.add(id);
          }
        });
    assertThat(changed).hasSize(1);
  }

  @Test
  void addingAZoneOnAnotherExpression_leavesTheOthersAlone() {
    List<Zone> before = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      before.add(zone(i, String.format("zone-%03d.example.", i), "rate(5 minutes)"));
    }
    List<Zone> after = new ArrayList<>(before);
    after.add(0, zone(60, "aaa.example.", "rate(1 hour)"));

    Map<String, String> was = inputs(ScheduleGroups.of(before, 50));
    Map<String, String> now = inputs(ScheduleGroups.of(after, 50));

    assertThat(now).containsAllEntriesOf(was).hasSize(was.size() + 1);
  }

  @Test
  void of_refusesAZeroChunkSize() {
    assertThatThrownBy(() -> ScheduleGroups.of(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zonesPerSchedule must be >= 1");
  }

  private static Map<String, String> inputs(List<ScheduleGroups.Group> groups) {
    Map<String, String> out = new LinkedHashMap<>();
    groups.forEach(g -> out.put(g.id(), g.input()));
    return out;
  }

  private static List<String> names(ScheduleGroups.Group g) {
    return g.zones().stream().map(Zone::name).toList();
  }

  private static Zone zone(int index, String name, String schedule) {
    return new Zone(
        index, name, Optional.of("Z" + index), false, List.of(), schedule, Optional.empty());
  }
}
