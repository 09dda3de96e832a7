package dev.zonesync.sync;

import dev.zonesync.config.Settings;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.sync.port.ApiCallMeter;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.HostedZone;
import java.util.List;

/**
 * The sync engine as both edges use it: built once (per Lambda container or CLI run) from a
 * validated configuration and its ports; no network calls until {@link #run}.
 */
public final class Engine {

  private final Settings settings;
  private final ChangeSink changes;
  private final ZoneSynchronizer synchronizer;
  private final SyncRunner runner;

  public Engine(
      Settings settings,
      HostedZone hostedZone,
      ChangeSink changes,
      ApiCallMeter calls,
      SourceFactory sources) {
    this.settings = settings;
    this.changes = changes;
    this.synchronizer =
        new ZoneSynchronizer(
            hostedZone,
            changes,
            calls,
            sources,
            java.time.Clock.systemUTC(),
            settings.execution().unchangedCheckEvery());
    this.runner = new SyncRunner(synchronizer::sync, settings.execution().concurrency());
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
   * Syncs the named zones (all when empty).
   *
   * @throws dev.zonesync.config.ConfigException for unknown zone names (nothing runs)
   */
  public RunReport run(List<String> zones, SyncOptions options, Deadline deadline) {
    List<ZoneSettings> selected = settings.select(zones);
    RunReport report = runner.run(selected, options, deadline);
    return changes.learnedRates().map(report::withRoute53Pacing).orElse(report);
  }
}
