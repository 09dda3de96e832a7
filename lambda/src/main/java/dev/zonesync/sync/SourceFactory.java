package dev.zonesync.sync;

import dev.zonesync.config.ZoneSettings;
import dev.zonesync.sync.port.ZoneSource;

/** Creates the source for a zone (resolving its TSIG secret when needed). */
@FunctionalInterface
public interface SourceFactory {
  ZoneSource create(ZoneSettings zone);
}
