package dev.zonesync.infra.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Which nested stack a zone's schedule or alarms live in: a stable hash of the zone name, so adding
 * or removing a zone touches one nested stack and never moves the other zones' resources.
 */
public final class ZoneBuckets {
  private ZoneBuckets() {}

  /** The bucket of {@code zoneName} among {@code buckets}; case and trailing dot do not matter. */
  public static int of(String zoneName, int buckets) {
    CRC32 crc = new CRC32();
    String n = zoneName.toLowerCase(Locale.ROOT);
    crc.update((n.endsWith(".") ? n : n + ".").getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % buckets);
  }

  /** The zones spread over {@code buckets} lists (some may be empty), each in config order. */
  public static List<List<Zone>> spread(List<Zone> zones, int buckets) {
    List<List<Zone>> out = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      out.add(new ArrayList<>());
    }
    for (Zone z : zones) {
      out.get(of(z.name(), buckets)).add(z);
    }
    return out;
  }
}
