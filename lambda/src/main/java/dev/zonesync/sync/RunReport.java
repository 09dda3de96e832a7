package dev.zonesync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zonesync.sync.port.LearnedRates;
import java.util.List;

/**
 * The result of one invocation: every requested zone, in configuration order. {@code truncated} is
 * set only on a report whose lists were cut after the run (the function's response: see {@code
 * app.ResponseBudget}); the engine leaves it out. {@code route53Pacing}: the Route 53 rates the
 * process paces itself to at the end of the run, as learned from Route 53 so far (absent when the
 * Route 53 adapter does not learn them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
    List<ZoneReport> zones, boolean ok, Boolean truncated, LearnedRates route53Pacing) {
  public RunReport {
    zones = List.copyOf(zones);
  }

  /** A report as the engine builds it (no {@code truncated}, no rates). */
  public RunReport(List<ZoneReport> zones, boolean ok) {
    this(zones, ok, null, null);
  }

  public static RunReport of(List<ZoneReport> zones) {
    return new RunReport(zones, zones.stream().allMatch(z -> z.status().ok()));
  }

  /** This report with the rates learned by the end of the run. */
  public RunReport withRoute53Pacing(LearnedRates rates) {
    return new RunReport(zones, ok, truncated, rates);
  }
}
