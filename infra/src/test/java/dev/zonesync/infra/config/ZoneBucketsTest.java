package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a zone's nested-stack resources live: must never change for a deployed zone. */
class ZoneBucketsTest {

  // Expected buckets: CRC-32 of the lower-case name with a trailing dot, computed outside Java
  // (python3 zlib.crc32), modulo the bucket count. A different hash would move deployed
  // schedules and alarms between nested stacks.
  @ParameterizedTest(name = "{0} of {1} -> {2}")
  @CsvSource({
    "corp.example.,          4,  1",
    "corp.example.,          10, 9",
    "Corp.Example,           10, 9",
    "lab.example.,           4,  3",
    "lab.example.,           20, 11",
    "zone-000.corp.example., 4,  3",
    "zone-199.corp.example., 10, 7",
    "_msdcs.corp.example.,   10, 4",
  })
  void of_isCrc32OfTheNormalisedName(String zone, int buckets, int expected) {
    assertThat(ZoneBuckets.of(zone, buckets)).isEqualTo(expected);
  }

  @Test
  void of_spreads200ZonesEvenlyEnough() {
    int[] counts = new int[4];
    for (int i = 0; i < 200; i++) {
      counts[ZoneBuckets.of(String.format("zone-%03d.corp.example.", i), 4)]++;
    }
    assertThat(IntStream.of(counts).boxed().toList())
        .allSatisfy(n -> assertThat(n).isBetween(30, 70));
  }

  @Test
  void spread_putsEachZoneInItsBucketInConfigOrder() {
    List<Zone> zones =
        List.of(
            zone(0, "lab.example."), zone(1, "corp.example."), zone(2, "zone-000.corp.example."));
    List<List<Zone>> buckets = ZoneBuckets.spread(zones, 4);
    assertThat(buckets).hasSize(4);
    assertThat(buckets.get(0)).isEmpty();
    assertThat(buckets.get(1)).extracting(Zone::name).containsExactly("corp.example.");
    assertThat(buckets.get(2)).isEmpty();
    assertThat(buckets.get(3))
        .extracting(Zone::name)
        .containsExactly("lab.example.", "zone-000.corp.example.");
  }

  static Zone zone(int index, String name) {
    return new Zone(
        index,
        name,
        Optional.of("Z" + index),
        false,
        List.of(),
        "rate(5 minutes)",
        Optional.empty());
  }
}
