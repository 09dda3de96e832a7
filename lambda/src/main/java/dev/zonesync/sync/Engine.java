package dev.zonesync.sync;

import dev.zonesync.config.Route53Settings;
import dev.zonesync.config.Settings;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.Route53Clients;
import java.util.List;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The sync engine as both edges use it: built once (per Lambda container or CLI run) from a
 * validated configuration; no network calls until {@link #run}.
 */
public final class Engine {

  private final Settings settings;
  private final ZoneSynchronizer synchronizer;
  private final SyncRunner runner;

  public Engine(Settings settings, Route53Client route53, SourceFactory sources) {
    this.settings = settings;
    this.synchronizer =
        new ZoneSynchronizer(
            new HostedZoneReader(route53),
            new ChangeApplier(route53, settings.minBatchTime()),
            sources);
    this.runner = new SyncRunner(synchronizer);
  }

  /** Where to report apply progress (the CLI's progress line). */
  public Engine onProgress(Progress progress) {
    synchronizer.onProgress(progress);
    return this;
  }

  /** Builds the Route 53 client from the configuration's {@code route53} section. */
  public static Route53Client route53Client(Settings settings) {
    Route53Settings r = settings.route53();
    return Route53Clients.create(r);
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
    return runner.run(selected, options, deadline);
  }
}
