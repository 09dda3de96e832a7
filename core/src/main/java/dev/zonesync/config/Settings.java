package dev.zonesync.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The whole validated configuration. */
public record Settings(
    List<ZoneSettings> zones,
    Route53Settings route53,
    Duration minBatchTime,
    ExecutionSettings execution) {

  public Settings {
    zones = List.copyOf(zones);
    Objects.requireNonNull(route53, "route53");
    Objects.requireNonNull(execution, "execution");
  }

  /**
   * The zones a request names (with or without trailing dot, any case), in configuration order; all
   * zones when {@code names} is empty.
   *
   * @throws ConfigException naming the unknown zones and the configured ones
   */
  public List<ZoneSettings> select(List<String> names) {
    if (names == null || names.isEmpty()) {
      return zones;
    }
    List<ZoneSettings> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      String want = n.strip().toLowerCase(Locale.ROOT);
      if (!want.endsWith(".")) {
        want = want + ".";
      }
      ZoneSettings found = null;
      for (ZoneSettings z : zones) {
        if (z.name().text().equals(want)) {
          found = z;
        }
      }
      if (found == null) {
        unknown.add(n);
      } else if (!out.contains(found)) {
        out.add(found);
      }
    }
    if (!unknown.isEmpty()) {
      throw new UnknownZoneException(unknown, zones.stream().map(z -> z.name().text()).toList());
    }
    return out;
  }
}
