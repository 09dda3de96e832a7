package dev.zonesync.sync;

import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.Settings;
import dev.zonesync.config.UnknownZoneException;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.sync.port.ApiCallMeter;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.HostedZoneLifecycle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sync engine as both edges use it: built once (per Lambda container or CLI run) from a
 * validated configuration and its ports; no network calls until {@link #run}. A run syncs the
 * configured zones it is asked for and the consumed catalogs with their members: each catalog is
 * read and decided first ({@link CatalogSync#prepare}), then every zone — configured or member —
 * runs through the one {@link SyncRunner} (concurrency, pacer, deadline), then each catalog records
 * what its members' syncs completed ({@link CatalogSync#finish}).
 */
public final class Engine {

  private final Settings settings;
  private final ChangeSink changes;
  private final ZoneSynchronizer synchronizer;
  private final SyncRunner runner;
  private final CatalogSync catalogs;

  public Engine(
      Settings settings,
      HostedZone hostedZone,
      ChangeSink changes,
      ApiCallMeter calls,
      SourceFactory sources) {
    this(settings, hostedZone, changes, calls, sources, null);
  }

  /**
   * @param lifecycle creates and exposes catalog members' hosted zones; null when the configuration
   *     consumes no catalog
   */
  public Engine(
      Settings settings,
      HostedZone hostedZone,
      ChangeSink changes,
      ApiCallMeter calls,
      SourceFactory sources,
      HostedZoneLifecycle lifecycle) {
    this(settings, hostedZone, changes, calls, sources, lifecycle, java.time.Clock.systemUTC());
  }

  /** As above, on the given clock (the marker's times, full-reconcile slots, member states). */
  public Engine(
      Settings settings,
      HostedZone hostedZone,
      ChangeSink changes,
      ApiCallMeter calls,
      SourceFactory sources,
      HostedZoneLifecycle lifecycle,
      java.time.Clock clock) {
    if (!settings.catalogs().isEmpty() && lifecycle == null) {
      throw new IllegalArgumentException(
          "the configuration consumes catalogs: the engine needs a hosted-zone lifecycle");
    }
    this.settings = settings;
    this.changes = changes;
    this.synchronizer =
        new ZoneSynchronizer(
            hostedZone, changes, calls, sources, clock, settings.execution().unchangedCheckEvery());
    this.runner = new SyncRunner(synchronizer::sync, settings.execution().concurrency());
    this.catalogs =
        lifecycle == null
            ? null
            : new CatalogSync(hostedZone, changes, lifecycle, sources, synchronizer, clock);
  }

  /** Where to report apply progress (the CLI's progress line). */
  public Engine onProgress(Progress progress) {
    synchronizer.onProgress(progress);
    return this;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Syncs the named zones (all zones and catalogs when empty).
   *
   * @throws dev.zonesync.config.ConfigException for unknown zone names (nothing runs)
   */
  public RunReport run(List<String> zones, SyncOptions options, Deadline deadline) {
    return run(zones, List.of(), options, deadline);
  }

  /**
   * Syncs the named zones and catalogs; both empty: every zone and every catalog. A zone name that
   * is not configured may be a catalog's recorded member: that member alone is synced.
   *
   * @throws dev.zonesync.config.ConfigException for unknown zone or catalog names (nothing runs)
   */
  public RunReport run(
      List<String> zones, List<String> catalogNames, SyncOptions options, Deadline deadline) {
    boolean everything = zones.isEmpty() && catalogNames.isEmpty();
    List<CatalogSettings> wanted = everything ? settings.catalogs() : selectCatalogs(catalogNames);
    List<ZoneSettings> toRun = new ArrayList<>();
    Map<ZoneSettings, SyncOptions> own = new HashMap<>();
    if (everything) {
      toRun.addAll(settings.zones());
    } else if (!zones.isEmpty()) {
      toRun.addAll(selectZonesOrMembers(zones));
    }
    List<CatalogSync.Prepared> prepared = new ArrayList<>();
    List<ZoneReport> reports = new ArrayList<>();
    for (CatalogSettings c : wanted) {
      CatalogSync.Prepared p = catalogs.prepare(c, settings, options, deadline);
      prepared.add(p);
      reports.addAll(p.catalogZoneReports());
      for (CatalogSync.Member m : p.members()) {
        toRun.add(m.zone());
        own.put(m.zone(), m.options());
      }
    }
    List<ZoneReport> synced = runner.reports(toRun, z -> own.getOrDefault(z, options), deadline);
    reports.addAll(0, synced.subList(0, toRun.size() - own.size()));
    reports.addAll(synced.subList(toRun.size() - own.size(), synced.size()));
    Map<DnsName, ZoneReport> byName = new HashMap<>();
    for (int i = 0; i < toRun.size(); i++) {
      byName.put(toRun.get(i).name(), synced.get(i));
    }
    List<CatalogReport> catalogReports = new ArrayList<>();
    for (CatalogSync.Prepared p : prepared) {
      catalogReports.add(catalogs.finish(p, byName, options, deadline));
    }
    RunReport report = RunReport.of(reports, catalogReports);
    return changes.learnedRates().map(report::withRoute53Pacing).orElse(report);
  }

  /**
   * What each named catalog (every one when empty) would decide for its members now, reading only:
   * no hosted zone created, no record written, no zone synced.
   */
  public RunReport describeCatalogs(List<String> names, Deadline deadline) {
    List<CatalogReport> out = new ArrayList<>();
    for (CatalogSettings c : names.isEmpty() ? settings.catalogs() : selectCatalogs(names)) {
      out.add(catalogs.describe(c, settings, deadline));
    }
    return RunReport.of(List.of(), out);
  }

  private List<CatalogSettings> selectCatalogs(List<String> names) {
    List<CatalogSettings> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    Set<String> wanted = new LinkedHashSet<>();
    for (String n : names) {
      wanted.add(absolute(n));
    }
    for (CatalogSettings c : settings.catalogs()) {
      if (wanted.remove(c.name().text())) {
        out.add(c);
      }
    }
    unknown.addAll(wanted);
    if (!unknown.isEmpty()) {
      throw new UnknownZoneException(
          unknown, settings.catalogs().stream().map(c -> c.name().text()).toList());
    }
    return out;
  }

  /** Configured zones by name, and — for names no zone has — the catalogs' recorded members. */
  private List<ZoneSettings> selectZonesOrMembers(List<String> names) {
    Set<String> configured = new LinkedHashSet<>();
    settings.zones().forEach(z -> configured.add(z.name().text()));
    List<String> asZones = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String n : names) {
      (configured.contains(absolute(n)) ? asZones : rest).add(n);
    }
    List<ZoneSettings> out =
        asZones.isEmpty() ? new ArrayList<>() : new ArrayList<>(settings.select(asZones));
    if (rest.isEmpty()) {
      return out;
    }
    Map<DnsName, ZoneSettings> members = new LinkedHashMap<>();
    if (catalogs != null) {
      for (CatalogSettings c : settings.catalogs()) {
        members.putAll(catalogs.recordedMembers(c, settings));
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String n : rest) {
      ZoneSettings m = members.get(DnsName.of(absolute(n)));
      if (m == null) {
        unknown.add(n);
      } else {
        out.add(m);
      }
    }
    if (!unknown.isEmpty()) {
      List<String> known = new ArrayList<>(configured);
      members.keySet().forEach(k -> known.add(k.text()));
      throw new UnknownZoneException(unknown, known);
    }
    return out;
  }

  private static String absolute(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }
}
