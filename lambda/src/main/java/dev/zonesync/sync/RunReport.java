package dev.zonesync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of one invocation: every requested zone, in configuration order. {@code truncated} is
 * set only on a report whose lists were cut after the run (the function's response: see {@code
 * app.ResponseBudget}); the engine leaves it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(List<ZoneReport> zones, boolean ok, Boolean truncated) {
  public RunReport {
    zones = List.copyOf(zones);
  }

  /** A report as the engine builds it (no {@code truncated}). */
  public RunReport(List<ZoneReport> zones, boolean ok) {
    this(zones, ok, null);
  }

  public static RunReport of(List<ZoneReport> zones) {
    return new RunReport(zones, zones.stream().allMatch(z -> z.status().ok()));
  }
}
