package dev.zonesync.app;

import dev.zonesync.config.SecretResolver;
import dev.zonesync.config.TsigKeySpec;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.TsigKey;
import dev.zonesync.source.DnsZoneSource;
import dev.zonesync.sync.SourceFactory;
import dev.zonesync.sync.port.ZoneSource;

/** Sources that transfer from the configured masters, TSIG secrets fetched at sync time. */
public final class DnsSourceFactory implements SourceFactory {

  private final SecretResolver secrets;

  public DnsSourceFactory(SecretResolver secrets) {
    this.secrets = secrets;
  }

  @Override
  public ZoneSource create(ZoneSettings zone) {
    TsigKeySpec spec = zone.tsig();
    TsigKey key =
        spec == null
            ? null
            : TsigKey.fromBase64(spec.name(), spec.algorithm(), secrets.base64Secret(spec));
    return new DnsZoneSource(
        zone.name(), zone.masters(), zone.discoverMasters(), key, zone.source());
  }
}
