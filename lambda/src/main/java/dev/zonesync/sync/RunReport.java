package dev.zonesync.sync;

import java.util.List;

/** The result of one invocation: every requested zone, in configuration order. */
public record RunReport(List<ZoneReport> zones, boolean ok) {
  public RunReport {
    zones = List.copyOf(zones);
  }

  public static RunReport of(List<ZoneReport> zones) {
    return new RunReport(zones, zones.stream().allMatch(z -> z.status().ok()));
  }
}
