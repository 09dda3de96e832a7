package dev.zonesync.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The whole validated configuration.
 *
 * @param zones the zones listed under {@code zones:}
 * @param catalogs the catalog zones consumed (their members are discovered at run time)
 */
public record Settings(
    List<ZoneSettings> zones,
    Route53Settings route53,
    Duration minBatchTime,
    ExecutionSettings execution,
    List<CatalogSettings> catalogs) {

  public Settings {
    zones = List.copyOf(zones);
    Objects.requireNonNull(route53, "route53");
    Objects.requireNonNull(execution, "execution");
    catalogs = List.copyOf(catalogs);
  }

  /** A configuration without catalogs. */
  public Settings(
      List<ZoneSettings> zones,
      Route53Settings route53,
      Duration minBatchTime,
      ExecutionSettings execution) {
    this(zones, route53, minBatchTime, execution, List.of());
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
    java.util.Set<String> wanted = new java.util.HashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      String want = n.strip().toLowerCase(Locale.ROOT);
      if (!want.endsWith(".")) {
        want = want + ".";
      }
      String w = want;
      if (zones.stream().noneMatch(z -> z.name().text().equals(w))) {
        unknown.add(n);
      }
      wanted.add(want);
    }
    if (!unknown.isEmpty()) {
      throw new UnknownZoneException(unknown, zones.stream().map(z -> z.name().text()).toList());
    }
    // configuration order, whatever order the request names them in: the operator orders the file
    // by priority (zones reached before a deadline), and one hosted zone's sources keep their order
    List<ZoneSettings> out = new ArrayList<>();
    for (ZoneSettings z : zones) {
      if (wanted.contains(z.name().text())) {
        out.add(z);
      }
    }
    return out;
  }
}
