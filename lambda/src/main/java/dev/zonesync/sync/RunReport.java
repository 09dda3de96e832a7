package dev.zonesync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zonesync.sync.port.LearnedRates;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one invocation: every requested zone, in configuration order. {@code truncated} is
 * set only on a report whose lists were cut after the run (the function's response: see {@code
 * app.ResponseBudget}); the engine leaves it out, and {@code zonesOmitted} (zones the response
 * leaves out, by status) too. {@code route53Pacing}: the Route 53 rates the process paces itself to
 * at the end of the run, as learned from Route 53 so far (absent when the Route 53 adapter does not
 * learn them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
    List<ZoneReport> zones,
    List<CatalogReport> catalogs,
    boolean ok,
    Boolean truncated,
    Map<String, Integer> zonesOmitted,
    LearnedRates route53Pacing) {
  public RunReport {
    zones = List.copyOf(zones);
    catalogs = catalogs == null || catalogs.isEmpty() ? null : List.copyOf(catalogs);
    zonesOmitted =
        zonesOmitted == null || zonesOmitted.isEmpty()
            ? null
            : Collections.unmodifiableMap(new TreeMap<>(zonesOmitted));
  }

  /** A report without omitted zones or rates. */
  public RunReport(
      List<ZoneReport> zones, List<CatalogReport> catalogs, boolean ok, Boolean truncated) {
    this(zones, catalogs, ok, truncated, null, null);
  }

  /** A report as the engine builds it (no {@code truncated}, no rates). */
  public RunReport(List<ZoneReport> zones, boolean ok) {
    this(zones, null, ok, null);
  }

  /** A report with its lists cut ({@code app.ResponseBudget}). */
  public RunReport(List<ZoneReport> zones, boolean ok, Boolean truncated) {
    this(zones, null, ok, truncated);
  }

  public static RunReport of(List<ZoneReport> zones) {
    return new RunReport(zones, zones.stream().allMatch(z -> z.status().ok()));
  }

  /** Zones and catalogs: ok when every zone and every catalog is. */
  public static RunReport of(List<ZoneReport> zones, List<CatalogReport> catalogs) {
    boolean ok =
        zones.stream().allMatch(z -> z.status().ok())
            && catalogs.stream().allMatch(c -> c.status().ok());
    return new RunReport(zones, catalogs, ok, null);
  }

  /** This report with the rates learned by the end of the run. */
  public RunReport withRoute53Pacing(LearnedRates rates) {
    return new RunReport(zones, catalogs, ok, truncated, zonesOmitted, rates);
  }

  /** The same report with its zones replaced (a cut list). */
  public RunReport withZones(List<ZoneReport> cut, Boolean truncatedNow) {
    return new RunReport(cut, catalogs, ok, truncatedNow, zonesOmitted, route53Pacing);
  }

  /**
   * The same report holding only {@code kept} of its zones and {@code keptCatalogs}: the zones left
   * out counted by status in {@code zonesOmitted} ({@code app.ResponseBudget}, when even the zones'
   * summaries are over the budget).
   */
  public RunReport condensed(
      List<ZoneReport> kept, List<CatalogReport> keptCatalogs, Map<String, Integer> omitted) {
    return new RunReport(kept, keptCatalogs, ok, true, omitted, route53Pacing);
  }
}
